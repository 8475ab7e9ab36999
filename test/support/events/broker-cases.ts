import type { JetStreamManager } from 'nats';
import type { ReceivedMessage } from './consumers';
import type { EventsTestNames } from './events-registry';

/** One attempt as `GET /jobs/:id/runs` shows it. */
export interface Run {
  attempt: number;
  status: string;
  will_retry: boolean;
  error: string | null;
  result: Record<string, unknown> | null;
}

export type ConsumerName = 'rabbitmq' | 'stream' | 'pubsub' | 'nats' | 'mqtt';

export interface BrokerCase {
  label: string;
  broker: string;
  type: string;
  scheme: string;
  consumer: ConsumerName;
  event: (suffix: string) => string;
  check: (message: ReceivedMessage, run: Run, occurrenceId: string) => Promise<void> | void;
}

/** The four broker types, each with a live broker, its consumer and what its messages must show. */
export function brokerCases(names: EventsTestNames, jsm: () => JetStreamManager): BrokerCase[] {
  return [
    {
      label: 'RabbitMQ',
      broker: 'orders',
      type: 'rabbitmq',
      scheme: 'amqp',
      consumer: 'rabbitmq',
      event: (suffix) => `order.${suffix}`,
      check: (message, run, occurrenceId) => {
        expect(message.meta).toMatchObject({ exchange: names.exchange, messageId: occurrenceId, deliveryMode: 2, contentType: 'application/json', appId: 'dispatch' });
        expect(run.result).toMatchObject({ exchange: names.exchange, routing_key: message.topic });
      },
    },
    {
      label: 'Redis stream',
      broker: 'stream',
      type: 'redis',
      scheme: 'redis',
      consumer: 'stream',
      event: (suffix) => `orders:${suffix}`,
      check: (message, run) => {
        expect(message.meta).toMatchObject({ content_type: 'application/json' });
        expect(run.result).toEqual(expect.objectContaining({ stream: `${names.redisPrefix}${message.topic}`, id: message.meta.id }));
      },
    },
    {
      label: 'NATS JetStream',
      broker: 'bus',
      type: 'nats',
      scheme: 'nats',
      consumer: 'nats',
      event: (suffix) => `${names.natsSubject}.${suffix}`,
      check: async (message, run, occurrenceId) => {
        expect(message.headers).toMatchObject({ 'Nats-Msg-Id': occurrenceId, 'Nats-Expected-Stream': names.natsStream, 'Content-Type': 'application/json' });
        expect(run.result).toMatchObject({ stream: names.natsStream, seq: expect.any(Number), duplicate: false });
        const stored = await jsm().streams.getMessage(names.natsStream, { seq: run.result!.seq as number });
        expect(stored.subject).toBe(message.topic);
        expect(stored.header.get('Nats-Msg-Id')).toBe(occurrenceId);
      },
    },
    {
      label: 'MQTT',
      broker: 'iot',
      type: 'mqtt',
      scheme: 'mqtt',
      consumer: 'mqtt',
      event: (suffix) => `${names.mqttTopic}/${suffix}`,
      check: (message, run) => {
        expect(message.meta).toMatchObject({ qos: 1, retain: false, contentType: 'application/json' });
        expect(run.result).toMatchObject({ topic: message.topic, qos: 1 });
      },
    },
  ];
}
