import { ResourceRegistry } from '../../../resources';
import type { ResolvedFeature } from '../../../resources/sections/features.section';
import type { JobEntity } from '../../../scheduler/entities/job.entity';
import type { ExecutorRegistry } from '../../../scheduler/executor-registry';
import type { ExecutionContext, JobExecutor } from '../../../scheduler/executor.interface';
import type { Namespace } from '../../../scheduler/job-status';
import { isRetryable, NonRetryableError } from '../../../scheduler/retry-policy';
import { FeatureStepRunner } from './feature-step-runner';
import { StepInputs } from './step-inputs';

const registry = ResourceRegistry.fromObject(
  {
    products: {
      shop: {
        envs: ['prd'],
        apps: { mailer: { base_url: 'http://127.0.0.1:9', actions: { update_user: { method: 'PUT', path: '/users/:id' } } } },
        notifications: { hooks: { callback: { url: 'http://127.0.0.1:9/hook', secret: 'hook-secret' }, events: { done: {} } } },
        brokers: { bus: { type: 'nats', url: 'nats://127.0.0.1:4222', stream: 'EVENTS' } },
        features: {
          report: {
            steps: [
              { id: 'fetch', namespace: 'actions', app: 'mailer', event: 'update_user', input: { params: { id: '$Input{userId}' }, body: { seen: true } } },
              { id: 'publish', namespace: 'events', broker: 'bus', event: 'users.seen', when: '$Input{publish}', input: { message: '$Sequence{fetch}{body}' } },
              { id: 'notify', namespace: 'notifications', notification: 'hooks', event: 'done', input: { callback: { body: { name: '$Sequence{fetch}{body}{name}' } } } },
            ],
          },
        },
      },
    },
  },
  {},
);
const feature = registry.entry<ResolvedFeature>('shop', 'prd', 'features', 'report');
const job = { id: 'job-1', namespace: 'features', product: 'shop', env: 'prd', target: 'report', event: 'report', input: {}, retries: 1 } as unknown as JobEntity;

/** Executors that record what they were given and answer as each test says. */
function setUp(answers: Partial<Record<Namespace, (ctx: ExecutionContext) => unknown>> = {}) {
  const calls: ExecutionContext[] = [];
  const executor = (namespace: Namespace): JobExecutor => ({
    execute: async (ctx) => {
      calls.push(ctx);
      return (answers[namespace] ?? (() => ({ ok: namespace })))(ctx);
    },
  });
  const executors = { get: (namespace: Namespace) => executor(namespace) } as unknown as ExecutorRegistry;
  const runner = new FeatureStepRunner(executors, new StepInputs(registry));
  const run = (input: Record<string, unknown>) =>
    runner.run(feature, { job, occurrence: 3, occurrenceId: 'job-1:3', attempt: 1, input, signal: new AbortController().signal });
  const failure = (input: Record<string, unknown>) => run(input).then(() => new Error('expected a failure'), (error: Error) => error);
  return { calls, run, failure };
}

describe('FeatureStepRunner', () => {
  const fetched = () => ({ status: 200, headers: {}, body: { name: 'Ada', id: 'u1' } });

  it("runs the steps in order through their namespaces' executors, results flowing into later inputs", async () => {
    const { calls, run } = setUp({ actions: fetched });
    const result = await run({ userId: 'u1', publish: true });
    expect(calls.map((ctx) => [ctx.job.namespace, ctx.job.target, ctx.job.event, ctx.occurrenceId])).toEqual([
      ['actions', 'mailer', 'update_user', 'job-1:3:fetch'],
      ['events', 'bus', 'users.seen', 'job-1:3:publish'],
      ['notifications', 'hooks', 'done', 'job-1:3:notify'],
    ]);
    expect(calls[0].input).toEqual({ params: { id: 'u1' }, body: { seen: true } });
    expect(calls[0].job).toMatchObject({ id: 'job-1', product: 'shop', env: 'prd', retries: 1, input: calls[0].input });
    expect(calls[1].input).toEqual({ message: { name: 'Ada', id: 'u1' } });
    expect(calls[2].input).toEqual({ callback: { body: { name: 'Ada' } } });
    expect(result).toEqual({
      steps: { fetch: { status: 'completed', result: fetched() }, publish: { status: 'completed', result: { ok: 'events' } }, notify: { status: 'completed', result: { ok: 'notifications' } } },
    });
    expect(job.namespace).toBe('features');
  });

  it('records a step whose condition is falsy as skipped, and does not call it', async () => {
    const { calls, run } = setUp({ actions: fetched });
    const result = await run({ userId: 'u1', publish: false });
    expect(calls.map((ctx) => ctx.job.namespace)).toEqual(['actions', 'notifications']);
    expect(result.steps.publish).toEqual({ status: 'skipped' });
  });

  it('fails the run naming the step, keeping a retryable error retryable, with what ran before', async () => {
    const { calls, failure } = setUp({ actions: fetched, notifications: () => Promise.reject(new Error('callback answered 503')) });
    const error = await failure({ userId: 'u1', publish: false });
    expect(error.message).toBe("step 'notify' failed: callback answered 503");
    expect(isRetryable(error)).toBe(true);
    expect((error as { result?: unknown }).result).toEqual({
      steps: { fetch: { status: 'completed', result: fetched() }, publish: { status: 'skipped' }, notify: { status: 'failed', error: 'callback answered 503' } },
    });
    expect(calls).toHaveLength(2);
  });

  it('keeps a permanent failure permanent, and stops at the failed step', async () => {
    const refused = Object.assign(new NonRetryableError('HTTP 404: {"error":"no user"}'), { result: { status: 404 } });
    const { calls, failure } = setUp({ actions: () => Promise.reject(refused) });
    const error = await failure({ userId: 'u1', publish: true });
    expect(error).toBeInstanceOf(NonRetryableError);
    expect(error.message).toBe('step \'fetch\' failed: HTTP 404: {"error":"no user"}');
    expect((error as { result?: unknown }).result).toEqual({ steps: { fetch: { status: 'failed', error: 'HTTP 404: {"error":"no user"}', result: { status: 404 } } } });
    expect(calls).toHaveLength(1);
  });

  it('refuses, without retries, an evaluated input that its namespace would refuse at dispatch', async () => {
    const { calls, failure } = setUp({ actions: () => ({ status: 200, headers: {}, body: 'not an object' }) });
    const missing = await failure({ userId: '', publish: false });
    expect(missing).toBeInstanceOf(NonRetryableError);
    expect(missing.message).toBe("step 'fetch' failed: input.params.id is required by the path /users/:id");
    const unreadable = await failure({ userId: 'u1', publish: false });
    expect(unreadable).toBeInstanceOf(NonRetryableError);
    expect(unreadable.message).toBe("step 'notify' failed: input.callback.body.name, column 1: $Sequence{fetch}{body}{name}: no value at sequence.fetch.body.name");
    const badParams = await failure({ userId: { id: 1 }, publish: false });
    expect(badParams.message).toBe("step 'fetch' failed: input.params must be an object of string or number values (at most 100 keys)");
    expect(calls).toHaveLength(1);
  });
});
