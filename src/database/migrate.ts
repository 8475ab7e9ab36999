import { DataSource } from 'typeorm';
import { ensureDatabase } from './database-bootstrap';
import { typeOrmOptions } from './typeorm-options';

/** Creates the database when missing and runs pending migrations, once, before processes that skip them start. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const dataSource = new DataSource({ ...typeOrmOptions(databaseUrl, await ensureDatabase(databaseUrl), false), logging: ['error'] });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}
