import amqp from 'amqplib';
import { getExecutorToken, JobExecutor } from '../src/scheduler/executor.interface';
import type { JobEntity } from '../src/scheduler/entities/job.entity';
import { closedPort, consumeMqtt, consumeNats, consumeRabbitmq, consumeRedisChannels, consumeRedisStreams } from './support/events/consumers';
import { RABBITMQ_URL, ReceivedMessage, TestConsumer } from './support/events/consumers';
import { brokerCases, ConsumerName, Run } from './support/events/broker-cases';
import { DOWN_PASSWORD, eventsRegistry, eventsTestNames } from './support/events/events-registry';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { jobFinished } from './support/jobs';

describe('events, end to end', () => {
  const names = eventsTestNames();
  let t: TestApp | undefined;
  const consumers = {} as Record<ConsumerName, TestConsumer>;
  let nats: Awaited<ReturnType<typeof consumeNats>>;
  let streams: Awaited<ReturnType<typeof consumeRedisStreams>>;

  beforeAll(async () => {
    consumers.rabbitmq = await consumeRabbitmq(names.exchange, [names.exchange, names.freshExchange]);
    consumers.stream = streams = await consumeRedisStreams(names.redisPrefix);
    consumers.pubsub = await consumeRedisChannels(names.redisPrefix);
    consumers.nats = nats = await consumeNats(names.natsSubject, [names.natsStream, names.missingStream]);
    consumers.mqtt = await consumeMqtt(names.mqttTopic);
    t = await startTestApp('events', eventsRegistry(names, await closedPort()));
  });

  afterAll(async () => {
    await t?.close();
    // Every consumer cleans up what this run created, even when another one fails to.
    const closed = await Promise.allSettled(Object.values(consumers).map((consumer) => consumer.close()));
    const failed = closed.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed) throw failed.reason;
  });

  const app = () => t as TestApp;
  const dispatch = (body: Record<string, unknown>) => app().http.post('/events/dispatch').send({ env: 'prd', product: 'shop', ...body });
  const runs = async (id: string): Promise<Run[]> => (await app().http.get(`/jobs/${id}/runs`).expect(200)).body.items;
  const finished = (id: string) => jobFinished(app().http, id);
  const messagesOn = async (consumer: TestConsumer, topic: string) => (await consumer.received()).filter((m) => m.topic === topic);
  const waitForMessages = (consumer: TestConsumer, topic: string, count: number): Promise<ReceivedMessage[]> =>
    waitFor(async () => {
      const found = await messagesOn(consumer, topic);
      return found.length >= count ? found : null;
    }, 10_000) as Promise<ReceivedMessage[]>;

  const cases = brokerCases(names, () => nats.jsm);

  describe.each(cases)('$label', (c) => {
    it('delivers a dispatched message to a consumer, with the job and occurrence ids in its headers', async () => {
      const event = c.event('created');
      const res = await dispatch({ broker: c.broker, event, input: { message: { orderId: 'o-1', total: 99.5 }, key: 'o-1', headers: { 'x-trace-id': 'abc123' } } }).expect(201);
      expect(res.body).toEqual({ job_id: expect.any(String), status: 'queued', scheduled_at: expect.any(Number), recurring: false });
      const jobId = res.body.job_id;
      const job = await finished(jobId);
      expect(job).toMatchObject({ status: 'completed', run_count: 1, last_error: null });
      const [message] = await waitForMessages(consumers[c.consumer], event, 1);
      expect(JSON.parse(message.body)).toEqual({ orderId: 'o-1', total: 99.5 });
      expect(message.headers).toMatchObject({
        'x-trace-id': 'abc123',
        'x-dispatch-job-id': jobId,
        'x-dispatch-occurrence-id': `${jobId}:1`,
        'x-dispatch-key': 'o-1',
      });
      const [run] = await runs(jobId);
      expect(run).toMatchObject({ attempt: 1, status: 'completed', result: { broker: c.broker, type: c.type, event, message_id: `${jobId}:1` } });
      await c.check(message, run, `${jobId}:1`);
    });

    it('delivers three messages for a recurring publish with limit: 3', async () => {
      const event = c.event('tick');
      const res = await dispatch({ broker: c.broker, event, input: { message: 'tick' }, schedule: { every: 1000, limit: 3 } }).expect(201);
      expect(res.body).toMatchObject({ recurring: true });
      const jobId = res.body.job_id;
      expect(await finished(jobId)).toMatchObject({ status: 'completed', run_count: 3 });
      const received = await waitForMessages(consumers[c.consumer], event, 3);
      expect(received.map((m) => m.body)).toEqual(['tick', 'tick', 'tick']);
      expect(received.map((m) => m.headers['x-dispatch-occurrence-id']).sort()).toEqual([1, 2, 3].map((n) => `${jobId}:${n}`));
    });

    it('fails the attempt when the broker is stopped, records the retry, and never shows the password', async () => {
      const res = await dispatch({ broker: `${c.broker}-down`, event: c.event('lost'), input: { message: { n: 1 } }, retries: 1 }).expect(201);
      const job = await finished(res.body.job_id);
      expect(job).toMatchObject({ status: 'failed', failure_count: 1 });
      const attempts = await runs(res.body.job_id);
      expect(attempts.map((r) => [r.attempt, r.status, r.will_retry])).toEqual([
        [1, 'failed', true],
        [2, 'failed', false],
      ]);
      for (const error of [...attempts.map((r) => r.error), job.last_error]) {
        expect(error).toMatch(new RegExp(`^${c.type} broker '${c.broker}-down' is unreachable at ${c.scheme}://[^/@]+:\\d+: \\S`));
        expect(error).not.toContain(DOWN_PASSWORD);
      }
      expect(JSON.stringify(attempts)).not.toContain(DOWN_PASSWORD);
    });
  });

  it('publishes on a Redis channel in pubsub mode, the headers in an envelope', async () => {
    const res = await dispatch({ broker: 'pubsub', event: 'orders:live', input: { message: { live: true } } }).expect(201);
    expect(await finished(res.body.job_id)).toMatchObject({ status: 'completed' });
    const [message] = await waitForMessages(consumers.pubsub, 'orders:live', 1);
    expect(JSON.parse(message.body)).toEqual({ live: true });
    expect(message.headers).toMatchObject({ 'x-dispatch-occurrence-id': `${res.body.job_id}:1` });
    const [run] = await runs(res.body.job_id);
    expect(run.result).toMatchObject({ channel: `${names.redisPrefix}orders:live`, receivers: 1 });
  });

  it('publishes a retried occurrence to NATS once: the stream drops the repeat by its Nats-Msg-Id', async () => {
    const executor = app().app.get<JobExecutor>(getExecutorToken('events'));
    const subject = `${names.natsSubject}.retried`;
    const job = { id: 'retried-job', product: 'shop', env: 'prd', target: 'bus', event: subject } as JobEntity;
    const ctx = { job, occurrence: 1, occurrenceId: 'retried-job:1', input: { message: { n: 1 } }, signal: new AbortController().signal };
    const first = (await executor.execute({ ...ctx, attempt: 1 })) as Record<string, unknown>;
    const second = (await executor.execute({ ...ctx, attempt: 2 })) as Record<string, unknown>;
    expect(first).toMatchObject({ duplicate: false });
    expect(second).toMatchObject({ duplicate: true, seq: first.seq });
    const info = await nats.jsm.streams.info(names.natsStream, { subjects_filter: subject });
    expect(info.state.subjects).toEqual({ [subject]: 1 });
  });

  it('fails with the stream named when no JetStream stream captures the subject', async () => {
    const res = await dispatch({ broker: 'bus-nostream', event: 'dispatch-test-unclaimed.x', input: { message: 1 } }).expect(201);
    const job = await finished(res.body.job_id);
    expect(job.status).toBe('failed');
    expect(job.last_error).toBe(
      `nats broker 'bus-nostream' did not take the message for 'dispatch-test-unclaimed.x': no JetStream stream captures subject 'dispatch-test-unclaimed.x' (expected stream ${names.missingStream})`,
    );
  });

  it('declares a missing RabbitMQ exchange, durable and of the configured type', async () => {
    const connection = await amqp.connect(RABBITMQ_URL);
    try {
      // A passive check of a missing exchange closes its channel (with an 'error' event), hence one channel per check.
      const probe = await connection.createChannel();
      probe.on('error', () => undefined);
      await expect(probe.checkExchange(names.freshExchange)).rejects.toThrow(/NOT_FOUND/);
      const res = await dispatch({ broker: 'fresh', event: 'audit', input: { message: 'x' } }).expect(201);
      expect(await finished(res.body.job_id)).toMatchObject({ status: 'completed' });
      const channel = await connection.createChannel();
      await channel.checkExchange(names.freshExchange);
      // Redeclaring with other arguments would be refused: this proves type and durability.
      await channel.assertExchange(names.freshExchange, 'direct', { durable: true });
    } finally {
      await connection.close();
    }
  });

  it('does not retry what RabbitMQ refuses for good: an exchange declared with another type', async () => {
    const res = await dispatch({ broker: 'mismatch', event: 'order.created', input: { message: 1 }, retries: 2 }).expect(201);
    const job = await finished(res.body.job_id);
    expect(job).toMatchObject({ status: 'failed', failure_count: 1 });
    expect(job.last_error).toMatch(/^rabbitmq broker 'mismatch' at amqp:\/\/[^/@]+ cannot be used: .*PRECONDITION_FAILED/);
    expect((await runs(res.body.job_id)).map((r) => [r.attempt, r.status, r.will_retry])).toEqual([[1, 'failed', false]]);
  });

  it('runs the seed example (every with an endDate) as written, on a short schedule', async () => {
    const endDate = new Date(Date.now() + 2500).toISOString();
    const res = await app()
      .http.post('/events/dispatch')
      .send({
        env: 'prd',
        product: 'promo',
        broker: 'kafka-broker',
        event: 'check_promo_status',
        input: { message: { check: true } },
        retries: 1,
        schedule: { every: 1000, endDate },
      })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'queued', recurring: true });
    expect(await finished(res.body.job_id)).toMatchObject({ status: 'completed', run_count: 3 });
    const received = await waitForMessages(consumers.stream, 'promo:check_promo_status', 3);
    expect(received.map((m) => JSON.parse(m.body))).toEqual([{ check: true }, { check: true }, { check: true }]);
  });

  it('keeps one connection per broker resource and env, reused by every publish', async () => {
    const clients = async () =>
      String(await streams.redis.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line: string) => line.includes('name=dispatch-events:shop/prd/stream ')).length;
    const publish = async (message: number) => {
      const res = await dispatch({ broker: 'stream', event: 'orders:reuse', input: { message } }).expect(201);
      expect(await finished(res.body.job_id)).toMatchObject({ status: 'completed' });
    };
    await publish(0);
    expect(await clients()).toBe(1);
    await Promise.all([1, 2, 3].map(publish));
    expect(await clients()).toBe(1);
    expect(await messagesOn(consumers.stream, 'orders:reuse')).toHaveLength(4);
  });

  describe('bad input', () => {
    const VALID = { broker: 'orders', event: 'order.created', input: { message: { id: 1 } } };
    const cases400: Array<[name: string, fields: Record<string, unknown>, field: string, message: string]> = [
      ['no input', { input: undefined }, 'input', 'input should not be null or undefined'],
      ['no message', { input: { key: 'k' } }, 'input.message', 'input.message should not be null or undefined'],
      ['a null message', { input: { message: null } }, 'input.message', 'input.message should not be null or undefined'],
      ['headers with a number', { input: { message: 1, headers: { 'x-n': 1 } } }, 'input.headers', 'input.headers must be an object of string values (at most 50 keys)'],
      ['a key that is not a string', { input: { message: 1, key: 7 } }, 'input.key', 'input.key must be a string'],
      ['an unknown input field', { input: { message: 1, topic: 'x' } }, 'input.topic', 'input.property topic should not exist'],
      ['an event with a space', { event: 'order created' }, 'event', 'event must not contain whitespace or control characters'],
      ['a reserved header', { input: { message: 1, headers: { 'X-Dispatch-Job-Id': 'x' } } }, 'input.headers', "input.headers: 'X-Dispatch-Job-Id' is reserved (x-dispatch-* headers are set by the scheduler)"],
      ['a header name with a colon', { input: { message: 1, headers: { 'a:b': 'x' } } }, 'input.headers', "input.headers: 'a:b' is not a valid header name (up to 128 letters, digits and !#$%&'*+.^_`|~- )"],
      ['a NATS wildcard subject', { broker: 'bus', event: 'orders.*' }, 'event', 'event must be a NATS subject without wildcards (* or >)'],
      ['an MQTT wildcard topic', { broker: 'iot', event: 'devices/#' }, 'event', 'event must be an MQTT topic without wildcards (+ or #)'],
    ];

    it.each(cases400.map(([name, fields, field, message]) => ({ name, fields, field, message })))(
      'answers 400 for $name, naming $field, and writes nothing',
      async ({ fields, field, message }) => {
      const before = await countRows(app().dataSource, 'jobs');
      const res = await dispatch({ ...VALID, ...fields }).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(res.body.message).toEqual([message]);
      expect(message).toContain(field.split('.').pop());
      if (res.body.field !== undefined) expect(res.body.field).toBe(field);
      expect(await countRows(app().dataSource, 'jobs')).toBe(before);
      },
    );

    it('answers 404 naming the broker, or the env, that the registry does not know', async () => {
      const broker = await dispatch({ ...VALID, broker: 'kafka' }).expect(404);
      expect(broker.body).toMatchObject({ code: 'UNKNOWN_RESOURCE', field: 'broker', message: "Unknown broker 'kafka' in product 'shop'" });
      const env = await dispatch({ ...VALID, env: 'stg' }).expect(404);
      expect(env.body).toMatchObject({ field: 'env', message: "Unknown env 'stg' for product 'shop'" });
    });

    it('documents the endpoint in the OpenAPI document', async () => {
      const doc = (await app().http.get('/docs-json').expect(200)).body;
      expect(doc.paths['/events/dispatch'].post.tags).toEqual(['events']);
      expect(Object.keys(doc.paths['/events/dispatch'].post.responses).sort()).toEqual(['201', '400', '401', '404', '413', '422', '429', '500']);
      expect(doc.components.schemas.EventInputDto.required).toEqual(['message']);
    });
  });

  it('closes its broker connections when the app shuts down', async () => {
    const named = async () => String(await streams.redis.call('CLIENT', 'LIST')).includes('name=dispatch-events:shop/prd/');
    expect(await named()).toBe(true);
    await app().close();
    t = undefined;
    await waitFor(async () => !(await named()), 5000);
  });
});
