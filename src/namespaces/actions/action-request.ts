import type { AppActionConfig, ResolvedApp } from '../../resources';

export interface ActionInput {
  body?: unknown;
  query?: Record<string, string | number | boolean>;
  params?: Record<string, string | number>;
  headers?: Record<string, string>;
}

export interface ActionRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

const PARAM = /:([A-Za-z_][A-Za-z0-9_]*)/g;

/** The `:name` segments of an action path. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(PARAM)].map((m) => m[1]);
}

/**
 * Builds the HTTP request of one action attempt. Parameters are percent-encoded into their segments, so
 * no input can change the host or add path segments: calls only ever go to the app's configured base URL.
 */
export function buildActionRequest(app: ResolvedApp, action: AppActionConfig, input: ActionInput, idempotencyKey: string): ActionRequest {
  const params = input.params ?? {};
  const path = action.path.replace(PARAM, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === '') throw new Error(`input.params.${name} is required by the path ${action.path}`);
    return encodeURIComponent(String(value));
  });
  const url = new URL(app.baseUrl.replace(/\/+$/, '') + path);
  for (const [key, value] of Object.entries(input.query ?? {})) url.searchParams.append(key, String(value));

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...app.headers, ...(input.headers ?? {}) })) headers[name.toLowerCase()] = value;
  headers['idempotency-key'] = idempotencyKey;
  let body: string | undefined;
  if (input.body !== undefined && action.method !== 'GET' && action.method !== 'HEAD') {
    body = JSON.stringify(input.body);
    headers['content-type'] ??= 'application/json';
  }
  return { method: action.method, url: url.toString(), headers, body };
}
