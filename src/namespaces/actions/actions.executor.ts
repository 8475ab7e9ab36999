import { Injectable } from '@nestjs/common';
import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { ActionInput, buildActionRequest } from './action-request';

export interface ActionResult {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Response bodies kept in the run result are capped; the rest is cut. */
export const MAX_RESPONSE_BODY_BYTES = 32 * 1024;

/** Statuses a later attempt may fix: timeouts, rate limits and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export class HttpStatusError extends Error {
  constructor(readonly result: ActionResult) {
    super(`HTTP ${result.status}: ${preview(result.body)}`);
  }
}

/** Runs an action: one HTTP call to the configured app (DESIGN §4, actions). */
@Injectable()
export class ActionsExecutor implements JobExecutor<ActionInput, ActionResult> {
  constructor(private readonly registry: ResourceRegistry) {}

  async execute(ctx: ExecutionContext<ActionInput>): Promise<ActionResult> {
    const { job } = ctx;
    let resolved;
    try {
      resolved = this.registry.resolveAction(job.product, job.env, job.target, job.event);
    } catch (error) {
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
    let request;
    try {
      request = buildActionRequest(resolved.app, resolved.action, ctx.input, ctx.occurrenceId);
    } catch (error) {
      throw new NonRetryableError((error as Error).message);
    }
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body,
      // Redirects are not followed: a call never leaves the configured app.
      redirect: 'manual',
      signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(resolved.app.timeoutMs)]),
    }).catch((error: unknown) => {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      const name = (error as Error).name === 'TimeoutError' ? `timed out after ${resolved.app.timeoutMs} ms` : (error as Error).message;
      throw new Error(`${request.method} ${resolved.app.name}${resolved.action.path} failed: ${name}${cause ? ` (${cause})` : ''}`);
    });
    const result: ActionResult = {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: await readBody(response),
    };
    if (response.status >= 200 && response.status < 300) return result;
    if (isRetryableStatus(response.status)) throw new HttpStatusError(result);
    throw new NonRetryableError(new HttpStatusError(result).message);
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  const capped = Buffer.byteLength(text) > MAX_RESPONSE_BODY_BYTES ? Buffer.from(text).subarray(0, MAX_RESPONSE_BODY_BYTES).toString() : text;
  if (capped !== text) return { truncated: true, text: capped };
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function preview(body: unknown): string {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return (text ?? '').slice(0, 300);
}
