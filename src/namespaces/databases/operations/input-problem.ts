/**
 * An input the database namespaces refuse, with the request field at fault. The dispatch service
 * turns it into a 400; the executor, which sees it only when the input changed since dispatch, into a
 * failed run that is not retried.
 */
export class InputProblem extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputProblem';
  }
}

export type Scalar = string | number | boolean | null;

// These names resolve through the prototype chain on plain objects: never columns, never placeholders.
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

export { describeValue, isPlainObject } from '../../../common/plain-values';
