import fc from 'fast-check';

/** Keys that poison prototypes or shadow Object methods once a body is merged or copied. */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const ODD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  'a\udfffb',
  '😀👩‍👩‍👧',
  '\u202eevil',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '0x10',
  '2030-02-30T25:61:00Z',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-05:00',
  '+275760-09-13T00:00:00.001Z',
  '0000-00-00 00:00:00',
  "'; DROP TABLE jobs; --",
  '{{name}}',
  '{{#each x}}{{/each}}',
  '$Input{x}',
  '$Session{user}{email}',
  '$Sequence{a}{b}',
  '../../etc/passwd',
  '/absolute',
  'C:\\windows',
  '%00',
  '<script>alert(1)</script>',
  '* * * * * * *',
  '60 25 32 13 8',
  'Europe/Nowhere',
  'mysql://root@127.0.0.1:3306/mysql',
];

const ODD_NUMBERS = [0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 31, 2 ** 32, 2 ** 53 + 2, 2 ** 63, 253_402_300_800_000, 8.64e15, 8.64e15 + 1, -8.64e15 - 1, 1e-300, 999_999_999_999_999];

/** Strings past the job input cap (1 MiB) in characters, or only in UTF-8 bytes. */
const hugeString = fc.constantFrom('x'.repeat(70_000), 'x'.repeat(1_100_000), '€'.repeat(400_000));

/**
 * Arrays or objects nested `depth` deep, up to far beyond any sane document. Held as a marker string
 * until `toJson` writes them out, since JSON.stringify itself would overflow the stack on them.
 */
const deeplyNested = fc.tuple(fc.constantFrom(20, 200, 5_000, 50_000), fc.constantFrom('array', 'object')).map(([depth, kind]) => `@@deep:${kind}:${depth}@@`);

const DEEP_MARKER = /"@@deep:(array|object):(\d+)@@"/g;

/** The JSON text of a generated body, with its nesting markers expanded. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(DEEP_MARKER, (_, kind: string, depth: string) => {
    const [open, close] = kind === 'array' ? ['[', ']'] : ['{"a":', '}'];
    return `${open.repeat(Number(depth))}"bottom"${close.repeat(Number(depth))}`;
  });
}

const manyItems = fc.constantFrom(1_000, 20_000).map((n) => Array.from({ length: n }, (_, i) => i));

/** Any value a field should not get: odd scalars, wrong types, huge, nested, unicode, prototype keys. */
export const oddValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...ODD_NUMBERS) },
  { weight: 2, arbitrary: fc.oneof(fc.boolean(), fc.constant(null), fc.integer(), fc.double({ noNaN: true })) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constant({ prototype: { polluted: true } }) },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deeplyNested },
  { weight: 1, arbitrary: manyItems },
);

const keyOf = (names: string[]) =>
  fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

/** Sets an own property, so that `__proto__` becomes a key of the JSON and not the object's prototype. */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) put(out, key, value);
  return out;
}

/** Objects whose keys are mostly the schema's property names, holding odd values or more such objects. */
export function shapedObject(names: string[], depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const value = depth >= 3 ? oddValue : fc.oneof({ weight: 3, arbitrary: oddValue }, { weight: 1, arbitrary: shapedObject(names, depth + 1) });
  return fc.array(fc.tuple(keyOf(names), value), { maxLength: 8 }).map(objectOf);
}

type Path = Array<string | number>;

/** Every key and index path inside a JSON value, to pick the field a mutation changes. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function containerAt(body: unknown, path: Path): Record<string | number, unknown> {
  return path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], body) as Record<string | number, unknown>;
}

export type Mutation = 'delete' | 'replace' | 'add';

/** A copy of `valid` with one change: a field deleted, a field's value replaced, or an unknown key added. */
export function mutate(valid: unknown, pick: number, mutation: Mutation, value: unknown, key: string): unknown {
  const body = structuredClone(valid);
  const paths = pathsOf(body);
  if (paths.length === 0 || body === null || typeof body !== 'object') return value;
  const path = paths[pick % paths.length];
  const container = containerAt(body, path);
  const last = path[path.length - 1];
  if (mutation === 'delete') {
    if (Array.isArray(container)) container.splice(last as number, 1);
    else delete container[last];
  } else if (mutation === 'replace') {
    container[last] = value;
  } else if (!Array.isArray(container)) {
    put(container as Record<string, unknown>, key, value);
  } else {
    container.push(value);
  }
  return body;
}

/** Near-valid bodies: one of `valid` with exactly one mutation. */
export function nearValid(valid: unknown[], names: string[]): fc.Arbitrary<unknown> {
  return fc
    .record({
      seed: fc.nat({ max: valid.length - 1 }),
      pick: fc.nat(),
      mutation: fc.constantFrom<Mutation>('delete', 'replace', 'replace', 'add'),
      value: oddValue,
      key: keyOf(names),
    })
    .map(({ seed, pick, mutation, value, key }) => mutate(valid[seed], pick, mutation, value, key));
}

/** A request body sent as raw text with its content type: JSON, broken JSON, or a type the API does not take. */
export interface RawBody {
  contentType: string;
  text: string;
}

const brokenJson = fc.oneof(
  fc.constantFrom('{', '{"a":', '[1,2', '{"a":1}}', "{'a':1}", '{"a":NaN}', '{"a":undefined}', '\u0000', '', 'null', '"text"', '42', 'true'),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** Bodies that are not a JSON object: broken JSON, JSON scalars, or another content type around a valid body. */
export function rawBody(valid: unknown[]): fc.Arbitrary<RawBody> {
  const json = 'application/json';
  return fc.oneof(
    brokenJson.map((text) => ({ contentType: json, text })),
    fc.tuple(
      fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=koi8-r'),
      fc.nat({ max: Math.max(0, valid.length - 1) }),
    ).map(([contentType, i]) => ({ contentType, text: JSON.stringify(valid[i] ?? {}) })),
  );
}
