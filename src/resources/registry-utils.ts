/**
 * Small helpers shared by the registry's loader, validator and lookup code.
 */

/** A key path as shown in problem messages: `products.shop.envs[0]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/** True when `path` is `ancestor` itself or lies beneath it. */
export function isWithinPath(path: string, ancestor: string): boolean {
  if (path === ancestor) return true;
  if (!path.startsWith(ancestor)) return false;
  const next = path.charAt(ancestor.length);
  return next === '.' || next === '[';
}

/**
 * A YAML mapping or a plain object literal. Class instances (Date, Buffer, Map…) are excluded so that
 * a document built in code cannot smuggle values the YAML form could never hold.
 */
export { isPlainObject } from '../common/plain-values';

/**
 * The registry hands the same objects to every request; freezing them keeps one caller's edits
 * (for example merging its own headers) from leaking into every later dispatch.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
