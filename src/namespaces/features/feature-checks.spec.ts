import { formatProblem, ResourceRegistry } from '../../resources';
import type { ExecutorRegistry } from '../../scheduler/executor-registry';
import type { Namespace } from '../../scheduler/job-status';
import { NonRetryableError } from '../../scheduler/retry-policy';
import { registryFeatureProblems } from './feature-checks';

const PATH = 'products.shop.features';

function problems(features: Record<string, unknown>, missingExecutors: Namespace[] = []): string[] {
  const registry = ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          apps: { mailer: { base_url: 'http://127.0.0.1:9', actions: { update_user: { method: 'PUT', path: '/users/:id' } } } },
          notifications: { hooks: { callback: { url: 'http://127.0.0.1:9/hook', secret: 's' }, events: { done: {} } } },
          brokers: { bus: { type: 'nats', url: 'nats://127.0.0.1:4222', stream: 'EVENTS' } },
          storage: { files: { type: 'local', root: { dev: './data/dev', prd: './data/prd' } } },
          features,
        },
      },
    },
    {},
  );
  const executors = {
    get: (namespace: Namespace) => {
      if (missingExecutors.includes(namespace)) throw new NonRetryableError(`No executor is registered for namespace '${namespace}'`);
      return {};
    },
  } as unknown as ExecutorRegistry;
  return registryFeatureProblems(registry, executors).map(formatProblem);
}

describe('registryFeatureProblems', () => {
  it('accepts steps whose targets the product declares in every env', () => {
    expect(
      problems({
        ok: {
          steps: [
            { id: 'a', namespace: 'actions', app: 'mailer', event: 'update_user', input: { params: { id: '$Input{id}' } } },
            { id: 'b', namespace: 'notifications', notification: 'hooks', event: 'done', input: { callback: {} } },
            { id: 'c', namespace: 'events', broker: 'bus', event: 'users.updated', input: { message: '$Sequence{a}{body}' } },
            { id: 'd', namespace: 'storage', storage: 'files', event: 'delete', input: { fileName: 'x.txt' } },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('names each step field whose target is unknown, once, with the env', () => {
    expect(
      problems({
        f: {
          steps: [
            { id: 'a', namespace: 'actions', app: 'billing', event: 'charge' },
            { id: 'b', namespace: 'actions', app: 'mailer', event: { dev: 'update_user', prd: 'delete_user' } },
            { id: 'c', namespace: 'notifications', notification: 'hooks', event: 'nope' },
            { id: 'd', namespace: 'events', broker: 'bus', event: 'users.*' },
            { id: 'e', namespace: 'database-operations', database: 'logs', operation: 'find' },
          ],
        },
      }),
    ).toEqual([
      `${PATH}.f.steps[0].app: Unknown app 'billing' in product 'shop' (env 'dev')`,
      `${PATH}.f.steps[2].event: Unknown event 'nope' for notification 'hooks' in product 'shop' (env 'dev')`,
      `${PATH}.f.steps[3].event: event must be a NATS subject without wildcards (* or >)`,
      `${PATH}.f.steps[4].database: Unknown database 'logs' in product 'shop' (env 'dev')`,
      `${PATH}.f.steps[0].app: Unknown app 'billing' in product 'shop' (env 'prd')`,
      `${PATH}.f.steps[1].event: Unknown event 'delete_user' for app 'mailer' in product 'shop' (env 'prd')`,
      `${PATH}.f.steps[2].event: Unknown event 'nope' for notification 'hooks' in product 'shop' (env 'prd')`,
      `${PATH}.f.steps[4].database: Unknown database 'logs' in product 'shop' (env 'prd')`,
    ]);
  });

  it('reports a namespace without an executor, and the section rules before any lookup', () => {
    const step = { id: 'a', namespace: 'events', broker: 'bus', event: 'users.updated', input: { message: 1 } };
    expect(problems({ f: { steps: [step] } }, ['events'])).toEqual([`${PATH}.f.steps[0].namespace: No executor is registered for namespace 'events'`]);
    expect(problems({ f: { steps: [step, { ...step, app: 'mailer' }] } })).toEqual([
      `${PATH}.f.steps[1].id: repeats step id 'a' (ids must be unique in a feature)`,
      `${PATH}.f.steps[1].app: is not a field of a step of namespace events (it takes broker and event)`,
    ]);
  });
});
