import { ResourceRegistry } from '../../../src/resources';
import { MQTT_URL, NATS_URL, RABBITMQ_URL, REDIS_BROKER_URL } from './consumers';

/** Names unique to one run of the events tests, so that runs never see each other's messages. */
export function eventsTestNames(run = `${process.pid}-${Date.now()}`) {
  return {
    exchange: `dispatch-test-${run}`,
    freshExchange: `dispatch-test-${run}-fresh`,
    redisPrefix: `dispatch-test:${run}:`,
    natsStream: `DISPATCH_TEST_${run}`,
    missingStream: `DISPATCH_TEST_MISSING_${run}`,
    natsSubject: `dispatch-test.${run}`,
    mqttTopic: `dispatch-test/${run}`,
  };
}
export type EventsTestNames = ReturnType<typeof eventsTestNames>;

/** The password of every "stopped" broker: it must show up in no error, log or result. */
export const DOWN_PASSWORD = 's3cret-pw';

/** `url` with its port swapped and a password set: the same broker, stopped. */
function stopped(url: string, port: number): string {
  const down = new URL(url);
  down.port = String(port);
  down.username ||= 'dispatch';
  down.password = DOWN_PASSWORD;
  return down.toString();
}

/** Product `shop` with a live and a stopped broker of each type, and the seed's product `promo`. */
export function eventsRegistry(names: EventsTestNames, closedPort: number): ResourceRegistry {
  const fast = '2s';
  return ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          brokers: {
            orders: { type: 'rabbitmq', url: { dev: RABBITMQ_URL, prd: RABBITMQ_URL }, exchange: names.exchange },
            fresh: { type: 'rabbitmq', url: RABBITMQ_URL, exchange: names.freshExchange, exchange_type: 'direct' },
            // The consumer declares names.exchange as a topic exchange: the broker refuses to redeclare it.
            mismatch: { type: 'rabbitmq', url: RABBITMQ_URL, exchange: names.exchange, exchange_type: 'fanout' },
            stream: { type: 'redis', url: REDIS_BROKER_URL, mode: 'stream', prefix: names.redisPrefix, maxlen: 1000 },
            pubsub: { type: 'redis', url: REDIS_BROKER_URL, mode: 'pubsub', prefix: names.redisPrefix },
            bus: { type: 'nats', url: NATS_URL, stream: names.natsStream, subjects: [`${names.natsSubject}.>`] },
            'bus-nostream': { type: 'nats', url: NATS_URL, stream: names.missingStream, timeout: fast },
            iot: { type: 'mqtt', url: MQTT_URL, qos: 1 },
            'orders-down': { type: 'rabbitmq', url: stopped(RABBITMQ_URL, closedPort), exchange: names.exchange, timeout: fast },
            'stream-down': { type: 'redis', url: stopped(REDIS_BROKER_URL, closedPort), timeout: fast },
            'bus-down': { type: 'nats', url: stopped(NATS_URL, closedPort), stream: names.natsStream, timeout: fast },
            'iot-down': { type: 'mqtt', url: stopped(MQTT_URL, closedPort), timeout: fast },
          },
        },
        promo: {
          envs: ['prd'],
          brokers: { 'kafka-broker': { type: 'redis', url: REDIS_BROKER_URL, prefix: `${names.redisPrefix}promo:` } },
        },
      },
    },
    {},
  );
}
