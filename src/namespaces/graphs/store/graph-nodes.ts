import type { CreateNodeArgs, DeleteNodesArgs, FindNodesArgs, MergeNodeArgs, NodeSelector, UpdateNodesArgs } from '../graph-operations';
import { GraphStoreError } from './graph-store-error';
import { chunks, GraphNode, GraphSql, toNode } from './graph-sql';
import { translatePropertyFilter } from './property-filter';

/** Node operations of the SQL graph store. Each function runs on the connection (and transaction) it is given. */

/** `FROM nodes n WHERE …` for a selector: the graph, every label, and the property filter. */
function nodeMatch(sql: GraphSql, selector: NodeSelector): [string, Record<string, unknown>] {
  const [labels, labelParameters] = sql.labelCondition('n', selector.labels);
  const filter = translatePropertyFilter(selector.filter, sql.dialect, 'n.properties');
  return [`FROM ${sql.nodes} n WHERE n.graph = :graph AND ${labels} AND (${filter.where})`, { ...labelParameters, ...filter.parameters }];
}

export async function createNode(sql: GraphSql, args: CreateNodeArgs): Promise<GraphNode> {
  const id = await sql.insert(`INSERT INTO ${sql.nodes} (graph, labels, properties) VALUES (:graph, ${sql.jsonValue('labels')}, ${sql.jsonValue('properties')})`, {
    labels: JSON.stringify(args.labels),
    properties: JSON.stringify(args.properties),
  });
  if (id === undefined) throw new Error('the node was not inserted');
  if (args.labels.length > 0) {
    const values = args.labels.map((_, i) => `(:graph, :label${i}, :id)`).join(', ');
    await sql.affected(`INSERT INTO ${sql.labels} (graph, label, node_id) VALUES ${values}`, {
      id,
      ...Object.fromEntries(args.labels.map((label, i) => [`label${i}`, label])),
    });
  }
  return { id, labels: args.labels, properties: args.properties };
}

/**
 * The lowest-id node with the labels and the `match` properties, updated with `properties`; or a new
 * node with both. Merges of the same labels and match take turns (a lock held until the transaction
 * ends), so that two at once cannot each create the node.
 */
export async function mergeNode(sql: GraphSql, args: MergeNodeArgs): Promise<{ node: GraphNode; created: boolean }> {
  await sql.lockUntilEnd(`mergeNode\n${JSON.stringify([...args.labels].sort())}\n${canonicalJson(args.match)}`);
  const [from, parameters] = nodeMatch(sql, { labels: args.labels, filter: args.match });
  const [found] = await sql.rows(`SELECT n.id, n.labels, n.properties ${from} ORDER BY n.id LIMIT 1`, parameters);
  if (!found) return { node: await createNode(sql, { labels: args.labels, properties: { ...args.match, ...args.properties } }), created: true };
  const node = toNode(found);
  if (Object.keys(args.properties).length === 0) return { node, created: false };
  await updateNodes(sql, { labels: [], filter: {}, set: args.properties, unset: [] }, [node.id]);
  return { node: { ...node, properties: { ...node.properties, ...args.properties } }, created: false };
}

export async function findNodes(sql: GraphSql, args: FindNodesArgs): Promise<GraphNode[]> {
  const [from, parameters] = nodeMatch(sql, args);
  // Integers checked by the input parser; bound values are not accepted in LIMIT by every MySQL path.
  const rows = await sql.rows(`SELECT n.id, n.labels, n.properties ${from} ORDER BY n.id LIMIT ${args.limit} OFFSET ${args.offset}`, parameters);
  return rows.map(toNode);
}

export async function countNodes(sql: GraphSql, args: NodeSelector): Promise<number> {
  const [from, parameters] = nodeMatch(sql, args);
  const [row] = await sql.rows<{ count: number | string }>(`SELECT COUNT(*) AS count ${from}`, parameters);
  return Number(row.count);
}

