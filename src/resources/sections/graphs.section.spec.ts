import { join } from 'node:path';
import { formatProblem } from '../registry-errors';
import { ResourceRegistry } from '../resource-registry';
import { graphDatabaseProblems, ResolvedGraph } from './graphs.section';

const DATABASES = { 'logs-db': { type: 'mariadb', url: 'mysql://root@127.0.0.1:3306/logs' }, pg: { type: 'postgres', url: 'postgres://127.0.0.1/x' } };

function registry(graphs: Record<string, unknown>, databases: Record<string, unknown> | null = DATABASES): ResourceRegistry {
  return ResourceRegistry.fromObject({ products: { shop: { envs: ['dev', 'prd'], ...(databases && { databases }), graphs } } }, {});
}

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    return (error as { problems: string[] }).problems;
  }
  return [];
}

describe('graphs section', () => {
  it('reads the design example', () => {
    const example = ResourceRegistry.fromFile(join(__dirname, '..', 'fixtures', 'design-example.yaml'), {
      MAIL_TOKEN: 'm', EXPO_TOKEN: 'e', TW_SID: 's', TW_TOKEN: 't', HOOK_SECRET: 'h', S3_KEY: 'k', S3_SECRET: 'x',
    });
    expect(example.entry<ResolvedGraph>('shop', 'dev', 'graphs', 'session-graph')).toEqual({
      type: 'sql',
      database: 'logs-db',
      actions: { expire: { operation: 'deleteNodes', filter: { expired: true }, detach: true } },
    });
    expect(graphDatabaseProblems(example)).toEqual([]);
  });

  it('takes per-env databases and defaults actions to none', () => {
    const graphs = registry({ g: { type: 'sql', database: { dev: 'pg', prd: 'logs-db' } } });
    expect(graphs.entry<ResolvedGraph>('shop', 'dev', 'graphs', 'g')).toEqual({ type: 'sql', database: 'pg', actions: {} });
    expect(graphs.entry<ResolvedGraph>('shop', 'prd', 'graphs', 'g').database).toBe('logs-db');
  });

  it('names each bad key by its path', () => {
    expect(
      problems(() =>
        registry({
          a: { type: 'neo4j', database: 'logs-db' },
          b: { type: 'sql' },
          c: { type: 'sql', database: 'logs-db', extra: 1, actions: { 'bad name': { operation: 'findNodes' }, x: { operation: 'dropGraph' }, y: { filter: {} }, z: { operation: 'findNodes', sql: 'DROP' } } },
        }),
      ),
    ).toEqual([
      'products.shop.graphs.a.type: must be one of sql',
      'products.shop.graphs.b.database: is required',
      'products.shop.graphs.c.extra: is not a known key',
      'products.shop.graphs.c.actions.bad name: must be an action name: letters, digits, _ . : - (at most 128)',
      'products.shop.graphs.c.actions.x.operation: must be one of createNode, mergeNode, findNodes, updateNodes, deleteNodes, createRelationship, findRelationships, deleteRelationships, getNeighborhood, shortestPath, countNodes',
      'products.shop.graphs.c.actions.y.operation: is required',
      'products.shop.graphs.c.actions.z.sql: is not a known key',
    ]);
  });

  it('reports a database that the product does not declare, per env when the value is per env', () => {
    const graphs = registry({ ok: { type: 'sql', database: 'pg' }, typo: { type: 'sql', database: 'log-db' }, split: { type: 'sql', database: { dev: 'pg', prd: 'nope' } } });
    expect(graphDatabaseProblems(graphs).map(formatProblem)).toEqual([
      "products.shop.graphs.typo.database: names no database of product 'shop' (databases: logs-db, pg)",
      "products.shop.graphs.split.database.prd: names no database of product 'shop' (databases: logs-db, pg)",
    ]);
    expect(graphDatabaseProblems(registry({ g: { type: 'sql', database: 'x' } }, null)).map(formatProblem)).toEqual([
      "products.shop.graphs.g.database: names no database of product 'shop' (the product declares no databases)",
    ]);
  });
});
