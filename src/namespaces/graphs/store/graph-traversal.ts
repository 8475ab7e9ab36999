import type { Direction, NeighborhoodArgs, ShortestPathArgs } from '../graph-operations';
import { LIMITS } from '../graph-operations';
import { GraphStoreError } from './graph-store-error';
import { chunks, GraphNode, GraphRelationship, GraphSql, toNode, toRelationship } from './graph-sql';

/**
 * Traversals of the SQL graph store: breadth-first, one level at a time, each level expanded with a few
 * statements over lists of ids (by the (from_id, type) and (to_id, type) indexes) rather than one query per
 * node, so that their cost grows with the levels and the nodes reached, not with round trips.
 */

export interface Neighborhood {
  /** The start (depth 0) and every node reached, by depth then id. */
  nodes: Array<GraphNode & { depth: number }>;
  /** Relationships followed to reach them, and those between reached nodes seen on the way. */
  relationships: GraphRelationship[];
  /** True when the node limit stopped the walk before it reached the depth. */
  truncated: boolean;
}

export interface ShortestPath {
  found: boolean;
  /** Relationships on the path; absent when none was found. */
  length?: number;
  nodes: GraphNode[];
  relationships: GraphRelationship[];
  /** True when the search stopped at its bound on visited nodes rather than running out of depth. */
  exhausted?: boolean;
}

interface Edge {
  id: number;
  type: string;
  from: number;
  to: number;
  properties?: Record<string, unknown>;
}

export async function getNeighborhood(sql: GraphSql, args: NeighborhoodArgs): Promise<Neighborhood> {
  await requireNode(sql, args.node, 'getNeighborhood', 'node');
  const depthOf = new Map<number, number>([[args.node, 0]]);
  const edges = new Map<number, Edge>();
  let frontier = [args.node];
  let truncated = false;
  for (let depth = 1; depth <= args.depth && frontier.length > 0 && !truncated; depth++) {
    const next: number[] = [];
    for (const { edge, neighbor } of await expand(sql, frontier, args.direction, args.types, true)) {
      edges.set(edge.id, edge);
      if (depthOf.has(neighbor)) continue;
      if (depthOf.size >= args.limit) {
        truncated = true;
        continue;
      }
      depthOf.set(neighbor, depth);
      next.push(neighbor);
    }
    frontier = next;
  }
  const nodes = (await loadNodes(sql, [...depthOf.keys()]))
    .map((node) => ({ ...node, depth: depthOf.get(node.id) as number }))
    .sort((a, b) => a.depth - b.depth || a.id - b.id);
  const relationships = [...edges.values()]
    .filter((edge) => depthOf.has(edge.from) && depthOf.has(edge.to))
    .sort((a, b) => a.id - b.id)
    .map((edge) => ({ ...edge, properties: edge.properties ?? {} }));
  return { nodes, relationships, truncated };
}

/**
 * Fewest relationships from `from` to `to`, at most `maxDepth` long, found breadth-first; the search
 * gives up after visiting LIMITS.shortestPathVisited nodes so that its cost stays bounded.
 */
export async function shortestPath(sql: GraphSql, args: ShortestPathArgs): Promise<ShortestPath> {
  await requireNode(sql, args.from, 'shortestPath', 'from');
  await requireNode(sql, args.to, 'shortestPath', 'to');
  if (args.from === args.to) return { found: true, length: 0, nodes: await loadNodes(sql, [args.from]), relationships: [] };
  // For each node reached: the node and relationship it was reached by.
  const parent = new Map<number, { node: number; edge: Edge } | null>([[args.from, null]]);
  let frontier = [args.from];
  for (let depth = 1; depth <= args.maxDepth && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const { edge, neighbor, origin } of await expand(sql, frontier, args.direction, args.types, false)) {
      if (parent.has(neighbor)) continue;
      parent.set(neighbor, { node: origin, edge });
      if (neighbor === args.to) return path(sql, parent, args.to);
      next.push(neighbor);
    }
    if (parent.size >= LIMITS.shortestPathVisited) return { found: false, nodes: [], relationships: [], exhausted: true };
    frontier = next;
  }
  return { found: false, nodes: [], relationships: [] };
}

async function path(sql: GraphSql, parent: Map<number, { node: number; edge: Edge } | null>, to: number): Promise<ShortestPath> {
  const nodeIds = [to];
  const edgeIds: number[] = [];
  for (let step = parent.get(to); step; step = parent.get(step.node)) {
    nodeIds.unshift(step.node);
    edgeIds.unshift(step.edge.id);
  }
  const nodes = new Map((await loadNodes(sql, nodeIds)).map((node) => [node.id, node]));
  const [where, parameters] = sql.idList('r.id', edgeIds);
  const rows = await sql.rows(`SELECT r.id, r.type, r.from_id, r.to_id, r.properties FROM ${sql.relationships} r WHERE ${where}`, parameters);
  const relationships = new Map(rows.map(toRelationship).map((edge) => [edge.id, edge]));
  return {
    found: true,
    length: edgeIds.length,
    nodes: nodeIds.map((id) => nodes.get(id) as GraphNode),
    relationships: edgeIds.map((id) => relationships.get(id) as GraphRelationship),
  };
}

/** Every relationship leaving the frontier in the direction asked, with the node at its other end. */
async function expand(
  sql: GraphSql,
  frontier: number[],
  direction: Direction,
  types: string[],
  withProperties: boolean,
): Promise<Array<{ edge: Edge; neighbor: number; origin: number }>> {
  const columns = `r.id, r.type, r.from_id, r.to_id${withProperties ? ', r.properties' : ''}`;
  const typeCondition = types.length ? ' AND r.type IN (:...types)' : '';
  const ends: Array<'from_id' | 'to_id'> = direction === 'out' ? ['from_id'] : direction === 'in' ? ['to_id'] : ['from_id', 'to_id'];
  const found: Array<{ edge: Edge; neighbor: number; origin: number }> = [];
  for (const chunk of chunks(frontier)) {
    for (const end of ends) {
      const [where, parameters] = sql.idList(`r.${end}`, chunk);
      const rows = await sql.rows(`SELECT ${columns} FROM ${sql.relationships} r WHERE ${where}${typeCondition}`, { ...parameters, types });
      for (const row of rows) {
        const edge: Edge = withProperties ? toRelationship(row) : { id: Number(row.id), type: String(row.type), from: Number(row.from_id), to: Number(row.to_id) };
        const [origin, neighbor] = end === 'from_id' ? [edge.from, edge.to] : [edge.to, edge.from];
        found.push({ edge, neighbor, origin });
      }
    }
  }
  // Rows come in index order; sorting makes the walk, and so a truncated answer, the same on every run.
  return found.sort((a, b) => a.origin - b.origin || a.edge.id - b.edge.id);
}

async function loadNodes(sql: GraphSql, ids: number[]): Promise<GraphNode[]> {
  const nodes: GraphNode[] = [];
  for (const chunk of chunks(ids)) {
    const [where, parameters] = sql.idList('n.id', chunk);
    nodes.push(...(await sql.rows(`SELECT n.id, n.labels, n.properties FROM ${sql.nodes} n WHERE ${where}`, parameters)).map(toNode));
  }
  return nodes;
}

async function requireNode(sql: GraphSql, id: number, operation: string, field: string): Promise<void> {
  const rows = await sql.rows(`SELECT id FROM ${sql.nodes} WHERE graph = :graph AND id = :id`, { id });
  if (rows.length === 0) throw new GraphStoreError(`${operation}: ${field} node ${id} is not in graph '${sql.graph}'`);
}
