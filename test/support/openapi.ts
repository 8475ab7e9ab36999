/** The parts of the app's own OpenAPI document (`GET /docs-json`) that the route-wide tests read. */
export interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  items?: Schema;
  example?: unknown;
}

export interface Operation {
  security?: unknown[];
  parameters?: Array<{ in: string; name: string }>;
  requestBody?: { content?: Record<string, { schema?: Schema; examples?: Record<string, { value: unknown }> }> };
  responses: Record<string, unknown>;
}

export type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
const METHODS: Method[] = ['get', 'put', 'post', 'delete', 'patch'];

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components: { schemas: Record<string, Schema> };
}

/** One operation of the document: `path` is its template, such as `/admin/jobs/{id}/pause`. */
export interface DocumentOperation {
  method: Method;
  path: string;
  operation: Operation;
  /** `POST /admin/jobs/{id}/pause`, to name it in a failure. */
  name: string;
}

export function listOperations(doc: OpenApiDocument): DocumentOperation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ method, path, operation: item[method] as Operation, name: `${method.toUpperCase()} ${path}` })),
  );
}

/** The names of an operation's path parameters, in order. */
export function pathParameters(op: DocumentOperation): string[] {
  return [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
}

/** The URL of an operation with each path parameter replaced by `fill(name)`, sent as it is (not encoded here). */
export function fillPath(op: DocumentOperation, fill: (name: string) => string): string {
  return op.path.replace(/\{([^}]+)\}/g, (_, name: string) => fill(name));
}

/** A schema with its `$ref` followed and a lone `allOf` (how Nest wraps a described reference) unwrapped. */
export function resolveSchema(doc: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) return resolveSchema(doc, doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
  if (schema.allOf?.length === 1) return { ...resolveSchema(doc, schema.allOf[0]), ...(schema.example !== undefined && { example: schema.example }) };
  return schema;
}

function jsonContent(op: DocumentOperation) {
  return op.operation.requestBody?.content?.['application/json'];
}

export function requestSchema(doc: OpenApiDocument, op: DocumentOperation): Schema | undefined {
  const schema = jsonContent(op)?.schema;
  return schema && resolveSchema(doc, schema);
}

/** The example bodies the document shows for an operation (what Swagger UI offers in "Try it out"). */
export function documentedExamples(op: DocumentOperation): unknown[] {
  return Object.values(jsonContent(op)?.examples ?? {}).map((e) => structuredClone(e.value));
}

/**
 * A body built from the schema's examples: every required property, recursing into referenced schemas,
 * and every optional one that shows an example of its own. A property named in `overrides` is always
 * there, with that value, for fields whose examples do not combine (a schedule's cron and every).
 */
export function exampleBody(doc: OpenApiDocument, schema: Schema, overrides: Record<string, unknown> = {}): unknown {
  const resolved = resolveSchema(doc, schema);
  if (resolved.example !== undefined) return structuredClone(resolved.example);
  if (!resolved.properties) return undefined;
  const properties = resolved.properties;
  const names = Object.keys(properties).filter((name) => resolved.required?.includes(name) || properties[name].example !== undefined || name in overrides);
  const entries = names.map((name): [string, unknown] => [
    name,
    name in overrides ? structuredClone(overrides[name]) : exampleBody(doc, properties[name], overrides),
  ]);
  return Object.fromEntries(entries.filter(([, value]) => value !== undefined));
}

/** Every property name reachable from a schema, nested ones included. */
export function propertyNames(doc: OpenApiDocument, schema: Schema, seen = new Set<Schema>()): string[] {
  const resolved = resolveSchema(doc, schema);
  if (seen.has(resolved)) return [];
  seen.add(resolved);
  const nested = [...(resolved.oneOf ?? []), ...(resolved.items ? [resolved.items] : [])];
  const own = Object.entries(resolved.properties ?? {}).flatMap(([name, child]) => [name, ...propertyNames(doc, child, seen)]);
  return [...new Set([...own, ...nested.flatMap((child) => propertyNames(doc, child, seen))])];
}
