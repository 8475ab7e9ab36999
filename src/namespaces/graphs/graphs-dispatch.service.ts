import type { Caller } from '../../auth/caller';
import { Injectable } from '@nestjs/common';
import { InvalidRequestError } from '../../common/errors/domain-errors';
import { ResourceRegistry } from '../../resources';
import type { ResolvedGraph } from '../../resources/sections/graphs.section';
import type { DispatchResult } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import type { DispatchGraphActionDto } from './dto/dispatch-graph-action.dto';
import type { DispatchGraphOperationDto } from './dto/dispatch-graph-operation.dto';
import { findGraphAction, prepareGraphAction } from './graph-action';
import { GraphInputError, parseGraphArgs } from './graph-input';
import type { GraphOperation } from './graph-operations';

/**
 * Checks graph dispatches against the registry (404 for an unknown graph or action) and checks what the
 * input shows at dispatch — arguments, filters, placeholder values — (400 naming the field) before
 * scheduling. The job keeps the input as given; the run checks it again once expressions are resolved.
 */
@Injectable()
export class GraphsDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly scheduler: SchedulerService,
  ) {}

  dispatchOperation(dto: DispatchGraphOperationDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    this.registry.entry<ResolvedGraph>(dto.product, dto.env, 'graphs', dto.graph, 'graph');
    asBadRequest(() => parseGraphArgs(dto.operation as GraphOperation, dto.input));
    return this.scheduler.dispatch(
      toDispatchRequest('graph-operations', dto, { target: dto.graph, event: dto.operation, input: dto.input }, caller),
      idempotencyContext('graph-operations', dto, idempotencyKey, caller),
    );
  }

  dispatchAction(dto: DispatchGraphActionDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    const graph = this.registry.entry<ResolvedGraph>(dto.product, dto.env, 'graphs', dto.graph, 'graph');
    const action = findGraphAction(graph, { product: dto.product, env: dto.env, graph: dto.graph }, dto.event);
    const input = dto.input ?? {};
    asBadRequest(() => prepareGraphAction(dto.event, action, input));
    return this.scheduler.dispatch(
      toDispatchRequest('graph-actions', dto, { target: dto.graph, event: dto.event, input }, caller),
      idempotencyContext('graph-actions', dto, idempotencyKey, caller),
    );
  }
}

function asBadRequest(check: () => unknown): void {
  try {
    check();
  } catch (error) {
    if (error instanceof GraphInputError) throw new InvalidRequestError(error.field, error.message);
    throw error;
  }
}
