import { parseDuration } from '../duration';
import { Check, Invalid } from '../app-field-checks';

/**
 * Checks for scalar fields of the sections. Reasons never quote the value: it may hold a substituted secret.
 */

export const checkString: Check<string> = (value) =>
  typeof value === 'string' && value !== '' ? value : new Invalid('must be a non-empty string');

/** A string that may be empty (a template body, a header). */
export const checkText: Check<string> = (value) => (typeof value === 'string' ? value : new Invalid('must be a string'));

export function checkOneOf<T extends string>(values: readonly T[]): Check<T> {
  return (value) =>
    (values as readonly unknown[]).includes(value) ? (value as T) : new Invalid(`must be one of ${values.join(', ')}`);
}

export function checkUrl(protocols: readonly string[]): Check<string> {
  const message = `must be a URL with scheme ${protocols.map((p) => p.replace(/:$/, '')).join(' or ')}`;
  return (value) => {
    if (typeof value !== 'string' || !URL.canParse(value)) return new Invalid(message);
    return protocols.includes(new URL(value).protocol) ? value : new Invalid(message);
  };
}

export function checkInteger(min: number, max: number): Check<number> {
  return (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
      ? value
      : new Invalid(`must be an integer from ${min} to ${max}`);
}

export const checkBoolean: Check<boolean> = (value) => (typeof value === 'boolean' ? value : new Invalid('must be true or false'));

export function checkDuration(maxMs = Number.MAX_SAFE_INTEGER): Check<number> {
  return (value) => {
    let ms: number;
    try {
      ms = parseDuration(value);
    } catch {
      return new Invalid('must be a duration (ms or "30s", "5m", "1h", "7d")');
    }
    return ms > 0 && ms <= maxMs ? ms : new Invalid(`must be a duration greater than 0 and at most ${maxMs} ms`);
  };
}
