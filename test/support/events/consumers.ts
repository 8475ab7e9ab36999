import amqp from 'amqplib';
import Redis from 'ioredis';
import mqtt from 'mqtt';
import { connect as natsConnect, JetStreamManager, NatsConnection } from 'nats';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';

export const RABBITMQ_URL = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const REDIS_BROKER_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const NATS_URL = process.env.TEST_NATS_URL ?? 'nats://127.0.0.1:4222';
export const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/** One message as a test consumer saw it: where it came in, its payload as text, its headers. */
export interface ReceivedMessage {
  topic: string;
  body: string;
  headers: Record<string, string>;
  /** Broker-specific extras: AMQP properties, the stream entry id, the MQTT QoS… */
  meta: Record<string, unknown>;
}

/** A consumer of one broker, subscribed to everything a test run publishes there. */
export interface TestConsumer {
  received(): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

/** Fails naming the broker, so that a broker that is down fails the tests instead of skipping them. */
async function reach<T>(broker: string, where: string, connect: () => Promise<T>): Promise<T> {
  try {
    return await connect();
  } catch (error) {
    throw new Error(`${broker} is not reachable at ${where}: ${String(error)}`);
  }
}

const hostOf = (url: string) => new URL(url).host;

/** A port that nothing listens on: a broker "stopped" for the attempt. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Binds a server-named queue to `exchange` (declared as the publisher declares it) with `#`. */
export async function consumeRabbitmq(exchange: string, cleanupExchanges: string[]): Promise<TestConsumer> {
  const connection = await reach('RabbitMQ', hostOf(RABBITMQ_URL), () => amqp.connect(RABBITMQ_URL));
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, '#');
  const messages: ReceivedMessage[] = [];
  await channel.consume(
    queue,
    (msg) => {
      if (!msg) return;
      const headers = Object.fromEntries(Object.entries(msg.properties.headers ?? {}).map(([k, v]) => [k, String(v)]));
      messages.push({ topic: msg.fields.routingKey, body: msg.content.toString(), headers, meta: { ...msg.properties, exchange: msg.fields.exchange } });
    },
    { noAck: true },
  );
  return {
    received: async () => messages,
    async close() {
      await channel.deleteQueue(queue);
      for (const name of cleanupExchanges) await channel.deleteExchange(name);
      await connection.close();
    },
  };
}

/** Reads every stream under `prefix` (XRANGE); deletes the keys on close. */
export async function consumeRedisStreams(prefix: string): Promise<TestConsumer & { redis: Redis }> {
  const redis = new Redis(REDIS_BROKER_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await reach('Redis', hostOf(REDIS_BROKER_URL), () => redis.connect());
  const keys = async () => (await redis.keys(`${prefix}*`)).filter((key) => !key.includes('*'));
  return {
    redis,
    async received() {
      const messages: ReceivedMessage[] = [];
      for (const key of (await keys()).sort()) {
        if ((await redis.type(key)) !== 'stream') continue;
        for (const [id, fields] of await redis.xrange(key, '-', '+')) {
          const entry = Object.fromEntries(fields.reduce<string[][]>((pairs, v, i) => (i % 2 ? pairs : [...pairs, [v, fields[i + 1]]]), []));
          messages.push({ topic: key.slice(prefix.length), body: entry.message, headers: JSON.parse(entry.headers), meta: { id, ...entry } });
        }
      }
      return messages;
    },
    async close() {
      const found = await keys();
      if (found.length) await redis.del(...found);
      redis.disconnect();
    },
  };
}

/** Subscribes to the channels `prefix*`; each payload is the publisher's `{message, headers}` envelope. */
export async function consumeRedisChannels(prefix: string): Promise<TestConsumer> {
  const redis = new Redis(REDIS_BROKER_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await reach('Redis', hostOf(REDIS_BROKER_URL), () => redis.connect());
  const messages: ReceivedMessage[] = [];
  redis.on('pmessage', (_pattern: string, channel: string, payload: string) => {
    const envelope = JSON.parse(payload) as { message: unknown; headers: Record<string, string> };
    messages.push({ topic: channel.slice(prefix.length), body: JSON.stringify(envelope.message), headers: envelope.headers, meta: { payload } });
  });
  await redis.psubscribe(`${prefix}*`);
  return {
    received: async () => messages,
    async close() {
      redis.disconnect();
    },
  };
}

/** A core subscription to `subject.>`, plus the JetStream manager to look into streams and delete them on close. */
export async function consumeNats(subject: string, cleanupStreams: string[]): Promise<TestConsumer & { jsm: JetStreamManager; nc: NatsConnection }> {
  const nc = await reach('NATS', hostOf(NATS_URL), () => natsConnect({ servers: hostOf(NATS_URL), timeout: 5000 }));
  const jsm = await reach('NATS JetStream', hostOf(NATS_URL), () => nc.jetstreamManager());
  const messages: ReceivedMessage[] = [];
  nc.subscribe(`${subject}.>`, {
    callback: (error, msg) => {
      if (error) return;
      const headers: Record<string, string> = {};
      for (const key of msg.headers?.keys() ?? []) headers[key] = msg.headers!.get(key);
      messages.push({ topic: msg.subject, body: msg.string(), headers, meta: {} });
    },
  });
  await nc.flush();
  return {
    nc,
    jsm,
    received: async () => messages.filter((m) => m.topic.startsWith(`${subject}.`)),
    async close() {
      for (const stream of cleanupStreams) await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    },
  };
}

/** An MQTT 5 client subscribed with QoS 1 to `topic/#`. */
export async function consumeMqtt(topic: string): Promise<TestConsumer> {
  const client = await reach('Mosquitto (MQTT)', hostOf(MQTT_URL), () => mqtt.connectAsync(MQTT_URL, { protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5000 }));
  const messages: ReceivedMessage[] = [];
  client.on('message', (received, payload, packet) => {
    const headers = Object.fromEntries(Object.entries(packet.properties?.userProperties ?? {}).map(([k, v]) => [k, String(v)]));
    messages.push({ topic: received, body: payload.toString(), headers, meta: { qos: packet.qos, retain: packet.retain, contentType: packet.properties?.contentType } });
  });
  await client.subscribeAsync(`${topic}/#`, { qos: 1 });
  return {
    received: async () => messages,
    async close() {
      await client.endAsync();
    },
  };
}
