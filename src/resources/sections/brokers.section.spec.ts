import { join } from 'node:path';
import { formatProblem } from '../registry-errors';
import { validateRegistry } from '../registry-validator';
import { ResourceRegistry } from '../resource-registry';
import { BROKERS_SECTION, natsSubjectProblem, ResolvedBroker } from './brokers.section';

const PATH = 'products.shop.brokers';

function validate(brokers: Record<string, unknown>) {
  const doc = { products: { shop: { envs: ['dev', 'prd'], brokers } } };
  const result = validateRegistry(doc, { brokers: BROKERS_SECTION });
  const entries = result.products[0]?.entries.brokers;
  return {
    problems: result.problems.map(formatProblem),
    broker: (name: string, env = 'prd') => entries?.get(name)?.(env) as ResolvedBroker | undefined,
  };
}

describe('brokers section', () => {
  it('reads the design example with every default filled in', () => {
    const registry = ResourceRegistry.fromFile(join(__dirname, '..', 'fixtures', 'design-example.yaml'), {
      MAIL_TOKEN: 'm',
      EXPO_TOKEN: 'e',
      TW_SID: 's',
      TW_TOKEN: 't',
      HOOK_SECRET: 'h',
      S3_KEY: 'k',
      S3_SECRET: 'x',
    });
    const broker = (name: string) => registry.entry<ResolvedBroker>('shop', 'dev', 'brokers', name);
    expect(broker('orders')).toEqual({ type: 'rabbitmq', url: 'amqp://guest:guest@127.0.0.1:5672', exchange: 'orders', exchange_type: 'topic', timeout: 10_000 });
    expect(broker('stream')).toEqual({ type: 'redis', url: 'redis://127.0.0.1:6379', mode: 'stream', prefix: '', maxlen: 100_000, timeout: 10_000 });
    expect(broker('bus')).toEqual({ type: 'nats', url: 'nats://127.0.0.1:4222', stream: 'EVENTS', timeout: 10_000 });
    expect(broker('iot')).toEqual({ type: 'mqtt', url: 'mqtt://127.0.0.1:1883', qos: 1, retain: false, timeout: 10_000 });
    expect(() => broker('kafka')).toThrow("Unknown broker 'kafka' in product 'shop'");
  });

  it('takes the optional fields, durations as text and per-env values', () => {
    const { problems, broker } = validate({
      orders: { type: 'rabbitmq', url: { dev: 'amqp://dev', prd: 'amqps://prd' }, exchange: 'orders', exchange_type: 'fanout', timeout: '2s' },
      stream: { type: 'redis', url: 'rediss://:pw@cache:6380/2', mode: 'pubsub', prefix: 'shop:', maxlen: 0 },
      bus: { type: 'nats', url: 'nats://127.0.0.1:4222', stream: 'EVENTS', subjects: ['orders.>', 'shop.*.created'], timeout: 500 },
      iot: { type: 'mqtt', url: 'wss://broker/mqtt', qos: { dev: 0, prd: 2 }, retain: true },
    });
    expect(problems).toEqual([]);
    expect(broker('orders', 'dev')).toMatchObject({ url: 'amqp://dev', exchange_type: 'fanout', timeout: 2000 });
    expect(broker('orders')).toMatchObject({ url: 'amqps://prd' });
    expect(broker('stream')).toMatchObject({ mode: 'pubsub', prefix: 'shop:', maxlen: 0 });
    expect(broker('bus')).toMatchObject({ subjects: ['orders.>', 'shop.*.created'], timeout: 500 });
    expect(broker('iot', 'dev')).toMatchObject({ qos: 0, retain: true });
    expect(broker('iot')).toMatchObject({ qos: 2 });
  });

  it('names each bad key by its path', () => {
    const { problems } = validate({
      a: { type: 'kafka', url: 'kafka://x' },
      b: { url: 'amqp://x' },
      c: { type: 'rabbitmq', url: 'http://x', exchange_type: 'x-delayed' },
      d: { type: 'redis', url: 'redis://x', mode: 'list', maxlen: -1, prefix: 3 },
      e: { type: 'nats', url: 'nats://x', stream: 'EVENTS.all', subjects: ['a..b', 'a.>.b', 'ok.*'] },
      f: { type: 'nats', url: 'nats://x', stream: 'S', subjects: [] },
      g: { type: 'mqtt', url: 'mqtt://x', qos: 3, retain: 'yes', exchange: 'e' },
      h: { type: 'mqtt', url: 'mqtt://x', timeout: '1h' },
      i: { type: 'rabbitmq', url: { dev: 'amqp://x' }, exchange: '' },
    });
    expect(problems).toEqual([
      `${PATH}.a.type: must be one of rabbitmq, redis, nats, mqtt`,
      `${PATH}.b.type: must be one of rabbitmq, redis, nats, mqtt`,
      `${PATH}.c.url: must be a URL with scheme amqp or amqps`,
      `${PATH}.c.exchange: is required`,
      `${PATH}.c.exchange_type: must be one of topic, direct, fanout, headers`,
      `${PATH}.d.mode: must be one of stream, pubsub`,
      `${PATH}.d.prefix: must be a string`,
      `${PATH}.d.maxlen: must be an integer from 0 to 1000000000`,
      `${PATH}.e.stream: must be a JetStream stream name (up to 255 characters, no whitespace, ".", "*", ">", "/" or "\\")`,
      `${PATH}.e.subjects[0]: must be a NATS subject without empty tokens (no leading, trailing or double dots)`,
      `${PATH}.e.subjects[1]: must use * and > as whole tokens, with > only last`,
      `${PATH}.f.subjects: must not be empty`,
      `${PATH}.g.exchange: is not a known key`,
      `${PATH}.g.qos: must be an integer from 0 to 2`,
      `${PATH}.g.retain: must be true or false`,
      `${PATH}.h.timeout: must be a duration greater than 0 and at most 300000 ms`,
      `${PATH}.i.url: no value for env 'prd'`,
      `${PATH}.i.exchange: must be a non-empty string`,
    ]);
  });

  it('never quotes a URL, which may hold a password, in its messages', () => {
    const secret = 'S3cr3t-pw';
    const { problems } = validate({
      a: { type: 'rabbitmq', url: `http://guest:${secret}@x`, exchange: 'e' },
      b: { type: 'redis', url: `${secret}` },
      c: { type: 'nats', url: { dev: `nats://u:${secret}@x`, prd: `tls://u:${secret}@x` }, stream: 'S' },
    });
    expect(problems).toHaveLength(3);
    for (const problem of problems) expect(problem).not.toContain(secret);
  });

  it('fails to load a registry with a bad broker, listing the path', () => {
    expect(() =>
      ResourceRegistry.fromObject({ products: { shop: { envs: ['dev'], brokers: { orders: { type: 'rabbitmq', url: 'amqp://x' } } } } }, {}),
    ).toThrow('products.shop.brokers.orders.exchange: is required');
  });
});

describe('natsSubjectProblem', () => {
  it.each<[string, boolean, string | undefined]>([
    ['orders.created', false, undefined],
    ['orders', false, undefined],
    ['orders.*', false, 'must be a NATS subject without wildcards (* or >)'],
    ['orders.>', false, 'must be a NATS subject without wildcards (* or >)'],
    ['orders.>', true, undefined],
    ['*.created', true, undefined],
    ['orders.>.x', true, 'must use * and > as whole tokens, with > only last'],
    ['orders.a*', true, 'must use * and > as whole tokens, with > only last'],
    ['.orders', false, 'must be a NATS subject without empty tokens (no leading, trailing or double dots)'],
    ['orders.', true, 'must be a NATS subject without empty tokens (no leading, trailing or double dots)'],
    ['order created', false, 'must be a NATS subject without whitespace'],
    ['', false, 'must be a NATS subject without whitespace'],
  ])('%j (wildcards %s) → %j', (subject, wildcards, problem) => expect(natsSubjectProblem(subject, wildcards)).toBe(problem));
});
