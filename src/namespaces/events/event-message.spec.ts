import { buildOutgoingEvent, eventInputProblem, eventProblem, headersProblem, InvalidEventError } from './event-message';

const ids = { jobId: 'job-1', occurrenceId: 'job-1:2' };

describe('buildOutgoingEvent', () => {
  it('sends an object as JSON with the dispatch headers over the input ones', () => {
    const out = buildOutgoingEvent('rabbitmq', 'order.created', { message: { id: 7 }, key: 'order-7', headers: { 'x-trace': 'abc' } }, ids);
    expect(out).toEqual({
      event: 'order.created',
      message: { id: 7 },
      body: Buffer.from('{"id":7}'),
      contentType: 'application/json',
      headers: { 'x-trace': 'abc', 'x-dispatch-job-id': 'job-1', 'x-dispatch-occurrence-id': 'job-1:2', 'x-dispatch-key': 'order-7' },
      messageId: 'job-1:2',
    });
  });

  it('sends a string as text, and numbers, booleans and arrays as JSON', () => {
    const text = buildOutgoingEvent('redis', 'e', { message: 'héllo' }, ids);
    expect(text.body.toString('utf8')).toBe('héllo');
    expect(text.contentType).toBe('text/plain; charset=utf-8');
    expect(text.headers).toEqual({ 'x-dispatch-job-id': 'job-1', 'x-dispatch-occurrence-id': 'job-1:2' });
    for (const message of [0, false, [1, 'a'], {}]) {
      const out = buildOutgoingEvent('mqtt', 'a/b', { message }, ids);
      expect(JSON.parse(out.body.toString())).toEqual(message);
      expect(out.contentType).toBe('application/json');
    }
  });

  it('refuses an input that no longer suits the broker, as an InvalidEventError', () => {
    const thrown = (() => {
      try {
        buildOutgoingEvent('nats', 'orders.*', { message: 1 }, ids);
      } catch (error) {
        return error;
      }
    })();
    expect(thrown).toBeInstanceOf(InvalidEventError);
    expect((thrown as InvalidEventError).problem).toEqual({ field: 'event', message: 'event must be a NATS subject without wildcards (* or >)' });
  });
});

describe('eventProblem', () => {
  it.each<[Parameters<typeof eventProblem>[0], string, string | undefined]>([
    ['nats', 'orders.created', undefined],
    ['nats', 'orders.>', 'event must be a NATS subject without wildcards (* or >)'],
    ['nats', 'orders..created', 'event must be a NATS subject without empty tokens (no leading, trailing or double dots)'],
    ['mqtt', 'devices/42/status', undefined],
    ['mqtt', 'devices/+/status', 'event must be an MQTT topic without wildcards (+ or #)'],
    ['mqtt', 'devices/#', 'event must be an MQTT topic without wildcards (+ or #)'],
    ['mqtt', '$SYS/x', 'event must not start with $ (topics reserved by the MQTT broker)'],
    ['rabbitmq', 'order.*', undefined],
    ['rabbitmq', 'é'.repeat(128), 'event must be at most 255 bytes as a RabbitMQ routing key'],
    ['redis', 'orders:created/2', undefined],
  ])('%s %j → %j', (type, event, message) => expect(eventProblem(type, event)?.message).toBe(message));
});

describe('headersProblem', () => {
  it('accepts token names and printable values', () => {
    expect(headersProblem('nats', { 'X-Trace': 'a b', traceparent: '00-ab-cd-01', empty: '' })).toBeUndefined();
    expect(headersProblem('rabbitmq', undefined)).toBeUndefined();
  });

  it.each<[Parameters<typeof headersProblem>[0], Record<string, string>, string, string]>([
    ['rabbitmq', { 'bad name': 'x' }, 'input.headers', "input.headers: 'bad name' is not a valid header name (up to 128 letters, digits and !#$%&'*+.^_`|~- )"],
    ['nats', { 'a:b': 'x' }, 'input.headers', "input.headers: 'a:b' is not a valid header name (up to 128 letters, digits and !#$%&'*+.^_`|~- )"],
    ['mqtt', { ['h'.repeat(129)]: 'x' }, 'input.headers', expect.stringContaining('is not a valid header name') as unknown as string],
    ['redis', { 'X-Dispatch-Occurrence-Id': 'spoofed' }, 'input.headers', "input.headers: 'X-Dispatch-Occurrence-Id' is reserved (x-dispatch-* headers are set by the scheduler)"],
    ['nats', { 'Nats-Msg-Id': 'spoofed' }, 'input.headers', "input.headers: 'Nats-Msg-Id' is reserved by NATS"],
    ['rabbitmq', { 'x-note': 'a\r\nb' }, 'input.headers.x-note', 'input.headers.x-note must not contain line breaks or control characters'],
  ])('%s %j → %s', (type, headers, field, message) => expect(headersProblem(type, headers)).toEqual({ field, message }));

  it('leaves Nats- names to other brokers', () => {
    expect(headersProblem('rabbitmq', { 'Nats-Msg-Id': 'x' })).toBeUndefined();
  });
});

describe('eventInputProblem', () => {
  it('needs a message, then checks the event, then the headers', () => {
    expect(eventInputProblem('redis', 'e', { message: null })).toEqual({ field: 'input.message', message: 'input.message should not be null or undefined' });
    expect(eventInputProblem('nats', 'a.>', { message: 1, headers: { 'Nats-Msg-Id': 'x' } })?.field).toBe('event');
    expect(eventInputProblem('nats', 'a.b', { message: 1, headers: { 'Nats-Msg-Id': 'x' } })?.field).toBe('input.headers');
    expect(eventInputProblem('nats', 'a.b', { message: '' })).toBeUndefined();
  });
});
