import type { Caller } from '../../auth/caller';
import { Injectable } from '@nestjs/common';
import { InvalidRequestError } from '../../common/errors/domain-errors';
import { ResourceRegistry } from '../../resources';
import type { ResolvedDatabase } from '../../resources/sections/databases.section';
import type { DispatchResult } from '../../scheduler/dispatch-request';
import { idempotencyContext, toDispatchRequest } from '../../scheduler/dispatch-request.factory';
import { SchedulerService } from '../../scheduler/scheduler.service';
import type { DispatchDatabaseOperationDto } from './dto/dispatch-database-operation.dto';
import { InputProblem } from './operations/input-problem';
import { checkOperationInput, OperationInput } from './operations/operation-input';
import { tableNotAllowed } from './operations/operation-runner';

/**
 * Checks a database operation against the registry and everything that can be judged without the
 * database (shape, operators, depth, list sizes, allow-list, the all: true guard), then schedules it.
 * Columns are checked against the real schema when the job runs.
 */
@Injectable()
export class DatabaseOperationsDispatchService {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly scheduler: SchedulerService,
  ) {}

  dispatch(dto: DispatchDatabaseOperationDto, idempotencyKey?: string, caller?: Caller): Promise<DispatchResult> {
    const database = this.registry.entry<ResolvedDatabase>(dto.product, dto.env, 'databases', dto.database, 'database');
    const input = checkedInput(dto.operation, dto.input);
    if (database.tables && !database.tables.includes(input.table)) {
      throw new InvalidRequestError('input.table', tableNotAllowed(dto.database, input.table));
    }
    return this.scheduler.dispatch(
      toDispatchRequest('database-operations', dto, { target: dto.database, event: dto.operation, input: dto.input }, caller),
      idempotencyContext('database-operations', dto, idempotencyKey, caller),
    );
  }
}

/** The input checked as at dispatch; its problem as the 400 naming the field. */
export function checkedInput(operation: string, input: unknown): OperationInput {
  try {
    return checkOperationInput(operation, input);
  } catch (error) {
    if (error instanceof InputProblem) throw new InvalidRequestError(error.field, error.message);
    throw error;
  }
}
