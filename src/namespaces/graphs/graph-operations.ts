/**
 * The arguments each operation of the graphs namespace takes (DESIGN §1: `operation`, `input`), once
 * checked by `parseGraphArgs`. The list of operations lives with the registry section that names them.
 */
import { GRAPH_OPERATIONS, GraphOperation } from '../../resources/sections/graphs.section';

export { GRAPH_OPERATIONS };
export type { GraphOperation };

export type Properties = Record<string, unknown>;
export type Direction = 'out' | 'in' | 'both';

/** Selects nodes: every label given, and the property filter. */
export interface NodeSelector {
  labels: string[];
  filter: unknown;
}

export interface CreateNodeArgs {
  labels: string[];
  properties: Properties;
}

/** Finds a node with the labels and `match` properties, else creates it with both; `properties` are set either way. */
export interface MergeNodeArgs {
  labels: string[];
  match: Properties;
  properties: Properties;
}

export interface FindNodesArgs extends NodeSelector {
  limit: number;
  offset: number;
}

/** `set` replaces top-level properties, `unset` removes them. */
export interface UpdateNodesArgs extends NodeSelector {
  set: Properties;
  unset: string[];
}

/** `detach` deletes the nodes' relationships too; without it, a node that has one is refused. */
export interface DeleteNodesArgs extends NodeSelector {
  detach: boolean;
}

export interface CreateRelationshipArgs {
  type: string;
  from: number;
  to: number;
  properties: Properties;
}

export interface RelationshipSelector {
  types: string[];
  from?: number;
  to?: number;
  filter: unknown;
}

export interface FindRelationshipsArgs extends RelationshipSelector {
  limit: number;
  offset: number;
}

export interface NeighborhoodArgs {
  node: number;
  depth: number;
  direction: Direction;
  types: string[];
  /** Most nodes visited, the start included; beyond it the answer says `truncated`. */
  limit: number;
}

export interface ShortestPathArgs {
  from: number;
  to: number;
  maxDepth: number;
  direction: Direction;
  types: string[];
}

export interface GraphArgs {
  createNode: CreateNodeArgs;
  mergeNode: MergeNodeArgs;
  findNodes: FindNodesArgs;
  updateNodes: UpdateNodesArgs;
  deleteNodes: DeleteNodesArgs;
  createRelationship: CreateRelationshipArgs;
  findRelationships: FindRelationshipsArgs;
  deleteRelationships: RelationshipSelector;
  getNeighborhood: NeighborhoodArgs;
  shortestPath: ShortestPathArgs;
  countNodes: NodeSelector;
}

export const LIMITS = {
  /** Labels of one node, relationship types of one query. */
  names: 32,
  /** Rows a find returns at most, and by default. */
  findMax: 1000,
  findDefault: 100,
  neighborhoodDepth: 5,
  neighborhoodNodesMax: 10_000,
  neighborhoodNodesDefault: 1000,
  shortestPathDepth: 15,
  shortestPathDepthDefault: 6,
  /** Nodes a shortest-path search may visit before it gives up: the bound on its cost. */
  shortestPathVisited: 100_000,
} as const;

export function isGraphOperation(value: unknown): value is GraphOperation {
  return typeof value === 'string' && (GRAPH_OPERATIONS as readonly string[]).includes(value);
}
