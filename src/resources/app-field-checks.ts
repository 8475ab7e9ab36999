import { parseDuration } from './duration';
import { HttpMethod } from './registry.types';

/**
 * Checks for the scalar fields of an app. Each takes one value (a per-env map is split up by the
 * validator first) and returns the normalised value or the reason it was rejected. Reasons never
 * quote the value: it may hold a substituted secret.
 */

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export const DEFAULT_APP_TIMEOUT_MS = 30_000;
export const MAX_APP_TIMEOUT_MS = 10 * 60_000;

// What Node's HTTP client accepts in a header value; anything else would fail only at send time.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const PATH_PARAM = /^:[A-Za-z_][A-Za-z0-9_]*$/;

export class Invalid {
  constructor(readonly message: string) {}
}

export type Check<T> = (value: unknown) => T | Invalid;

export function checkBaseUrl(value: unknown): string | Invalid {
  const message = 'must be an http(s) URL';
  if (typeof value !== 'string' || !URL.canParse(value)) return new Invalid(message);
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return new Invalid(message);
  if (url.search !== '' || url.hash !== '' || value.includes('?') || value.includes('#')) {
    return new Invalid('must be an http(s) URL without a query or fragment');
  }
  // Action paths start with '/', so the base keeps none at its end.
  return value.trim().replace(/\/+$/, '');
}

export function checkTimeout(value: unknown): number | Invalid {
  let ms: number;
  try {
    ms = parseDuration(value);
  } catch {
    return new Invalid('must be a duration (ms or "30s", "5m", "1h")');
  }
  if (ms <= 0) return new Invalid('must be greater than 0');
  if (ms > MAX_APP_TIMEOUT_MS) return new Invalid('must be at most 10m');
  return ms;
}

export function checkHeaderValue(value: unknown): string | Invalid {
  // YAML reads `X-Version: 2` as a number; the author plainly meant the text.
  const text = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  if (typeof text !== 'string') return new Invalid('must be a string');
  if (!HEADER_VALUE.test(text)) return new Invalid('must not contain line breaks or control characters');
  return text;
}

export function checkMethod(value: unknown): HttpMethod | Invalid {
  const method = typeof value === 'string' ? value.toUpperCase() : undefined;
  return HTTP_METHODS.find((known) => known === method) ?? new Invalid(`must be one of ${HTTP_METHODS.join(', ')}`);
}

export function checkPath(value: unknown): string | Invalid {
  if (typeof value !== 'string' || !value.startsWith('/')) return new Invalid("must be a string starting with '/'");
  if (/[\s\x00-\x1f\x7f]/.test(value)) return new Invalid('must not contain whitespace or control characters');
  const params = value
    .split(/[/?#]/)
    .filter((segment) => segment.startsWith(':'));
  if (params.some((segment) => !PATH_PARAM.test(segment))) {
    return new Invalid('has a malformed :parameter segment (expected :name of letters, digits and _)');
  }
  if (new Set(params).size !== params.length) return new Invalid('uses the same :parameter more than once');
  return value;
}
