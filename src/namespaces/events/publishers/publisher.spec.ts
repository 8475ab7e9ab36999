import { errorText, redactSecrets, safeUrl, withDeadline } from './publisher';
import { rabbitmqPublisher } from './rabbitmq.publisher';
import { redisPublisher } from './redis.publisher';
import { mqttPublisher } from './mqtt.publisher';
import { natsPublisher } from './nats.publisher';

describe('safeUrl', () => {
  it.each([
    ['amqp://guest:s3cret@rabbit:5672/vhost?heartbeat=5', 'amqp://rabbit:5672'],
    ['redis://:s3cret@127.0.0.1:6379/2', 'redis://127.0.0.1:6379'],
    ['nats://token@127.0.0.1', 'nats://127.0.0.1'],
    ['not a url', '(invalid URL)'],
  ])('%s → %s', (url, safe) => expect(safeUrl(url)).toBe(safe));
});

describe('redactSecrets', () => {
  it('replaces the whole URL, then its password in plain and percent-encoded form', () => {
    const url = 'amqp://guest:p%40ss@rabbit:5672';
    expect(redactSecrets(`failed to connect to ${url}`, url)).toBe('failed to connect to amqp://rabbit:5672');
    expect(redactSecrets('login p@ss refused (p%40ss)', url)).toBe('login *** refused (***)');
  });

  it('treats a username without password as a token', () => {
    expect(redactSecrets('bad token tok-123', 'nats://tok-123@127.0.0.1:4222')).toBe('bad token ***');
  });

  it('leaves texts alone when the URL holds no credentials', () => {
    expect(redactSecrets('connect ECONNREFUSED 127.0.0.1:5673', 'amqp://127.0.0.1:5673')).toBe('connect ECONNREFUSED 127.0.0.1:5673');
    expect(redactSecrets('anything', '')).toBe('anything');
  });
});

describe('errorText', () => {
  it('reads messages, codes, aggregate errors and non-errors', () => {
    expect(errorText(new Error('boom'))).toBe('boom');
    expect(errorText(Object.assign(new Error(''), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorText(new AggregateError([new Error('connect ECONNREFUSED ::1:5673'), new Error('connect ECONNREFUSED 127.0.0.1:5673')]))).toBe(
      'connect ECONNREFUSED ::1:5673; connect ECONNREFUSED 127.0.0.1:5673',
    );
    expect(errorText('plain')).toBe('plain');
  });
});

describe('withDeadline', () => {
  const never = new Promise<never>(() => undefined);

  it('passes the outcome through when it comes in time', async () => {
    await expect(withDeadline(Promise.resolve(1), 1000, new AbortController().signal, 'x')).resolves.toBe(1);
    await expect(withDeadline(Promise.reject(new Error('no')), 1000, new AbortController().signal, 'x')).rejects.toThrow('no');
  });

  it('times out, naming what it waited for', async () => {
    await expect(withDeadline(never, 10, new AbortController().signal, 'the acknowledgement')).rejects.toThrow('the acknowledgement timed out after 10 ms');
  });

  it('gives up when the signal aborts, before or during the wait', async () => {
    const before = new AbortController();
    before.abort();
    await expect(withDeadline(never, 1000, before.signal, 'connecting')).rejects.toThrow('connecting aborted: the service is shutting down');
    const during = new AbortController();
    const waiting = withDeadline(never, 1000, during.signal, 'connecting');
    during.abort();
    await expect(waiting).rejects.toThrow('connecting aborted');
  });
});

describe('permanent failures', () => {
  const withCode = (message: string, code: unknown) => Object.assign(new Error(message), { code });

  it('RabbitMQ: refused access, missing or mismatched exchange', () => {
    expect(rabbitmqPublisher.isPermanent(withCode("PRECONDITION_FAILED - inequivalent arg 'type'", 406))).toBe(true);
    expect(rabbitmqPublisher.isPermanent(new Error('Handshake terminated by server: 403 (ACCESS-REFUSED)'))).toBe(true);
    expect(rabbitmqPublisher.isPermanent(withCode('connect ECONNREFUSED 127.0.0.1:5673', 'ECONNREFUSED'))).toBe(false);
    expect(rabbitmqPublisher.isPermanent(withCode('CONNECTION_FORCED', 320))).toBe(false);
  });

  it('Redis: a key of another type, refused credentials', () => {
    expect(redisPublisher.isPermanent(new Error('WRONGTYPE Operation against a key holding the wrong kind of value'))).toBe(true);
    expect(redisPublisher.isPermanent(new Error('WRONGPASS invalid username-password pair'))).toBe(true);
    expect(redisPublisher.isPermanent(new Error('connect ECONNREFUSED 127.0.0.1:6380'))).toBe(false);
  });

  it('NATS: another stream, too large, bad auth', () => {
    expect(natsPublisher.isPermanent(Object.assign(new Error('expected stream does not match'), { api_error: { err_code: 10060 } }))).toBe(true);
    expect(natsPublisher.isPermanent(withCode('MAX_PAYLOAD_EXCEEDED', 'MAX_PAYLOAD_EXCEEDED'))).toBe(true);
    expect(natsPublisher.isPermanent(withCode('CONNECTION_REFUSED', 'CONNECTION_REFUSED'))).toBe(false);
    expect(natsPublisher.isPermanent(new Error('no JetStream stream captures subject'))).toBe(false);
  });

  it('MQTT: refused credentials or authorisation', () => {
    expect(mqttPublisher.isPermanent(withCode('Connection refused: Not authorized', 135))).toBe(true);
    expect(mqttPublisher.isPermanent(withCode('Connection refused: Server unavailable', 3))).toBe(false);
    expect(mqttPublisher.isPermanent(withCode('connect ECONNREFUSED', 'ECONNREFUSED'))).toBe(false);
  });
});
