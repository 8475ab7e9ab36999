import { hashRequest } from '../idempotency/idempotency.service';
import type { Caller } from '../auth/caller';
import type { DispatchOptionsDto } from '../common/dto/dispatch-options.dto';
import type { DispatchRequest, IdempotencyContext } from './dispatch-request';
import type { Namespace } from './job-status';

/**
 * The scheduler's request from a namespace's validated body: the shared options plus its target. The
 * caller (from `@CurrentCaller()`) is kept as the job's API key id; none outside an HTTP request.
 */
export function toDispatchRequest(
  namespace: Namespace,
  dto: DispatchOptionsDto,
  target: { target: string; event: string; input: Record<string, unknown> },
  caller: Caller | undefined,
): DispatchRequest {
  return {
    namespace,
    env: dto.env,
    product: dto.product,
    ...target,
    retries: dto.retries,
    schedule: dto.schedule,
    // Copied field by field: the DTO instance may carry whatever else the body held.
    session: dto.session ? { tag: dto.session.tag, token: dto.session.token } : undefined,
    cache: dto.cache,
    apiKeyId: caller?.keyId ?? null,
  };
}

/**
 * What makes a repeat with the same `Idempotency-Key` a repeat: the same API key (its id is the scope,
 * so two clients never see each other's answers), the namespace and the whole body.
 */
export function idempotencyContext(
  namespace: Namespace,
  dto: object,
  key: string | undefined,
  caller: Caller | undefined,
): IdempotencyContext | undefined {
  return key ? { key, scope: caller?.keyId ?? 'anonymous', requestHash: hashRequest(namespace, dto) } : undefined;
}
