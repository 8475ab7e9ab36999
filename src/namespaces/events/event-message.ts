import { BrokerType, natsSubjectProblem } from '../../resources/sections/brokers.section';

/** The `input` of an events dispatch (DESIGN §1). */
export interface EventInput {
  /** A string is sent as UTF-8 text; any other JSON value as JSON. */
  message: unknown;
  /** The message key, carried in the `x-dispatch-key` header. */
  key?: string;
  headers?: Record<string, string>;
}

/** Headers every message carries, so that consumers can trace and de-duplicate what they receive. */
export const JOB_ID_HEADER = 'x-dispatch-job-id';
export const OCCURRENCE_ID_HEADER = 'x-dispatch-occurrence-id';
export const KEY_HEADER = 'x-dispatch-key';
const RESERVED_PREFIX = 'x-dispatch-';

/** One message, ready for any broker's client. */
export interface OutgoingEvent {
  /** The topic, routing key, subject or stream/channel name (before the broker's prefix). */
  event: string;
  /** The dispatch's message as given, for brokers that wrap it in an envelope. */
  message: unknown;
  body: Buffer;
  contentType: string;
  /** The dispatch's headers and the `x-dispatch-*` ones. */
  headers: Record<string, string>;
  /** The occurrence id: the broker's message id or de-duplication id where it has one. */
  messageId: string;
}

export interface InputProblem {
  field: string;
  message: string;
}

export class InvalidEventError extends Error {
  constructor(readonly problem: InputProblem) {
    super(problem.message);
  }
}

// Names every broker client accepts: HTTP tokens (NATS refuses ':' and spaces, AMQP tables take anything).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,128}$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\uffff]*$/;

/** Why `event` cannot be published on a broker of this type, or undefined. The DTO has already refused whitespace. */
export function eventProblem(type: BrokerType, event: string): InputProblem | undefined {
  const fail = (message: string): InputProblem => ({ field: 'event', message: `event ${message}` });
  switch (type) {
    case 'nats': {
      const problem = natsSubjectProblem(event, false);
      return problem ? fail(problem) : undefined;
    }
    case 'mqtt':
      if (/[+#]/.test(event)) return fail('must be an MQTT topic without wildcards (+ or #)');
      if (event.startsWith('$')) return fail('must not start with $ (topics reserved by the MQTT broker)');
      return undefined;
    case 'rabbitmq':
      return Buffer.byteLength(event) > 255 ? fail('must be at most 255 bytes as a RabbitMQ routing key') : undefined;
    case 'redis':
      return undefined;
  }
}

/** The first problem with the dispatch's headers for a broker of this type, or undefined. */
export function headersProblem(type: BrokerType, headers: Record<string, string> | undefined): InputProblem | undefined {
  for (const [name, value] of Object.entries(headers ?? {})) {
    const lower = name.toLowerCase();
    if (!HEADER_NAME.test(name)) {
      return { field: 'input.headers', message: `input.headers: '${name}' is not a valid header name (up to 128 letters, digits and !#$%&'*+.^_\`|~- )` };
    }
    if (lower.startsWith(RESERVED_PREFIX)) {
      return { field: 'input.headers', message: `input.headers: '${name}' is reserved (${RESERVED_PREFIX}* headers are set by the scheduler)` };
    }
    // Nats-Msg-Id and Nats-Expected-* steer de-duplication and stream checks; only the executor sets them.
    if (type === 'nats' && lower.startsWith('nats-')) {
      return { field: 'input.headers', message: `input.headers: '${name}' is reserved by NATS` };
    }
    if (!HEADER_VALUE.test(value)) {
      return { field: `input.headers.${name}`, message: `input.headers.${name} must not contain line breaks or control characters` };
    }
  }
  return undefined;
}

/** Every problem of an events input for a broker type: the dispatch refuses it, the executor never retries it. */
export function eventInputProblem(type: BrokerType, event: string, input: EventInput): InputProblem | undefined {
  if (input === null || typeof input !== 'object' || input.message === undefined || input.message === null) {
    return { field: 'input.message', message: 'input.message should not be null or undefined' };
  }
  return eventProblem(type, event) ?? headersProblem(type, input.headers);
}

/** Builds the message of one attempt; throws InvalidEventError when the input no longer fits the broker. */
export function buildOutgoingEvent(type: BrokerType, event: string, input: EventInput, ids: { jobId: string; occurrenceId: string }): OutgoingEvent {
  const problem = eventInputProblem(type, event, input);
  if (problem) throw new InvalidEventError(problem);
  const text = typeof input.message === 'string';
  const headers: Record<string, string> = { ...(input.headers ?? {}) };
  headers[JOB_ID_HEADER] = ids.jobId;
  headers[OCCURRENCE_ID_HEADER] = ids.occurrenceId;
  if (input.key !== undefined) headers[KEY_HEADER] = input.key;
  return {
    event,
    message: input.message,
    body: Buffer.from(text ? (input.message as string) : JSON.stringify(input.message), 'utf8'),
    contentType: text ? 'text/plain; charset=utf-8' : 'application/json',
    headers,
    messageId: ids.occurrenceId,
  };
}
