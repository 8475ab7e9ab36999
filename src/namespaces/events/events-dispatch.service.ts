import type { Caller } from '../../auth/caller';
import { Injectable } from '@nestjs/common';
import { InvalidRequestError } from '../../common/errors/domain-errors';
import { ResourceRegistry } from '../../resources';
import type { ResolvedBroker } from '../../resources/sections/brokers.section';
import type { DispatchResult } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import type { DispatchEventDto } from './dto/dispatch-event.dto';
import { EventInput, eventInputProblem } from './event-message';

/** Checks an events dispatch against the registry and its broker's rules, then hands it to the scheduler. */
@Injectable()
export class EventsDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly scheduler: SchedulerService,
  ) {}

  dispatch(dto: DispatchEventDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    const broker = this.registry.entry<ResolvedBroker>(dto.product, dto.env, 'brokers', dto.broker, 'broker');
    // A plain object, as the job row stores it: absent options stay absent rather than null.
    const input = {
      message: dto.input.message,
      ...(dto.input.key !== undefined && { key: dto.input.key }),
      ...(dto.input.headers !== undefined && { headers: { ...dto.input.headers } }),
    } satisfies EventInput;
    const problem = eventInputProblem(broker.type, dto.event, input);
    if (problem) throw new InvalidRequestError(problem.field, problem.message);
    return this.scheduler.dispatch(
      toDispatchRequest('events', dto, { target: dto.broker, event: dto.event, input }, caller),
      idempotencyContext('events', dto, idempotencyKey, caller),
    );
  }
}
