import type { DataSource } from 'typeorm';

/** A generated graph held in memory, to check the store's answers against a plain computation. */
export interface ReferenceGraph {
  nodeCount: number;
  /** Relationship id → [from, to, type]; ids and node ids start at 1, as they are inserted. */
  edges: Array<{ id: number; from: number; to: number; type: 'A' | 'B' }>;
}

/** Deterministic pseudo-random numbers, so that a failure replays the same graph. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

export function generateGraph(nodeCount: number, edgeCount: number, seed = 42): ReferenceGraph {
  const next = random(seed);
  const edges: ReferenceGraph['edges'] = [];
  for (let id = 1; id <= edgeCount; id++) {
    const from = 1 + Math.floor(next() * nodeCount);
    let to = 1 + Math.floor(next() * nodeCount);
    if (to === from) to = (to % nodeCount) + 1;
    edges.push({ id, from, to, type: next() < 0.5 ? 'A' : 'B' });
  }
  return { nodeCount, edges };
}

/** The properties and labels node `i` is given: `group` is i mod 10, even nodes also carry `Even`. */
export const nodeProperties = (i: number) => ({ i, group: i % 10, name: `n${i}` });
export const nodeLabels = (i: number) => (i % 2 === 0 ? ['Item', 'Even'] : ['Item']);

/**
 * Writes the graph straight into the store's tables with multi-row inserts (the tables must exist).
 * Test data only: every value is a generated number or a fixed string, so literals are safe here.
 */
export async function bulkInsert(dataSource: DataSource, graph: string, reference: ReferenceGraph): Promise<void> {
  const json = (value: unknown) => `'${JSON.stringify(value)}'`;
  const batches = async (count: number, row: (i: number) => string, head: string) => {
    for (let start = 1; start <= count; start += 2000) {
      const rows = [];
      for (let i = start; i < Math.min(start + 2000, count + 1); i++) rows.push(row(i));
      await dataSource.query(`${head} VALUES ${rows.join(', ')}`);
    }
  };
  await batches(reference.nodeCount, (i) => `(${i}, '${graph}', ${json(nodeLabels(i))}, ${json(nodeProperties(i))})`, 'INSERT INTO graph_nodes (id, graph, labels, properties)');
  const labelRows = Array.from({ length: reference.nodeCount }, (_, k) => k + 1).flatMap((i) => nodeLabels(i).map((label) => `('${graph}', '${label}', ${i})`));
  for (let start = 0; start < labelRows.length; start += 2000) {
    await dataSource.query(`INSERT INTO graph_node_labels (graph, label, node_id) VALUES ${labelRows.slice(start, start + 2000).join(', ')}`);
  }
  await batches(
    reference.edges.length,
    (id) => {
      const edge = reference.edges[id - 1];
      return `(${id}, '${graph}', '${edge.type}', ${edge.from}, ${edge.to}, ${json({ w: id % 7 })})`;
    },
    'INSERT INTO graph_relationships (id, graph, type, from_id, to_id, properties)',
  );
  // Rows written with their ids leave PostgreSQL's sequences behind (MySQL moves AUTO_INCREMENT itself).
  if (dataSource.options.type === 'postgres') {
    for (const table of ['graph_nodes', 'graph_relationships']) {
      await dataSource.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT MAX(id) FROM ${table}))`);
    }
  }
}

export type Direction = 'out' | 'in' | 'both';

/** Breadth-first depths from `start`, following relationships in `direction` (of `types`, when given). */
export function bfs(reference: ReferenceGraph, start: number, maxDepth: number, direction: Direction, types?: string[], removed = new Set<number>()): Map<number, number> {
  const adjacency = new Map<number, number[]>();
  const link = (a: number, b: number) => adjacency.set(a, [...(adjacency.get(a) ?? []), b]);
  for (const edge of reference.edges) {
    if (removed.has(edge.id) || (types && !types.includes(edge.type))) continue;
    if (direction !== 'in') link(edge.from, edge.to);
    if (direction !== 'out') link(edge.to, edge.from);
  }
  const depth = new Map([[start, 0]]);
  let frontier = [start];
  for (let d = 1; d <= maxDepth && frontier.length; d++) {
    const next: number[] = [];
    for (const node of frontier) {
      for (const neighbor of adjacency.get(node) ?? []) {
        if (depth.has(neighbor)) continue;
        depth.set(neighbor, d);
        next.push(neighbor);
      }
    }
    frontier = next;
  }
  return depth;
}

/** Relationships a neighborhood walk follows: leaving a node short of the depth, towards a node it reached. */
export function walkedEdges(reference: ReferenceGraph, depth: Map<number, number>, maxDepth: number, direction: Direction, types?: string[]): number[] {
  const shallow = (node: number) => depth.has(node) && (depth.get(node) as number) < maxDepth;
  return reference.edges
    .filter((edge) => !types || types.includes(edge.type))
    .filter((edge) => depth.has(edge.from) && depth.has(edge.to))
    .filter((edge) => (direction !== 'in' && shallow(edge.from)) || (direction !== 'out' && shallow(edge.to)))
    .map((edge) => edge.id);
}
