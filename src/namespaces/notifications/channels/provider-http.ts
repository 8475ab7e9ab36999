import { isRetryableStatus } from '../../actions/actions.executor';
import { Delivery, failed } from '../delivery';

export interface ProviderRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type ProviderReply =
  | { ok: true; status: number; body: unknown }
  | { ok: false; status?: number; body?: unknown; error: string; retryable: boolean };

/** Provider answers are read up to this size: enough for ids and error texts, never a whole page. */
const MAX_REPLY_BYTES = 16 * 1024;
const MAX_ERROR_CHARS = 300;

/**
 * One call to a provider or webhook. Never throws: the outcome says whether a later attempt may succeed
 * (network failures, timeouts, 408, 429, 5xx) or not (other statuses). Messages never hold the URL or
 * headers, which carry account ids and tokens.
 */
export async function callProvider(request: ProviderRequest, timeoutMs: number, signal: AbortSignal): Promise<ProviderReply> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // A redirect would lead away from the configured URL; it is reported, not followed.
      redirect: 'manual',
      signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { ok: false, retryable: true, error: timedOut ? `timed out after ${timeoutMs} ms` : `request failed${cause ? ` (${cause})` : ''}` };
  }
  const body = await readBody(response).catch(() => undefined);
  if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status, body };
  const detail = providerMessage(body);
  return {
    ok: false,
    status: response.status,
    body,
    retryable: isRetryableStatus(response.status),
    error: `HTTP ${response.status}${detail ? ` (${detail})` : ''}`,
  };
}

async function readBody(response: Response): Promise<unknown> {
  if (!response.body) return undefined;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  while (size < MAX_REPLY_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
  }
  await reader.cancel().catch(() => undefined);
  const text = Buffer.concat(chunks).subarray(0, MAX_REPLY_BYTES).toString('utf8');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The error text providers put in their answers: Twilio `message`, FCM `error.message`, Expo `errors[0].message`. */
export function providerMessage(body: unknown): string | undefined {
  let text: unknown;
  if (typeof body === 'string') text = body;
  else if (body && typeof body === 'object') {
    const b = body as { message?: unknown; error?: unknown; errors?: unknown };
    const nested = typeof b.error === 'object' && b.error !== null ? (b.error as { message?: unknown }).message : b.error;
    const listed = Array.isArray(b.errors) ? (b.errors[0] as { message?: unknown } | undefined)?.message : undefined;
    text = b.message ?? nested ?? listed;
  }
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  return truncate(text.trim().replace(/\s+/g, ' '));
}

export function truncate(text: string, max = MAX_ERROR_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A failed call as the delivery of one recipient. */
export function failedReply(to: string, reply: Extract<ProviderReply, { ok: false }>): Delivery {
  return failed(to, reply.error, reply.retryable, reply.status !== undefined ? { http_status: reply.status } : {});
}
