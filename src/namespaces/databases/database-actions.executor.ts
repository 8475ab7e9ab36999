import { Injectable } from '@nestjs/common';
import { UnknownResourceError } from '../../resources';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { ActionResult, ActionRunner, findAction, PreparedAction, prepareAction } from './actions/action-runner';
import { checkActionInput } from './actions/action-template';
import { InputProblem } from './operations/input-problem';
import { databaseRef, OperationRunner } from './operations/operation-runner';

/**
 * Runs a database-actions occurrence: the action as the registry has it now, filled from the job's
 * input. An action removed since dispatch, or one the input no longer fits, fails without retries.
 */
@Injectable()
export class DatabaseActionsExecutor implements JobExecutor<Record<string, unknown>, ActionResult> {
  constructor(
    private readonly operations: OperationRunner,
    private readonly actions: ActionRunner,
  ) {}

  async execute(ctx: ExecutionContext<Record<string, unknown>>): Promise<ActionResult> {
    const ref = databaseRef(ctx.job);
    let prepared: PreparedAction;
    try {
      const action = findAction(this.operations.database(ref), ref, ctx.job.event);
      prepared = prepareAction(ctx.job.event, action, checkActionInput(ctx.input));
    } catch (error) {
      if (error instanceof InputProblem) throw new NonRetryableError(error.message);
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
    return this.actions.run(ref, ctx.job.event, prepared, ctx.signal);
  }
}
