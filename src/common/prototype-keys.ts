/**
 * The first key of a parsed JSON value that could poison an object prototype once the value is merged
 * or copied somewhere: `__proto__` anywhere, or `constructor` holding an object with a `prototype` key.
 * Answers the path of the key, or null. Iterative, so that a deeply nested body cannot overflow the stack.
 */
export function findPrototypeKey(value: unknown): string | null {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  while (pending.length > 0) {
    const { value: current, path } = pending.pop() as { value: unknown; path: string };
    if (current === null || typeof current !== 'object') continue;
    for (const key of Object.keys(current)) {
      const child = (current as Record<string, unknown>)[key];
      const childPath = path ? `${path}.${key}` : key;
      if (key === '__proto__') return childPath;
      if (key === 'constructor' && child !== null && typeof child === 'object' && Object.prototype.hasOwnProperty.call(child, 'prototype')) {
        return `${childPath}.prototype`;
      }
      if (child !== null && typeof child === 'object') pending.push({ value: child, path: childPath });
    }
  }
  return null;
}
