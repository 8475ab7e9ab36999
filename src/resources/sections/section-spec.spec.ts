import { formatProblem } from '../registry-errors';
import { validateRegistry } from '../registry-validator';
import { checkInteger, checkOneOf, checkString, checkUrl } from './checks';
import { byType, listOf, mapOf, object, optional, raw, scalar } from './section-spec';

const brokers = byType({
  rabbitmq: { url: scalar(checkUrl(['amqp:', 'amqps:'])), exchange: scalar(checkString) },
  mqtt: { url: scalar(checkUrl(['mqtt:'])), qos: optional(scalar(checkInteger(0, 2)), 1) },
});
const notifications = object({
  email: optional(object({ from: scalar(checkString) })),
  events: mapOf(object({ sms: optional(object({ body: scalar(checkString) })), tags: optional(listOf(scalar(checkOneOf(['a', 'b'])))) }), { nonEmpty: true }),
  extra: optional(raw()),
});

function validate(section: string, entries: unknown) {
  const doc = { products: { shop: { envs: ['dev', 'prd'], [section]: entries } } };
  const result = validateRegistry(doc, { brokers, notifications });
  return { problems: result.problems.map(formatProblem), product: result.products[0] };
}

describe('section schemas', () => {
  it('settles per-env scalars and defaults inside a typed entry', () => {
    const { problems, product } = validate('brokers', {
      orders: { type: 'rabbitmq', url: { dev: 'amqp://dev', prd: 'amqp://prd' }, exchange: 'orders' },
      iot: { type: 'mqtt', url: 'mqtt://127.0.0.1:1883' },
    });
    expect(problems).toEqual([]);
    const orders = product.entries.brokers!.get('orders')!;
    expect(orders('dev')).toEqual({ type: 'rabbitmq', url: 'amqp://dev', exchange: 'orders' });
    expect(orders('prd')).toEqual({ type: 'rabbitmq', url: 'amqp://prd', exchange: 'orders' });
    expect(product.entries.brokers!.get('iot')!('dev')).toEqual({ type: 'mqtt', url: 'mqtt://127.0.0.1:1883', qos: 1 });
  });

  it('names each bad key by its path', () => {
    const { problems } = validate('brokers', {
      a: { type: 'kafka' },
      b: { type: 'rabbitmq', url: 'http://x' },
      c: { type: 'mqtt', url: 'mqtt://x', qos: 3, retain: true },
      d: { type: 'rabbitmq', url: { dev: 'amqp://x' }, exchange: 'e' },
    });
    expect(problems).toEqual([
      'products.shop.brokers.a.type: must be one of rabbitmq, mqtt',
      'products.shop.brokers.b.url: must be a URL with scheme amqp or amqps',
      'products.shop.brokers.b.exchange: is required',
      'products.shop.brokers.c.retain: is not a known key',
      'products.shop.brokers.c.qos: must be an integer from 0 to 2',
      "products.shop.brokers.d.url: no value for env 'prd'",
    ]);
  });

  it('walks nested maps and lists, and keeps raw parts as written', () => {
    const { problems, product } = validate('notifications', {
      users: { email: { from: 'x@y' }, events: { remind: { sms: { body: 'Hi {{name}}' }, tags: ['a'] } }, extra: { any: ['thing'] } },
    });
    expect(problems).toEqual([]);
    expect(product.entries.notifications!.get('users')!('prd')).toEqual({
      email: { from: 'x@y' },
      events: { remind: { sms: { body: 'Hi {{name}}' }, tags: ['a'] } },
      extra: { any: ['thing'] },
    });
    const bad = validate('notifications', { users: { events: { remind: { tags: ['c'], sms: 'no' } } }, other: { events: {} } });
    expect(bad.problems).toEqual([
      'products.shop.notifications.users.events.remind.sms: must be a map',
      'products.shop.notifications.users.events.remind.tags[0]: must be one of a, b',
      'products.shop.notifications.other.events: must not be empty',
    ]);
  });
});
