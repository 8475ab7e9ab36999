import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { typeOrmOptions } from './src/database/typeorm-options';

/** The DataSource the TypeORM migration CLI uses: `npm run migration:run`. */
const databaseUrl = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/dispatch';
const type = process.env.DATABASE_TYPE === 'mysql' ? 'mysql' : 'mariadb';
export default new DataSource({ ...typeOrmOptions(databaseUrl, { type, database: '' }), migrationsRun: false });
