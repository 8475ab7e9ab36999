/**
 * Checks on JSON-like values that validators and translators share: what a parsed body, a YAML
 * document or a filter is made of.
 */

/** An object literal or a parsed JSON/YAML mapping; class instances (Date, Buffer, Map…) are not. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** How a message names what it got: `null`, `array`, `NaN`/`Infinity`, else the `typeof`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

/** True when objects and arrays nest more than `levels` deep, `value` itself being the first level. */
export function exceedsDepth(value: unknown, levels: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (levels === 0) return true;
  const children: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return children.some((child) => exceedsDepth(child, levels - 1));
}
