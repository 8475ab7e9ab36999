import { evaluateInput, ExpressionError, formatExpressionProblem } from '../../../expressions';
import type { FeatureStep, StepNamespace } from '../../../resources/sections/features.section';
import { STEP_TARGETS } from '../../../resources/sections/features.section';
import type { JobEntity } from '../../../scheduler/entities/job.entity';

/** What one step's expressions see: the feature's input, the results of the steps before it, the run's instant. */
export interface StepScope {
  input: Record<string, unknown>;
  sequence: Record<string, unknown>;
  now: Date;
}

export type StepPlan = { run: false } | { run: true; input: Record<string, unknown> };

/** A step's `when` or `input` cannot be evaluated; `message` names the field and the column. */
export class StepExpressionError extends Error {}

/**
 * Decides whether a step runs and with what input: `when` first (a falsy value skips the step, and its
 * input is then never evaluated, since it may read results that the condition guards against), then
 * the input. A reference without a value fails, rather than skipping, so that a typo is not silent.
 */
export function planStep(step: FeatureStep, scope: StepScope): StepPlan {
  if (step.when !== undefined && !isTruthy(evaluate(step.when, 'when', scope))) return { run: false };
  const input = evaluate(step.input, 'input', scope);
  return { run: true, input: input as Record<string, unknown> };
}

/**
 * JavaScript's falsy values, and the texts `false` and `0`: a condition formatted into a longer string
 * (`"$Input{flag}"` inside text) reaches us as text.
 */
export function isTruthy(value: unknown): boolean {
  if (typeof value === 'string') return !['', 'false', '0'].includes(value.trim().toLowerCase());
  return Boolean(value);
}

/** The target and event (or operation) of a step, as a job row of its namespace holds them. */
export function stepTarget(step: FeatureStep): { namespace: StepNamespace; target: string; event: string } {
  const fields = STEP_TARGETS[step.namespace];
  return { namespace: step.namespace, target: step[fields.target] as string, event: step[fields.name] as string };
}

/**
 * The feature's job seen as a job of the step's namespace: a shallow copy with the step's namespace,
 * target, event and input, so that an executor reads `job.target` as it does for its own jobs while
 * ids, product, env, retries and session stay the feature's.
 */
export function stepJob(job: Readonly<JobEntity>, step: FeatureStep, input: Record<string, unknown>): JobEntity {
  return { ...job, ...stepTarget(step), input };
}

/** `<job>:<occurrence>:<step>`: the step's idempotency key, the same on every attempt of the occurrence. */
export function stepOccurrenceId(occurrenceId: string, step: FeatureStep): string {
  return `${occurrenceId}:${step.id}`;
}

function evaluate(value: unknown, field: string, scope: StepScope): unknown {
  try {
    return evaluateInput(value, scope);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    // Compiled paths start at `input`; `when` is compiled on its own and has none.
    const problem = error.toProblem();
    throw new StepExpressionError(formatExpressionProblem({ ...problem, path: field === 'when' ? 'when' : problem.path || field }));
  }
}
