import type { INestApplication } from '@nestjs/common';
import type request from 'supertest';
import { ResourceRegistry } from '../../../src/resources';
import { jobFinished } from '../jobs';
import type { Engine, TargetDatabase } from './targets';

/** The registry name of each engine's database. */
export const DATABASE_NAMES: Record<Engine, string> = { mariadb: 'maria', postgres: 'pg' };

const ACTIONS = {
  purge_before: { operation: 'deleteMany', table: 'logs', filter: { createdAt: { $lt: '{{before}}' } } },
  restock: { operation: 'updateMany', table: 'inventory', filter: { sku: { $in: '{{skus}}' } }, data: { qty: '{{qty}}' } },
  note: { operation: 'insert', table: 'notes', data: { author: '{{author}}', body: 'said: {{text}}' } },
  set_qty: { sql: 'UPDATE inventory SET qty = :qty WHERE sku = :sku' },
  // A ':fake' inside quotes is text, not a placeholder; the repeated :level binds the same value twice.
  levels: { sql: "SELECT level, ':fake' AS label, COUNT(*) AS n FROM logs WHERE level = :level OR level = :level GROUP BY level" },
  in_list: { sql: 'SELECT sku FROM inventory WHERE sku IN (:skus) ORDER BY sku' },
};

/** One product `shop` (env `prd`) with a MariaDB and a Postgres database, both behind the same allow-list. */
export function databasesRegistry(targets: Record<Engine, TargetDatabase>): ResourceRegistry {
  const database = (target: TargetDatabase) => ({
    type: target.engine,
    url: target.url,
    tables: ['logs', 'inventory', 'notes'],
    pool_size: 4,
    actions: ACTIONS,
  });
  return ResourceRegistry.fromObject(
    { products: { shop: { envs: ['prd'], databases: { maria: database(targets.mariadb), pg: database(targets.postgres) } } } },
    {},
  );
}

type Http = ReturnType<typeof request>;

export interface JobView {
  status: string;
  run_count: number;
  last_error: string | null;
}

export interface RunView {
  attempt: number;
  status: string;
  result: Record<string, unknown> | null;
  error: string | null;
}

/** Dispatching and following jobs of the database namespaces through the real HTTP API. */
export function databaseClient(app: () => { app: INestApplication; http: Http }) {
  const http = () => app().http;
  const job = async (id: string): Promise<JobView> => (await http().get(`/jobs/${id}`).expect(200)).body;
  return {
    operation: (database: string, operation: string, input: unknown, extra: Record<string, unknown> = {}) =>
      http().post('/databases/dispatch').send({ env: 'prd', product: 'shop', database, operation, input, ...extra }),
    action: (database: string, event: string, input: unknown, extra: Record<string, unknown> = {}) =>
      http().post('/databases/actions/dispatch').send({ env: 'prd', product: 'shop', database, event, input, ...extra }),
    job,
    runs: async (id: string): Promise<RunView[]> => (await http().get(`/jobs/${id}/runs`).expect(200)).body.items,
    finished: (id: string, timeoutMs = 20_000): Promise<JobView> => jobFinished(http(), id, timeoutMs),
  };
}
