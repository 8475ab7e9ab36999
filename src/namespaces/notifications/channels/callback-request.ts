import { createHmac } from 'node:crypto';
import type { CallbackChannelConfig } from '../../../resources/sections/notifications.section';
import { pathParamNames } from '../../actions/action-request';
import type { ProviderRequest } from './provider-http';

export interface CallbackInput {
  query?: Record<string, string | number | boolean>;
  params?: Record<string, string | number>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** `X-Dispatch-Signature: sha256=<hex>`: HMAC-SHA256 of the exact body bytes sent (empty without a body). */
export const SIGNATURE_HEADER = 'x-dispatch-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** The `:name` segment of the callback URL that the input leaves without a value, if any. */
export function missingCallbackParam(config: CallbackChannelConfig, input: CallbackInput): { field: string; message: string } | undefined {
  const name = pathParamNames(new URL(config.url).pathname).find((param) => input.params?.[param] === undefined || input.params[param] === '');
  if (name === undefined) return undefined;
  return { field: `input.callback.params.${name}`, message: `input.callback.params.${name} is required by the callback URL` };
}

/** How results and errors name the callback: method and origin only, since a webhook path may hold a secret. */
export function callbackTarget(config: CallbackChannelConfig): string {
  return `${config.method} ${new URL(config.url).origin}`;
}

/**
 * The callback's HTTP request. Params are percent-encoded into their own segments, so the input cannot
 * change the host or the path's shape: the call goes to the registry's URL only. The signature and the
 * idempotency key are set last, so no header of the registry or the input can replace them.
 */
export function buildCallbackRequest(config: CallbackChannelConfig, input: CallbackInput, occurrenceId: string): ProviderRequest {
  const url = new URL(config.url);
  url.pathname = url.pathname.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => {
    const value = input.params?.[name];
    if (value === undefined || value === '') throw new Error(`input.callback.params.${name} is required by the callback URL`);
    return encodeURIComponent(String(value));
  });
  for (const [key, value] of Object.entries(input.query ?? {})) url.searchParams.append(key, String(value));

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...config.headers, ...(input.headers ?? {}) })) headers[name.toLowerCase()] = value;
  const hasBody = input.body !== undefined && config.method !== 'GET' && config.method !== 'HEAD';
  const body = hasBody ? JSON.stringify(input.body) : undefined;
  if (hasBody) headers['content-type'] = 'application/json';
  else delete headers['content-type'];
  headers[IDEMPOTENCY_HEADER] = occurrenceId;
  headers[SIGNATURE_HEADER] = signBody(config.secret, body ?? '');
  return { method: config.method, url: url.toString(), headers, body };
}
