import type { CreateRelationshipArgs, FindRelationshipsArgs, RelationshipSelector } from '../graph-operations';
import { GraphStoreError } from './graph-store-error';
import { GraphRelationship, GraphSql, toRelationship } from './graph-sql';
import { translatePropertyFilter } from './property-filter';

/** Relationship operations of the SQL graph store. */

/** `WHERE …` for a selector, on the alias `r` (or on bare columns when `alias` is empty, for DELETE). */
function relationshipMatch(sql: GraphSql, selector: RelationshipSelector, alias = 'r'): [string, Record<string, unknown>] {
  const column = (name: string) => (alias ? `${alias}.${name}` : name);
  const parts = [`${column('graph')} = :graph`];
  const parameters: Record<string, unknown> = {};
  if (selector.types.length) {
    parts.push(`${column('type')} IN (:...types)`);
    parameters.types = selector.types;
  }
  if (selector.from !== undefined) {
    parts.push(`${column('from_id')} = :fromId`);
    parameters.fromId = selector.from;
  }
  if (selector.to !== undefined) {
    parts.push(`${column('to_id')} = :toId`);
    parameters.toId = selector.to;
  }
  const filter = translatePropertyFilter(selector.filter, sql.dialect, column('properties'));
  parts.push(`(${filter.where})`);
  return [`WHERE ${parts.join(' AND ')}`, { ...parameters, ...filter.parameters }];
}

/** Both ends must be nodes of this graph: the insert selects them, so a missing one inserts nothing. */
export async function createRelationship(sql: GraphSql, args: CreateRelationshipArgs): Promise<GraphRelationship> {
  const id = await sql.insert(
    `INSERT INTO ${sql.relationships} (graph, type, from_id, to_id, properties)
     SELECT a.graph, :type, a.id, b.id, ${sql.jsonValue('properties')}
     FROM ${sql.nodes} a JOIN ${sql.nodes} b ON b.id = :toId AND b.graph = :graph
     WHERE a.id = :fromId AND a.graph = :graph`,
    { type: args.type, fromId: args.from, toId: args.to, properties: JSON.stringify(args.properties) },
  );
  if (id === undefined) {
    const present = await sql.rows<{ id: number | string }>(`SELECT id FROM ${sql.nodes} WHERE graph = :graph AND id IN (:fromId, :toId)`, { fromId: args.from, toId: args.to });
    const ids = new Set(present.map((row) => Number(row.id)));
    const missing = [args.from, args.to].filter((node) => !ids.has(node));
    throw new GraphStoreError(`createRelationship: node ${missing.join(' and ')} is not in graph '${sql.graph}'`);
  }
  return { id, type: args.type, from: args.from, to: args.to, properties: args.properties };
}

export async function findRelationships(sql: GraphSql, args: FindRelationshipsArgs): Promise<GraphRelationship[]> {
  const [where, parameters] = relationshipMatch(sql, args);
  const rows = await sql.rows(
    `SELECT r.id, r.type, r.from_id, r.to_id, r.properties FROM ${sql.relationships} r ${where} ORDER BY r.id LIMIT ${args.limit} OFFSET ${args.offset}`,
    parameters,
  );
  return rows.map(toRelationship);
}

export async function deleteRelationships(sql: GraphSql, args: RelationshipSelector): Promise<number> {
  const [where, parameters] = relationshipMatch(sql, args, '');
  return sql.affected(`DELETE FROM ${sql.relationships} ${where}`, parameters);
}
