import type { Caller } from '../../auth/caller';
import { Injectable } from '@nestjs/common';
import { InvalidRequestError } from '../../common/errors/domain-errors';
import { ResourceRegistry } from '../../resources';
import type { ResolvedDatabase } from '../../resources/sections/databases.section';
import type { DispatchResult } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import { findAction, prepareAction } from './actions/action-runner';
import { checkActionInput } from './actions/action-template';
import type { DispatchDatabaseActionDto } from './dto/dispatch-database-action.dto';
import { InputProblem } from './operations/input-problem';

/**
 * Checks a database action against the registry (404 for an unknown action) and fills it from the
 * input (400 for a missing or unsuitable placeholder value) before scheduling it; the job keeps the
 * input, and the action is filled again when it runs.
 */
@Injectable()
export class DatabaseActionsDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly scheduler: SchedulerService,
  ) {}

  dispatch(dto: DispatchDatabaseActionDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    const database = this.registry.entry<ResolvedDatabase>(dto.product, dto.env, 'databases', dto.database, 'database');
    const action = findAction(database, { product: dto.product, env: dto.env, database: dto.database }, dto.event);
    const input = dto.input ?? {};
    try {
      prepareAction(dto.event, action, checkActionInput(input));
    } catch (error) {
      if (error instanceof InputProblem) throw new InvalidRequestError(error.field, error.message);
      throw error;
    }
    return this.scheduler.dispatch(
      toDispatchRequest('database-actions', dto, { target: dto.database, event: dto.event, input }, caller),
      idempotencyContext('database-actions', dto, idempotencyKey, caller),
    );
  }
}
