import { Check, Invalid } from '../app-field-checks';
import { checkBoolean, checkDuration, checkInteger, checkOneOf, checkString, checkText, checkUrl } from './checks';
import { byType, listOf, optional, scalar, Spec } from './section-spec';

/**
 * The `brokers` section (DESIGN §4): message brokers that the events namespace publishes to.
 *
 * ```yaml
 * brokers:
 *   orders: { type: rabbitmq, url: "amqp://guest:guest@127.0.0.1:5672", exchange: orders }  # exchange_type: topic
 *   stream: { type: redis, url: "redis://127.0.0.1:6379", mode: stream }   # prefix, maxlen
 *   bus: { type: nats, url: "nats://127.0.0.1:4222", stream: EVENTS }     # subjects: creates the stream
 *   iot: { type: mqtt, url: "mqtt://127.0.0.1:1883", qos: 1 }             # retain
 * ```
 * Every type also takes `timeout`: the bound on connecting and on the broker's acknowledgement.
 */

export const BROKER_TYPES = ['rabbitmq', 'redis', 'nats', 'mqtt'] as const;
export type BrokerType = (typeof BROKER_TYPES)[number];

/** @default 10 s: connecting, and waiting for the broker's acknowledgement of one message. */
export const DEFAULT_BROKER_TIMEOUT_MS = 10_000;
export const MAX_BROKER_TIMEOUT_MS = 5 * 60_000;
/**
 * Entries a Redis stream keeps (approximately) by default. The Redis that carries the queue runs
 * without eviction, so a stream nobody trims must not be able to grow until Redis refuses writes.
 */
export const DEFAULT_REDIS_STREAM_MAXLEN = 100_000;

export const RABBITMQ_EXCHANGE_TYPES = ['topic', 'direct', 'fanout', 'headers'] as const;

interface BrokerCommon {
  /** May hold credentials: never log or return it. */
  url: string;
  /** Milliseconds. */
  timeout: number;
}

export interface RabbitmqBroker extends BrokerCommon {
  type: 'rabbitmq';
  /** Declared durable when missing; `event` is the routing key. */
  exchange: string;
  exchange_type: (typeof RABBITMQ_EXCHANGE_TYPES)[number];
}

export interface RedisBroker extends BrokerCommon {
  type: 'redis';
  /** `stream`: XADD to the key `prefix + event`; `pubsub`: PUBLISH on the channel `prefix + event`. */
  mode: 'stream' | 'pubsub';
  prefix: string;
  /** Approximate MAXLEN of a stream; 0 keeps every entry. */
  maxlen: number;
}

export interface NatsBroker extends BrokerCommon {
  type: 'nats';
  /** The JetStream stream that must capture the published subjects. */
  stream: string;
  /** When given, the stream is created with these subjects if it does not exist; never changed if it does. */
  subjects?: string[];
}

export interface MqttBroker extends BrokerCommon {
  type: 'mqtt';
  qos: 0 | 1 | 2;
  retain: boolean;
}

/** A broker entry as `registry.entry(product, env, 'brokers', name)` returns it: defaults applied, one env's values. */
export type ResolvedBroker = RabbitmqBroker | RedisBroker | NatsBroker | MqttBroker;

/** Why a NATS subject is unusable, or undefined. `wildcards` allows `*` tokens and a final `>` (stream subjects). */
export function natsSubjectProblem(subject: string, wildcards: boolean): string | undefined {
  if (subject === '' || /[\s\x00-\x1f\x7f]/.test(subject)) return 'must be a NATS subject without whitespace';
  const tokens = subject.split('.');
  if (tokens.some((token) => token === '')) return 'must be a NATS subject without empty tokens (no leading, trailing or double dots)';
  const wild = tokens.findIndex((token) => token.includes('*') || token.includes('>'));
  if (wild === -1) return undefined;
  if (!wildcards) return 'must be a NATS subject without wildcards (* or >)';
  const ok = tokens.every((token, i) => (!token.includes('*') && !token.includes('>')) || token === '*' || (token === '>' && i === tokens.length - 1));
  return ok ? undefined : "must use * and > as whole tokens, with > only last";
}

const checkStreamName: Check<string> = (value) =>
  typeof value === 'string' && /^[^\s.*>/\\\x00-\x1f\x7f]{1,255}$/.test(value)
    ? value
    : new Invalid('must be a JetStream stream name (up to 255 characters, no whitespace, ".", "*", ">", "/" or "\\")');

const checkStreamSubject: Check<string> = (value) => {
  if (typeof value !== 'string') return new Invalid('must be a string');
  const problem = natsSubjectProblem(value, true);
  return problem ? new Invalid(problem) : value;
};

const checkExchange: Check<string> = (value) => {
  const name = checkString(value);
  if (name instanceof Invalid) return name;
  return Buffer.byteLength(name) <= 255 ? name : new Invalid('must be at most 255 bytes');
};

const timeout = optional(scalar(checkDuration(MAX_BROKER_TIMEOUT_MS)), DEFAULT_BROKER_TIMEOUT_MS);

export const BROKERS_SECTION: Spec = byType({
  rabbitmq: {
    url: scalar(checkUrl(['amqp:', 'amqps:'])),
    exchange: scalar(checkExchange),
    exchange_type: optional(scalar(checkOneOf(RABBITMQ_EXCHANGE_TYPES)), 'topic'),
    timeout,
  },
  redis: {
    url: scalar(checkUrl(['redis:', 'rediss:'])),
    mode: optional(scalar(checkOneOf(['stream', 'pubsub'])), 'stream'),
    prefix: optional(scalar(checkText), ''),
    maxlen: optional(scalar(checkInteger(0, 1_000_000_000)), DEFAULT_REDIS_STREAM_MAXLEN),
    timeout,
  },
  nats: {
    url: scalar(checkUrl(['nats:'])),
    stream: scalar(checkStreamName),
    subjects: optional(listOf(scalar(checkStreamSubject), { nonEmpty: true })),
    timeout,
  },
  mqtt: {
    url: scalar(checkUrl(['mqtt:', 'mqtts:', 'ws:', 'wss:'])),
    qos: optional(scalar(checkInteger(0, 2)), 1),
    retain: optional(scalar(checkBoolean), false),
    timeout,
  },
});
