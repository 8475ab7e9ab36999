import { Injectable } from '@nestjs/common';
import { UnknownResourceError } from '../../resources';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { findGraphAction, PreparedGraphAction, prepareGraphAction } from './graph-action';
import { GraphInputError } from './graph-input';
import type { GraphRunResult } from './graph-run-result';
import { graphRef, GraphRunner } from './graph-runner';

/**
 * Runs a graph-actions occurrence: the named action as the registry has it now, filled from the job's
 * input. An action removed since dispatch, or one the input no longer fits, fails without retries.
 */
@Injectable()
export class GraphActionsExecutor implements JobExecutor<Record<string, unknown>, GraphRunResult> {
  constructor(private readonly runner: GraphRunner) {}

  async execute(ctx: ExecutionContext<Record<string, unknown>>): Promise<GraphRunResult> {
    const ref = graphRef(ctx.job);
    let prepared: PreparedGraphAction;
    try {
      prepared = prepareGraphAction(ctx.job.event, findGraphAction(this.runner.graph(ref), ref, ctx.job.event), ctx.input);
    } catch (error) {
      if (error instanceof GraphInputError) throw new NonRetryableError(error.message);
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
    return { ...(await this.runner.run(ref, prepared, ctx.signal)), action: ctx.job.event };
  }
}
