import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResourceRegistry } from '../../../resources';
import type { ResolvedDatabase } from '../../../resources/sections/databases.section';
import { ConnectionPool, PooledConnection } from '../../events/connection-pool';
import { dataSourceOptions, redactPassword } from './data-source-options';

/** How long shutdown waits for each pool to close. */
const CLOSE_TIMEOUT_MS = 5_000;

/** A DataSource as the shared pool sees it: open while initialised. */
class PooledDataSource implements PooledConnection {
  constructor(readonly dataSource: DataSource) {}

  get open(): boolean {
    return this.dataSource.isInitialized;
  }

  async close(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * The TypeORM DataSources of the registry's databases: one connection pool per (product, env,
 * database), opened on first use (concurrent first callers share one initialisation) and closed when
 * the application shuts down — after the worker has drained its running occurrences in
 * `beforeApplicationShutdown`, so a query under way is not cut off. Used by the database namespaces and
 * the SQL graph store.
 */
@Injectable()
export class DatabaseConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseConnections.name);
  private readonly pool = new ConnectionPool<PooledDataSource>();
  private readonly urls = new Map<string, string>();

  constructor(private readonly registry: ResourceRegistry) {}

  /** Pools open, and openings under way. */
  get size(): number {
    return this.pool.size;
  }

  /**
   * The initialised DataSource of a registry database as seen from `env`. Rejects with
   * UnknownResourceError when the registry does not know it, and with the driver's error (password
   * removed) when the database cannot be reached; a later call tries again.
   */
  async dataSource(product: string, env: string, database: string): Promise<DataSource> {
    const config = this.registry.entry<ResolvedDatabase>(product, env, 'databases', database, 'database');
    const label = `${product}/${env}/${database}`;
    this.urls.set(label, config.url);
    const pooled = await this.pool.acquire(label, () => open(config, label));
    return pooled.dataSource;
  }

  async onApplicationShutdown(): Promise<void> {
    const failures = await this.pool.closeAll(CLOSE_TIMEOUT_MS);
    for (const { key, error } of failures) {
      const text = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Database pool ${key} did not close cleanly: ${redactPassword(text, this.urls.get(key) ?? '')}`);
    }
  }
}

async function open(config: ResolvedDatabase, label: string): Promise<PooledDataSource> {
  const dataSource = new DataSource(dataSourceOptions(config, label));
  try {
    await dataSource.initialize();
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new Error(`database '${label}' (${config.type}) is unreachable: ${redactPassword(text, config.url)}`, { cause: error });
  }
  return new PooledDataSource(dataSource);
}
