import { Injectable } from '@nestjs/common';
import type { DatabaseOperation } from '../../resources/sections/databases.section';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { InputProblem } from './operations/input-problem';
import { checkOperationInput } from './operations/operation-input';
import { databaseRef, OperationResult, OperationRunner } from './operations/operation-runner';

/**
 * Runs a database-operations occurrence. The input is checked again, since a registry reload may have
 * changed what it addresses; problems found now (an unknown column, a table removed from the
 * allow-list) fail the run without retries, a database that does not answer fails the attempt.
 */
@Injectable()
export class DatabaseOperationsExecutor implements JobExecutor<Record<string, unknown>, OperationResult> {
  constructor(private readonly runner: OperationRunner) {}

  async execute(ctx: ExecutionContext<Record<string, unknown>>): Promise<OperationResult> {
    let input;
    try {
      input = checkOperationInput(ctx.job.event, ctx.input);
    } catch (error) {
      throw error instanceof InputProblem ? new NonRetryableError(error.message) : error;
    }
    return this.runner.run(databaseRef(ctx.job), ctx.job.event as DatabaseOperation, input, ctx.signal);
  }
}
