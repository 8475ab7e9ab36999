import type { FeatureStep } from '../../../resources/sections/features.section';
import type { JobEntity } from '../../../scheduler/entities/job.entity';
import { isTruthy, planStep, StepExpressionError, stepJob, stepOccurrenceId, stepTarget } from './step-plan';

const now = new Date('2030-01-31T10:00:00Z');
const step = (fields: Partial<FeatureStep>): FeatureStep => ({ id: 'notify', namespace: 'notifications', notification: 'n', event: 'e', input: {}, ...fields });
const scope = { input: { email: 'ada@example.com', userId: 'u1', go: false }, sequence: { fetch: { status: 200, body: { name: 'Ada' } } }, now };

describe('planStep', () => {
  it('evaluates the input against the feature input, earlier results and the run instant, typed when whole', () => {
    const plan = planStep(
      step({ input: { email: { recipients: ['$Input{email}'], subject: { name: '$Sequence{fetch}{body}{name}', code: '$Sequence{fetch}{status}' } }, at: '$DateAdd($Now(), 1, "months")', note: 'for $Input{userId}' } }),
      scope,
    );
    expect(plan).toEqual({
      run: true,
      input: { email: { recipients: ['ada@example.com'], subject: { name: 'Ada', code: 200 } }, at: '2030-02-28T10:00:00.000Z', note: 'for u1' },
    });
  });

  it('leaves an input without expressions as it is', () => {
    const input = Object.freeze({ message: { fixed: true } });
    expect(planStep(step({ input }), scope)).toEqual({ run: true, input });
  });

  it.each<[string, boolean]>([
    ['$Sequence{fetch}{status}', true],
    ['$Input{go}', false],
    ['$Input{email}', true],
    ['$Substring($Input{email}, 0, 0)', false],
    ['x$Input{go}', true],
    ['$Sequence{fetch}{body}{name}', true],
  ])('when %j → runs: %s', (when, runs) => {
    expect(planStep(step({ when, input: { a: 1 } }), scope).run).toBe(runs);
  });

  it('does not evaluate the input of a skipped step', () => {
    expect(planStep(step({ when: '$Input{go}', input: { a: '$Sequence{missing}{x}' } }), scope)).toEqual({ run: false });
  });

  it('fails, naming the field and column, when a reference has no value', () => {
    const error = (() => {
      try {
        planStep(step({ input: { email: { recipients: ['$Sequence{fetch}{body}{email}'] } } }), scope);
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error).toBeInstanceOf(StepExpressionError);
    expect(error?.message).toBe('input.email.recipients[0], column 1: $Sequence{fetch}{body}{email}: no value at sequence.fetch.body.email');
    expect(() => planStep(step({ when: 'if $Input{nope}' }), scope)).toThrow('when, column 4: $Input{nope}: no value at input.nope');
  });
});

describe('isTruthy', () => {
  it.each<[unknown, boolean]>([
    [true, true], [false, false], [0, false], [1, true], [null, false], [undefined, false], ['', false], ['  ', false],
    ['false', false], ['FALSE', false], ['0', false], ['no', true], ['yes', true], [{}, true], [[], true],
  ])('%j → %s', (value, truthy) => expect(isTruthy(value)).toBe(truthy));
});

describe('step identity', () => {
  const job = { id: 'job-1', namespace: 'features', product: 'shop', env: 'prd', target: 'report', event: 'report', input: { userId: 'u1' }, retries: 2 } as unknown as JobEntity;

  it('maps each namespace to its target and event fields', () => {
    expect(stepTarget(step({}))).toEqual({ namespace: 'notifications', target: 'n', event: 'e' });
    expect(stepTarget({ id: 'd', namespace: 'database-operations', database: 'logs', operation: 'deleteMany', input: {} })).toEqual({ namespace: 'database-operations', target: 'logs', event: 'deleteMany' });
    expect(stepTarget({ id: 'g', namespace: 'graph-actions', graph: 'sessions', event: 'expire', input: {} })).toEqual({ namespace: 'graph-actions', target: 'sessions', event: 'expire' });
  });

  it("copies the feature's job with the step's namespace, target, event and input, leaving the job alone", () => {
    const copy = stepJob(job, { id: 'fetch', namespace: 'actions', app: 'mailer', event: 'update_user', input: {} }, { params: { id: 'u1' } });
    expect(copy).toEqual({ ...job, namespace: 'actions', target: 'mailer', event: 'update_user', input: { params: { id: 'u1' } } });
    expect(job).toMatchObject({ namespace: 'features', target: 'report', input: { userId: 'u1' } });
    expect(stepOccurrenceId('job-1:3', step({ id: 'fetch' }))).toBe('job-1:3:fetch');
  });
});
