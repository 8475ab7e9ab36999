import { join } from 'node:path';
import { formatProblem } from '../registry-errors';
import { validateRegistry } from '../registry-validator';
import { ResourceRegistry } from '../resource-registry';
import { FEATURES_SECTION, featureProblems, ResolvedFeature } from './features.section';
import { GRAPH_OPERATIONS } from './graphs.section';

const PATH = 'products.shop.features';

function validate(features: Record<string, unknown>) {
  const result = validateRegistry({ products: { shop: { envs: ['dev', 'prd'], features } } }, { features: FEATURES_SECTION });
  const entries = result.products[0]?.entries.features;
  return {
    problems: result.problems.map(formatProblem),
    feature: (tag: string, env = 'prd') => entries?.get(tag)?.(env) as ResolvedFeature | undefined,
  };
}

/** Shape problems and cross-step problems together, as a start-up reports them. */
function allProblems(steps: unknown[]): string[] {
  const { problems, feature } = validate({ f: { steps } });
  const resolved = feature('f');
  return [...problems, ...(resolved ? featureProblems(`${PATH}.f`, resolved).map(formatProblem) : [])];
}

const fetch = { id: 'fetch', namespace: 'actions', app: 'mailer', event: 'update_user', input: { params: { id: '$Input{userId}' } } };

