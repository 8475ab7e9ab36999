import type { RegistryProblem } from '../registry-errors';
import { childPath } from '../registry-utils';
import type { ResourceRegistry } from '../resource-registry';
import { checkOneOf, checkString } from './checks';
import { byType, mapOf, object, optional, raw, scalar, Spec } from './section-spec';

/**
 * The `graphs` section (DESIGN §4): property graphs that the graph namespaces run operations on. The
 * built-in `sql` type keeps a graph in tables of a database declared in the same product.
 *
 * ```yaml
 * graphs:
 *   session-graph:
 *     type: sql
 *     database: logs-db                 # a database of this product holds the graph tables
 *     actions:                          # named templates; {{x}} from input.query, then input.data
 *       expire: { operation: deleteNodes, labels: [Session], filter: { expiresAt: { $lt: "{{before}}" } }, detach: true }
 *       link: { operation: createRelationship, type: OWNS, from: "{{user}}", to: "{{session}}" }
 * ```
 */

/** What `POST /graphs/dispatch` runs, and what an action template may name as its `operation`. */
export const GRAPH_OPERATIONS = [
  'createNode',
  'mergeNode',
  'findNodes',
  'updateNodes',
  'deleteNodes',
  'createRelationship',
  'findRelationships',
  'deleteRelationships',
  'getNeighborhood',
  'shortestPath',
  'countNodes',
] as const;
export type GraphOperation = (typeof GRAPH_OPERATIONS)[number];

/** Arguments an operation may take; a template's values may hold `{{placeholder}}`s, checked once filled. */
export const GRAPH_ARGUMENTS = [
  'labels',
  'properties',
  'match',
  'filter',
  'set',
  'unset',
  'all',
  'detach',
  'type',
  'from',
  'to',
  'limit',
  'offset',
  'node',
  'depth',
  'direction',
  'maxDepth',
] as const;

/** A named action: an operation and its input, with `{{placeholder}}`s filled from the dispatch input. */
export type GraphActionTemplate = { operation: GraphOperation } & Partial<Record<(typeof GRAPH_ARGUMENTS)[number], unknown>>;

/** A graph entry as `registry.entry(product, env, 'graphs', name)` returns it for one env. */
export interface ResolvedGraph {
  type: 'sql';
  /** A database of the same product (`databases` section). */
  database: string;
  actions: Record<string, GraphActionTemplate>;
}

const ACTION: Spec = object({
  operation: scalar(checkOneOf(GRAPH_OPERATIONS)),
  ...Object.fromEntries(GRAPH_ARGUMENTS.map((name) => [name, optional(raw())])),
});

const ACTION_NAME = { pattern: /^[A-Za-z0-9_.:-]{1,128}$/, message: 'must be an action name: letters, digits, _ . : - (at most 128)' };

export const GRAPHS_SECTION: Spec = byType({
  sql: {
    database: scalar(checkString),
    actions: optional(mapOf(ACTION, { keys: ACTION_NAME }), {}),
  },
});

/**
 * What the section schema cannot see alone: that each graph's `database` names a database of its product,
 * in every env. Paths are those of the registry file, so a start-up failure points at the key to fix.
 */
export function graphDatabaseProblems(registry: ResourceRegistry): RegistryProblem[] {
  const problems = new Map<string, RegistryProblem>();
  for (const product of registry.products()) {
    const databases = Object.keys(registry.section(product, 'databases'));
    const rawGraphs = registry.section(product, 'graphs');
    for (const name of Object.keys(rawGraphs)) {
      const path = childPath(childPath(childPath(childPath('products', product), 'graphs'), name), 'database');
      const perEnv = typeof (rawGraphs[name] as { database?: unknown }).database === 'object';
      for (const env of registry.envs(product)) {
        const { database } = registry.entry<ResolvedGraph>(product, env, 'graphs', name);
        if (databases.includes(database)) continue;
        const at = perEnv ? childPath(path, env) : path;
        const known = databases.length ? `databases: ${databases.join(', ')}` : 'the product declares no databases';
        problems.set(at, { path: at, message: `names no database of product '${product}' (${known})` });
      }
    }
  }
  return [...problems.values()];
}
