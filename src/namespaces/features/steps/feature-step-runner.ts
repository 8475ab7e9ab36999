import { Injectable } from '@nestjs/common';
import { UnknownResourceError } from '../../../resources';
import type { FeatureStep, ResolvedFeature } from '../../../resources/sections/features.section';
import { ExecutorRegistry } from '../../../scheduler/executor-registry';
import type { ExecutionContext } from '../../../scheduler/executor.interface';
import { isRetryable, NonRetryableError } from '../../../scheduler/retry-policy';
import { StepInputError, StepInputs } from './step-inputs';
import { planStep, StepExpressionError, stepJob, stepOccurrenceId } from './step-plan';

/** How each step of a run ended; `failed` appears only in the result kept with a failed attempt. */
export type StepOutcome = { status: 'completed'; result: unknown } | { status: 'skipped' } | { status: 'failed'; error: string; result?: unknown };

/** A registry feature's run result: every step by id, in the order they ran. */
export interface FeatureRunResult {
  steps: Record<string, StepOutcome>;
}

/**
 * A step failed and a retry may fix it. The message names the step; a retry runs every step again,
 * each under the same idempotency key. `result` holds what the steps did, recorded with the attempt.
 */
export class FeatureStepError extends Error {
  constructor(
    readonly step: string,
    message: string,
    readonly result: FeatureRunResult,
  ) {
    super(`step '${step}' failed: ${message}`);
  }
}

/** A step failed in a way no retry can fix: its own error was not retryable, or its input cannot work. */
export class FeatureStepRejectedError extends NonRetryableError {
  constructor(
    readonly step: string,
    message: string,
    readonly result: FeatureRunResult,
  ) {
    super(`step '${step}' failed: ${message}`);
  }
}

/**
 * Runs a registry feature's steps in order, each through the executor of its namespace, as if the
 * step were a job of that namespace dispatched with the feature's job ids, product, env and retries.
 */
@Injectable()
export class FeatureStepRunner {
  constructor(
    private readonly executors: ExecutorRegistry,
    private readonly inputs: StepInputs,
  ) {}

  async run(feature: ResolvedFeature, ctx: ExecutionContext): Promise<FeatureRunResult> {
    const result: FeatureRunResult = { steps: {} };
    const sequence: Record<string, unknown> = {};
    // One instant for the whole run, as for any job's input: `$Now()` agrees across steps.
    const now = new Date();
    for (const step of feature.steps) {
      if (ctx.signal.aborted) throw failure(step, new Error('the run was aborted (the service is shutting down)'), result);
      let outcome: StepOutcome;
      try {
        outcome = await this.runStep(step, ctx, { input: ctx.input, sequence, now });
      } catch (error) {
        throw failure(step, error, result);
      }
      result.steps[step.id] = outcome;
      if (outcome.status === 'completed') sequence[step.id] = outcome.result;
    }
    return result;
  }

  private async runStep(step: FeatureStep, ctx: ExecutionContext, scope: { input: Record<string, unknown>; sequence: Record<string, unknown>; now: Date }): Promise<StepOutcome> {
    const plan = planStep(step, scope);
    if (!plan.run) return { status: 'skipped' };
    const { job } = ctx;
    const input = await this.inputs.prepare(step, { product: job.product, env: job.env }, plan.input);
    const executor = this.executors.get(step.namespace);
    const stepResult = await executor.execute({ ...ctx, job: stepJob(job, step, input), occurrenceId: stepOccurrenceId(ctx.occurrenceId, step), input });
    return { status: 'completed', result: stepResult };
  }
}

/** The run's error for a failed step; inputs and expressions that cannot work are not retried. */
function failure(step: FeatureStep, error: unknown, done: FeatureRunResult): Error {
  const message = error instanceof Error ? error.message : String(error);
  const permanent = error instanceof StepInputError || error instanceof StepExpressionError || error instanceof UnknownResourceError || !isRetryable(error);
  const partial = (error as { result?: unknown } | null)?.result;
  const result: FeatureRunResult = {
    steps: { ...done.steps, [step.id]: { status: 'failed', error: message, ...(partial !== undefined && { result: partial }) } },
  };
  return permanent ? new FeatureStepRejectedError(step.id, message, result) : new FeatureStepError(step.id, message, result);
}
