import type { GraphOperation } from './graph-operations';
import type { GraphResults } from './store/sql-graph-store';

/** Rows of each list a run result keeps; the counts stay exact. */
export const MAX_RESULT_ROWS = 100;

/** What a run records (DESIGN §5): counts of what the operation affected or found, and its rows, capped. */
export type GraphRunResult = { graph: string; operation: GraphOperation } & Record<string, unknown>;

function capped<T>(rows: T[]): { rows: T[]; truncated?: true } {
  return rows.length > MAX_RESULT_ROWS ? { rows: rows.slice(0, MAX_RESULT_ROWS), truncated: true } : { rows };
}

/** Lists under `key`, with `<key>_truncated: true` when only the first rows are kept. */
function list<T>(key: string, rows: T[]): Record<string, unknown> {
  const { rows: kept, truncated } = capped(rows);
  return { [key]: kept, ...(truncated && { [`${key}_truncated`]: true }) };
}

export function toRunResult<O extends GraphOperation>(graph: string, operation: O, value: GraphResults[O]): GraphRunResult {
  const head = { graph, operation };
  switch (operation) {
    case 'createNode':
      return { ...head, affected: 1, node: value };
    case 'mergeNode': {
      const merged = value as GraphResults['mergeNode'];
      return { ...head, affected: 1, created: merged.created, node: merged.node };
    }
    case 'findNodes': {
      const nodes = value as GraphResults['findNodes'];
      return { ...head, count: nodes.length, ...list('nodes', nodes) };
    }
    case 'findRelationships': {
      const relationships = value as GraphResults['findRelationships'];
      return { ...head, count: relationships.length, ...list('relationships', relationships) };
    }
    case 'countNodes':
      return { ...head, count: value };
    case 'updateNodes':
    case 'deleteRelationships':
      return { ...head, affected: value };
    case 'deleteNodes': {
      const deleted = value as GraphResults['deleteNodes'];
      return { ...head, affected: deleted.nodes, relationships_deleted: deleted.relationships };
    }
    case 'createRelationship':
      return { ...head, affected: 1, relationship: value };
    case 'getNeighborhood': {
      const neighborhood = value as GraphResults['getNeighborhood'];
      return {
        ...head,
        node_count: neighborhood.nodes.length,
        relationship_count: neighborhood.relationships.length,
        truncated: neighborhood.truncated,
        ...list('nodes', neighborhood.nodes),
        ...list('relationships', neighborhood.relationships),
      };
    }
    case 'shortestPath':
      return { ...head, ...(value as GraphResults['shortestPath']) };
    default:
      return { ...head, value };
  }
}
