import { ResourceRegistry } from '../../../src/resources';
import { GRAPH_DATABASE_TYPES, graphDatabaseUrl } from './graph-databases';

/** The database every graph end-to-end test keeps its graphs in, one of each type. */
export const GRAPH_TARGET_DATABASE = 'dispatch_test_graphtarget';

/** Product `shop` with a MariaDB and a PostgreSQL database, and one graph (with actions) on each: `<type>-graph`. */
export function graphsRegistry(): ResourceRegistry {
  const databases = Object.fromEntries(GRAPH_DATABASE_TYPES.map((type) => [`${type}-db`, { type, url: graphDatabaseUrl(type, GRAPH_TARGET_DATABASE), pool_size: 4 }]));
  const graphs = Object.fromEntries(
    GRAPH_DATABASE_TYPES.map((type) => [
      `${type}-graph`,
      {
        type: 'sql',
        database: `${type}-db`,
        actions: {
          expire: { operation: 'deleteNodes', labels: ['Session'], filter: { expiresAt: { $lt: '{{before}}' } }, detach: true },
          open_session: { operation: 'mergeNode', labels: ['Session'], match: { token: '{{token}}' }, properties: { expiresAt: '{{expiresAt}}' } },
          own: { operation: 'createRelationship', type: 'OWNS', from: '{{user}}', to: '{{session}}' },
        },
      },
    ]),
  );
  return ResourceRegistry.fromObject({ products: { shop: { envs: ['prd'], databases, graphs } } }, {});
}