describe('features section', () => {
  it('reads the design example, input defaulting to {}', () => {
    const registry = ResourceRegistry.fromFile(join(__dirname, '..', 'fixtures', 'design-example.yaml'), {
      MAIL_TOKEN: 'm', EXPO_TOKEN: 'e', TW_SID: 's', TW_TOKEN: 't', HOOK_SECRET: 'h', S3_KEY: 'k', S3_SECRET: 'x',
    });
    const feature = registry.entry<ResolvedFeature>('shop', 'dev', 'features', 'generate_daily_report');
    expect(feature.steps.map((step) => [step.id, step.namespace])).toEqual([['fetch', 'actions'], ['notify', 'notifications']]);
    expect(feature.steps[1]).toMatchObject({ notification: 'user-notifications', event: 'send_reminder', when: '$Sequence{fetch}{status}' });
    expect(featureProblems(`${PATH}.generate_daily_report`, feature)).toEqual([]);
    const { feature: bare } = validate({ ping: { steps: [{ id: 'a', namespace: 'events', broker: 'bus', event: 'x' }] } });
    expect(bare('ping')?.steps[0].input).toEqual({});
    expect(() => registry.entry('shop', 'dev', 'features', 'weekly', 'tag')).toThrow(expect.objectContaining({ field: 'tag', message: "Unknown feature 'weekly' in product 'shop'" }));
  });

  it('takes per-env targets', () => {
    const { problems, feature } = validate({ f: { steps: [{ ...fetch, app: { dev: 'mailer-dev', prd: 'mailer' } }] } });
    expect(problems).toEqual([]);
    expect(feature('f', 'dev')?.steps[0].app).toBe('mailer-dev');
    expect(feature('f')?.steps[0].app).toBe('mailer');
  });

  it('names each shape problem by its path', () => {
    const { problems } = validate({
      a: {},
      b: { steps: [] },
      c: { steps: [{ namespace: 'features', app: 'x', event: 'y' }] },
      d: { steps: [{ id: 'has space', namespace: 'actions', app: 3, event: 'e', when: true, retries: 2 }] },
    });
    expect(problems).toEqual([
      `${PATH}.a.steps: is required`,
      `${PATH}.b.steps: must not be empty`,
      `${PATH}.c.steps[0].id: is required`,
      `${PATH}.c.steps[0].namespace: must be one of actions, notifications, storage, events, database-operations, database-actions, graph-operations, graph-actions`,
      `${PATH}.d.steps[0].retries: is not a known key`,
      `${PATH}.d.steps[0].id: must be a step id: 1 to 64 letters, digits, _ or -`,
      `${PATH}.d.steps[0].app: must be a non-empty string`,
      `${PATH}.d.steps[0].when: must be a non-empty string`,
    ]);
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['notifications', { notification: 'n', event: 'e' }, []],
    ['storage', { storage: 's', event: 'copy' }, []],
    ['events', { broker: 'b', event: 'orders.created' }, []],
    ['database-operations', { database: 'd', operation: 'deleteMany' }, []],
    ['database-actions', { database: 'd', event: 'purge_old' }, []],
    ['graph-operations', { graph: 'g', operation: 'deleteNodes' }, []],
    ['graph-actions', { graph: 'g', event: 'expire' }, []],
    ['actions', { app: 'a' }, ['[0].event: is required in a step of namespace actions']],
    ['notifications', { app: 'a', event: 'e' }, ['[0].app: is not a field of a step of namespace notifications (it takes notification and event)', '[0].notification: is required in a step of namespace notifications']],
    ['storage', { storage: 's', event: 'upload' }, ['[0].event: must be one of delete, copy, move']],
    ['database-operations', { database: 'd', event: 'deleteMany' }, ['[0].event: is not a field of a step of namespace database-operations (it takes database and operation)', '[0].operation: is required in a step of namespace database-operations']],
    ['database-operations', { database: 'd', operation: 'drop' }, ['[0].operation: must be one of find, findOne, count, insert, updateOne, updateMany, deleteOne, deleteMany, upsert, aggregate']],
    ['graph-operations', { graph: 'g', operation: 'explode' }, [`[0].operation: must be one of ${GRAPH_OPERATIONS.join(', ')}`]],
  ])('a %s step with %j', (namespace, fields, expected) => {
    expect(allProblems([{ id: 's', namespace, ...fields }])).toEqual(expected.map((problem) => (typeof problem === 'string' ? `${PATH}.f.steps${problem}` : problem)));
  });

  it('wants unique ids, and $Sequence only of earlier steps', () => {
    const step = (id: string, input: unknown, when?: string) => ({ id, namespace: 'events', broker: 'b', event: 'e', input, ...(when && { when }) });
    expect(
      allProblems([
        step('a', { message: '$Sequence{b}{x}' }),
        step('b', { message: '$Sequence{a}{body}' }, '$Sequence{b}{status}'),
        step('a', { message: ['ok', '$Concat("x", $Sequence{zz}{y})'] }),
      ]),
    ).toEqual([
      `${PATH}.f.steps[0].input.message: column 1: $Sequence{b} names step 'b', which runs after this one; only earlier steps have results`,
      `${PATH}.f.steps[1].when: column 1: $Sequence{b} names this step itself; only earlier steps have results`,
      `${PATH}.f.steps[2].id: repeats step id 'a' (ids must be unique in a feature)`,
      `${PATH}.f.steps[2].input.message[1]: column 14: $Sequence{zz} names no step 'zz' of this feature; only earlier steps have results`,
    ]);
  });

  it('reports expressions that do not parse, $Session in a step, and an input that is not a map', () => {
    const base = { namespace: 'events', broker: 'b', event: 'e' };
    expect(
      allProblems([
        { id: 'a', ...base, input: { message: 'at $Nowz()' } },
        { id: 'b', ...base, input: { message: '$Session{user}{email}' }, when: '$Input{go' },
        { id: 'c', ...base, input: ['x'] },
      ]),
    ).toEqual([
      `${PATH}.f.steps[0].input.message: column 4: unknown function $Nowz (did you mean $Now?)`,
      `${PATH}.f.steps[1].input.message: column 1: a step cannot read $Session; pass the value in the feature's input and read it with $Input{…}`,
      expect.stringMatching(new RegExp(`^${PATH.replace(/\./g, '\\.')}\\.f\\.steps\\[1\\]\\.when: column \\d+: `)),
      `${PATH}.f.steps[2].input: must be a map`,
    ]);
  });
});
