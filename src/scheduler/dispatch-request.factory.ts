import { hashRequest } from '../idempotency/idempotency.service';
import type { DispatchOptionsDto } from '../common/dto/dispatch-options.dto';
import type { DispatchRequest, IdempotencyContext } from './dispatch-request';
import type { Namespace } from './job-status';

/** The scheduler's request from a namespace's validated body: the shared options plus its target. */
export function toDispatchRequest(
  namespace: Namespace,
  dto: DispatchOptionsDto,
  target: { target: string; event: string; input: Record<string, unknown> },
): DispatchRequest {
  return {
    namespace,
    env: dto.env,
    product: dto.product,
    ...target,
    retries: dto.retries,
    schedule: dto.schedule,
  };
}

/** What makes a repeat with the same `Idempotency-Key` a repeat: the namespace and the whole body. */
export function idempotencyContext(namespace: Namespace, dto: object, key: string | undefined): IdempotencyContext | undefined {
  return key ? { key, scope: 'anonymous', requestHash: hashRequest(namespace, dto) } : undefined;
}
