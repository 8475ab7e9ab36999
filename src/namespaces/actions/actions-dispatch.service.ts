import type { Caller } from '../../auth/caller';
import { Injectable } from '@nestjs/common';
import { InvalidRequestError } from '../../common/errors/domain-errors';
import { ResourceRegistry } from '../../resources';
import type { DispatchResult } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import { pathParamNames } from './action-request';
import type { DispatchActionDto } from './dto/dispatch-action.dto';

/** Checks an action dispatch against the registry, then hands it to the scheduler. */
@Injectable()
export class ActionsDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly scheduler: SchedulerService,
  ) {}

  dispatch(dto: DispatchActionDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    const { action } = this.registry.resolveAction(dto.product, dto.env, dto.app, dto.event);
    const params = dto.input?.params ?? {};
    for (const name of pathParamNames(action.path)) {
      if (params[name] === undefined || params[name] === '') throw new InvalidRequestError(`input.params.${name}`, `input.params.${name} is required by the path ${action.path}`);
    }
    const input = { ...(dto.input ?? {}) } as Record<string, unknown>;
    return this.scheduler.dispatch(
      toDispatchRequest('actions', dto, { target: dto.app, event: dto.event, input }, caller),
      idempotencyContext('actions', dto, idempotencyKey, caller),
    );
  }
}
