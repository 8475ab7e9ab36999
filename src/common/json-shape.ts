/**
 * The deepest nesting of arrays and objects a JSON body may have. Validating and copying a body recurse
 * once per level, so without a cap a few kilobytes of `[[[[…` would exhaust the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** Matches only an unpaired surrogate: with the `u` flag a well-formed pair is one code point. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

export interface JsonShapeProblem {
  field: string;
  message: string;
}

const loneSurrogate = (field: string): JsonShapeProblem => ({ field, message: `${field} holds a lone UTF-16 surrogate: strings must be Unicode text` });

/**
 * The first part of a parsed JSON value that Dispatch cannot take: nesting deeper than `maxDepth`, or a
 * string or key holding a lone UTF-16 surrogate (`"\ud800"` is valid JSON syntax but not text, and
 * MariaDB's JSON columns refuse it). Answers the field's path and the reason, or null. Iterative, so
 * that the check itself cannot overflow the stack.
 */
export function findJsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH): JsonShapeProblem | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? loneSurrogate('body') : null;
  const pending: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 1 }];
  while (pending.length > 0) {
    const { value: current, path, depth } = pending.pop() as { value: unknown; path: string; depth: number };
    if (current === null || typeof current !== 'object') continue;
    const field = path || 'body';
    if (depth > maxDepth) return { field, message: `${field} is nested deeper than ${maxDepth} levels` };
    for (const key of Object.keys(current)) {
      const child = (current as Record<string, unknown>)[key];
      const childPath = path ? `${path}.${key}` : key;
      if (LONE_SURROGATE.test(key) || (typeof child === 'string' && LONE_SURROGATE.test(child))) return loneSurrogate(childPath);
      if (child !== null && typeof child === 'object') pending.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return null;
}
