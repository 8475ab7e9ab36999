import { Injectable } from '@nestjs/common';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { GraphInputError, parseGraphArgs } from './graph-input';
import { isGraphOperation } from './graph-operations';
import type { GraphRunResult } from './graph-run-result';
import { graphRef, GraphRunner } from './graph-runner';

/**
 * Runs a graph-operations occurrence on the built-in SQL graph store. The input is checked again as the
 * run resolved it (expressions may have changed it); one that no longer fits fails without retries.
 * A host app brings another graph database with `{ provide: getExecutorToken('graph-operations'), useClass: … }`.
 */
@Injectable()
export class GraphOperationsExecutor implements JobExecutor<Record<string, unknown>, GraphRunResult> {
  constructor(private readonly runner: GraphRunner) {}

  async execute(ctx: ExecutionContext<Record<string, unknown>>): Promise<GraphRunResult> {
    const operation = ctx.job.event;
    if (!isGraphOperation(operation)) throw new NonRetryableError(`'${operation}' is not a graph operation`);
    let args;
    try {
      args = parseGraphArgs(operation, ctx.input);
    } catch (error) {
      if (error instanceof GraphInputError) throw new NonRetryableError(error.message);
      throw error;
    }
    return this.runner.run(graphRef(ctx.job), { operation, args }, ctx.signal);
  }
}