/** Sets and removes top-level properties of the selected nodes (or of the nodes `ids`); returns how many matched. */
export async function updateNodes(sql: GraphSql, args: UpdateNodesArgs, ids?: number[]): Promise<number> {
  const parameters: Record<string, unknown> = {};
  let expression = 'properties';
  const setKeys = Object.keys(args.set);
  if (sql.dialect.name === 'postgres') {
    if (setKeys.length) expression = `(${expression} || CAST(:set AS jsonb))`;
    if (args.unset.length) expression = `(${expression} - CAST(:unset AS text[]))`;
    Object.assign(parameters, { set: JSON.stringify(args.set), unset: args.unset });
  } else {
    if (setKeys.length) {
      const pairs = setKeys.map((key, i) => {
        parameters[`sk${i}`] = sql.dialect.keyParameter(key);
        parameters[`sv${i}`] = JSON.stringify(args.set[key]);
        return `:sk${i}, ${sql.jsonValue(`sv${i}`)}`;
      });
      expression = `JSON_SET(${expression}, ${pairs.join(', ')})`;
    }
    if (args.unset.length) {
      const paths = args.unset.map((key, i) => ((parameters[`uk${i}`] = sql.dialect.keyParameter(key)), `:uk${i}`));
      expression = `JSON_REMOVE(${expression}, ${paths.join(', ')})`;
    }
  }
  const update = `UPDATE ${sql.nodes} n SET properties = ${expression}`;
  if (ids) {
    let count = 0;
    for (const chunk of chunks(ids)) {
      const [where, idParameters] = sql.idList('n.id', chunk);
      count += await sql.affected(`${update} WHERE n.graph = :graph AND ${where}`, { ...parameters, ...idParameters });
    }
    return count;
  }
  const [from, matchParameters] = nodeMatch(sql, args);
  return sql.affected(`${update} ${from.slice(from.indexOf('WHERE'))}`, { ...parameters, ...matchParameters });
}

/**
 * Deletes the selected nodes (their labels go with them). With `detach`, their relationships are deleted
 * first; without it, nodes that still have one are refused, and nothing is deleted.
 */
export async function deleteNodes(sql: GraphSql, args: DeleteNodesArgs): Promise<{ nodes: number; relationships: number }> {
  const [from, parameters] = nodeMatch(sql, args);
  const ids = (await sql.rows<{ id: number | string }>(`SELECT n.id ${from}`, parameters)).map((row) => Number(row.id));
  let relationships = 0;
  for (const chunk of chunks(ids)) {
    if (!args.detach) {
      const attached = await attachedCount(sql, chunk);
      if (attached > 0) {
        throw new GraphStoreError(`deleteNodes: ${attached} of the matched nodes still have relationships; delete those first, or pass detach: true`);
      }
      continue;
    }
    // Two statements, so that each end uses its own index.
    for (const column of ['from_id', 'to_id']) {
      const [where, idParameters] = sql.idList(column, chunk);
      relationships += await sql.affected(`DELETE FROM ${sql.relationships} WHERE ${where}`, idParameters);
    }
  }
  let nodes = 0;
  for (const chunk of chunks(ids)) {
    const [where, idParameters] = sql.idList('id', chunk);
    nodes += await sql.affected(`DELETE FROM ${sql.nodes} WHERE graph = :graph AND ${where}`, idParameters);
  }
  return { nodes, relationships };
}

/** How many of the nodes have a relationship at either end. */
async function attachedCount(sql: GraphSql, ids: number[]): Promise<number> {
  const [fromWhere, fromParameters] = sql.idList('r.from_id', ids, 'fromIds');
  const [toWhere, toParameters] = sql.idList('r.to_id', ids, 'toIds');
  const rows = await sql.rows<{ id: number | string }>(
    `SELECT r.from_id AS id FROM ${sql.relationships} r WHERE ${fromWhere} UNION SELECT r.to_id AS id FROM ${sql.relationships} r WHERE ${toWhere}`,
    { ...fromParameters, ...toParameters },
  );
  return new Set(rows.map((row) => Number(row.id))).size;
}

/** JSON with object keys in order, so that one match written two ways names one lock. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
