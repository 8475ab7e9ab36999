import { createHmac } from 'node:crypto';
import { EXPO_PATH, FCM_PATH, fcmToken, smsTo, standInForProviders, TWILIO_PATH } from './support/notifications/providers';
import { notificationsRegistry, SECRETS } from './support/notifications/registry';
import { SmtpSink } from './support/notifications/smtp-sink';
import { TargetServer } from './support/target-server';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { jobFinished } from './support/jobs';

describe('notifications, end to end', () => {
  const smtp = new SmtpSink();
  const providers = new TargetServer();
  let t: TestApp;
  let providersUrl: string;

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    providersUrl = await providers.start();
    standInForProviders(providers);
    t = await startTestApp('notifications', notificationsRegistry(smtpUrl, providersUrl));
  });

  afterAll(async () => {
    await t?.close();
    await providers.stop();
    await smtp.stop();
  });

  const dispatch = (body: Record<string, unknown>) =>
    t.http.post('/notifications/dispatch').send({ env: 'prd', product: 'shop', notification: 'user-notifications', event: 'send_reminder', ...body });
  const runs = async (id: string) => (await t.http.get(`/jobs/${id}/runs`).expect(200)).body.items;
  const finished = (id: string) => jobFinished(t.http, id);

  it('emails each recipient its own message with the rendered subject and bodies', async () => {
    const res = await dispatch({
      input: { email: { recipients: ['ada@shop.test', 'bob@shop.test'], subject: { name: 'Ada & <Bob>' }, template: { when: '<b>tomorrow</b>' } } },
    }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    for (const address of ['ada@shop.test', 'bob@shop.test']) {
      const [mail, ...more] = smtp.to(address);
      expect(more).toHaveLength(0);
      expect(mail).toMatchObject({ recipients: [address], from: 'Shop <noreply@shop.test>', subject: 'Hi Ada & <Bob>', text: 'See you <b>tomorrow</b>' });
      expect(mail.html).toBe('<p>See you &lt;b&gt;tomorrow&lt;/b&gt;</p>');
    }
    const [run] = await runs(res.body.job_id);
    expect(run.result.email).toEqual([
      { to: 'ada@shop.test', status: 'sent', id: smtp.to('ada@shop.test')[0].messageId },
      { to: 'bob@shop.test', status: 'sent', id: smtp.to('bob@shop.test')[0].messageId },
    ]);
  });

  it('sends push, SMS and a signed callback to the configured URLs, and keeps secrets out of the result', async () => {
    const res = await dispatch({
      input: {
        push_notification: { device_tokens: ['ExponentPushToken[a1]', 'ExponentPushToken[a2]'], title: { name: 'Ada' }, body: { when: 'at 10' }, data: { orderId: 7 } },
        sms: { recipients: ['+15550000001'], body: { when: 'at 10 & on time' } },
        callback: { params: { tenant: 'acme' }, query: { v: 2 }, headers: { 'X-Trace': 't1' }, body: { userId: 'u1', note: 'é' } },
      },
    }).expect(201);
    const job = await finished(res.body.job_id);
    expect(job.status).toBe('completed');

    const [expo] = providers.requests('POST', EXPO_PATH).filter((r) => JSON.stringify(r.body).includes('[a1]'));
    expect(expo.headers.authorization).toBe(`Bearer ${SECRETS.expo}`);
    expect(expo.body).toEqual([1, 2].map((n) => ({ to: `ExponentPushToken[a${n}]`, title: 'Reminder for Ada', body: 'See you at 10', data: { orderId: 7 } })));

    const [sms] = providers.requests('POST', TWILIO_PATH).filter((r) => smsTo(r) === '+15550000001');
    expect(sms.headers.authorization).toBe(`Basic ${Buffer.from(`AC123:${SECRETS.twilio}`).toString('base64')}`);
    expect(sms.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(sms.body as string))).toEqual({ To: '+15550000001', From: '+15550000000', Body: 'See you at 10 & on time' });

    const [hook] = providers.requests('POST', '/hooks/acme/notify');
    expect(hook.query).toEqual({ v: '2' });
    expect(hook.body).toEqual({ userId: 'u1', note: 'é' });
    expect(hook.headers).toMatchObject({ authorization: 'Bearer hook-token', 'x-source': 'registry', 'x-trace': 't1', 'idempotency-key': `${res.body.job_id}:1` });
    const signature = createHmac('sha256', SECRETS.hook).update(JSON.stringify(hook.body)).digest('hex');
    expect(hook.headers['x-dispatch-signature']).toBe(`sha256=${signature}`);

    const [run] = await runs(res.body.job_id);
    expect(run.result).toEqual({
      push_notification: [1, 2].map((n) => ({ to: `ExponentPushToken[a${n}]`, status: 'sent', http_status: 200, id: `ticket-ExponentPushToken[a${n}]` })),
      sms: [{ to: '+15550000001', status: 'sent', http_status: 201, id: 'SM15550000001' }],
      callback: [{ to: `POST ${providersUrl}`, status: 'sent', http_status: 200 }],
    });
    const everything = JSON.stringify([job, await runs(res.body.job_id)]);
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  });

  it('sends FCM-style pushes one token at a time with the bearer token', async () => {
    const res = await dispatch({ notification: 'fcm-notifications', input: { push_notification: { device_tokens: ['fcm-1', 'fcm-2'], body: { when: 'soon' }, data: { n: 1 } } } }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    const calls = providers.requests('POST', FCM_PATH).filter((r) => ['fcm-1', 'fcm-2'].includes(fcmToken(r)));
    expect(calls.map((r) => r.body)).toEqual(['fcm-1', 'fcm-2'].map((token) => ({ message: { token, notification: { title: 'Reminder for ', body: 'See you soon' }, data: { n: '1' } } })));
    expect(calls.every((r) => r.headers.authorization === `Bearer ${SECRETS.fcm}`)).toBe(true);
    expect((await runs(res.body.job_id))[0].result.push_notification.map((d: { id: string }) => d.id)).toEqual(['projects/demo/messages/fcm-1', 'projects/demo/messages/fcm-2']);
  });

  it('retries a provider 5xx and sends only what failed: no recipient gets a second message', async () => {
    const res = await dispatch({
      retries: 2,
      input: { email: { recipients: ['retry@shop.test'] }, sms: { recipients: ['+15550001001', '+15550001503'] }, callback: { params: { tenant: 'flaky' } } },
    }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    const attempts = await runs(res.body.job_id);
    expect(attempts.map((r: { attempt: number; status: string }) => [r.attempt, r.status])).toEqual([[1, 'failed'], [2, 'completed']]);
    expect(attempts[0].error).toMatch(/^2 of 4 deliveries failed: /);
    expect(attempts[0].error).toContain('sms +15550001503: HTTP 503 (Service unavailable)');
    expect(attempts[0].error).toContain(`callback POST http://127.0.0.1:`);
    expect(attempts[1].result).toMatchObject({
      email: [{ to: 'retry@shop.test', status: 'already_sent' }],
      sms: [{ to: '+15550001001', status: 'already_sent' }, { to: '+15550001503', status: 'sent' }],
      callback: [{ status: 'sent', http_status: 200 }],
    });
    expect(smtp.to('retry@shop.test')).toHaveLength(1);
    expect(providers.requests('POST', TWILIO_PATH).filter((r) => smsTo(r) === '+15550001001')).toHaveLength(1);
    expect(providers.requests('POST', TWILIO_PATH).filter((r) => smsTo(r) === '+15550001503')).toHaveLength(2);
    const hooks = providers.requests('POST', '/hooks/flaky/notify');
    expect(hooks.map((h) => h.headers['idempotency-key'])).toEqual([`${res.body.job_id}:1`, `${res.body.job_id}:1`]);
  });

  it('retries an FCM 503 too', async () => {
    const res = await dispatch({ notification: 'fcm-notifications', retries: 1, input: { push_notification: { device_tokens: ['fcm-flaky'] } } }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    expect(providers.requests('POST', FCM_PATH).filter((r) => fcmToken(r) === 'fcm-flaky')).toHaveLength(2);
  });

  it.each([
    ['a Twilio 400', { sms: { recipients: ['+15550002400'] } }, "sms +15550002400: HTTP 400 (The 'To' number is not valid.)"],
    ['an FCM 404', { push_notification: { device_tokens: ['fcm-unregistered'] } }, 'push_notification fcm-unregistered: HTTP 404 (Requested entity was not found.)', 'fcm-notifications'],
    ['an Expo error ticket', { push_notification: { device_tokens: ['ExponentPushToken[Unregistered]'] } }, 'push_notification ExponentPushToken[Unregistered]: DeviceNotRegistered'],
  ])('fails at once on %s, without retrying', async (_, input, error, notification = 'user-notifications') => {
    const res = await dispatch({ notification, retries: 3, input }).expect(201);
    const job = await finished(res.body.job_id);
    expect(job).toMatchObject({ status: 'failed', failure_count: 1 });
    expect(job.last_error).toContain(`1 of 1 deliveries failed: ${error}`);
    expect(await runs(res.body.job_id)).toHaveLength(1);
  });

  it('delivers to the other recipients when the mail server refuses one, and does not retry the refusal', async () => {
    smtp.refuse((address) => (address.startsWith('bounce') ? { code: 550, message: '5.1.1 Mailbox unavailable' } : undefined));
    const res = await dispatch({ retries: 2, input: { email: { recipients: ['bounce@shop.test', 'kept@shop.test'] } } }).expect(201);
    const job = await finished(res.body.job_id);
    smtp.refuse(() => undefined);
    expect(job.status).toBe('failed');
    expect(job.last_error).toMatch(/^1 of 2 deliveries failed: email bounce@shop\.test: 550 5\.1\.1 Mailbox unavailable/);
    expect(await runs(res.body.job_id)).toHaveLength(1);
    expect(smtp.to('kept@shop.test')).toHaveLength(1);
  });

  it('runs the example of the scheduling guide: every (shortened) with limit 4', async () => {
    const res = await t.http
      .post('/notifications/dispatch')
      .send({
        env: 'prd',
        product: 'reminders',
        notification: 'user-notifications',
        event: 'send_reminder',
        input: { email: { recipients: ['user@example.com'] } },
        retries: 2,
        schedule: { every: 1000, limit: 4 },
      })
      .expect(201);
    expect(res.body).toMatchObject({ status: 'queued', recurring: true });
    const job = await finished(res.body.job_id);
    expect(job).toMatchObject({ status: 'completed', run_count: 4 });
    const mails = smtp.to('user@example.com');
    expect(mails).toHaveLength(4);
    expect(mails.every((m) => m.subject === 'Hi' && m.from === 'Reminders <noreply@reminders.test>')).toBe(true);
    expect(new Set(mails.map((m) => m.messageId)).size).toBe(4);
  });

  describe('rejected dispatches', () => {
    let jobsBefore: number;
    beforeAll(async () => {
      jobsBefore = await countRows(t.dataSource, 'jobs');
    });

    it.each<[string, Record<string, unknown>, string]>([
      ['a channel the notification does not configure', { notification: 'fcm-notifications', input: { sms: { recipients: ['+15550000001'] } } }, "input.sms is not configured for notification 'fcm-notifications'"],
      ['a channel the event has no template for', { notification: 'email-only', event: 'bare', input: { email: { recipients: ['a@shop.test'] } } }, "input.email has no email template in event 'bare' of notification 'email-only'"],
      ['no channel', { input: {} }, 'input must name at least one channel: email, push_notification, sms, callback'],
      ['no input', { input: undefined }, 'input should not be null or undefined'],
      ['an email that is not an object', { input: { email: 'a@shop.test' } }, 'input.email must be an object'],
      ['a null channel', { input: { sms: null } }, 'input.sms must be an object'],
      ['null template params', { input: { email: { recipients: ['a@shop.test'], template: null } } }, 'input.email.template must be an object of template params'],
      ['empty recipients', { input: { email: { recipients: [] } } }, 'input.email.recipients must not be empty'],
      ['recipients that are not a list', { input: { email: { recipients: 'a@shop.test' } } }, 'input.email.recipients must be a list of email addresses'],
      ['a bad email address', { input: { email: { recipients: ['a@shop.test', 'nobody'] } } }, 'input.email.recipients[1] must be an email address'],
      ['subject params that are not an object', { input: { email: { recipients: ['a@shop.test'], subject: 'Hi' } } }, 'input.email.subject must be an object of template params'],
      ['an unknown email field', { input: { email: { recipients: ['a@shop.test'], cc: ['b@shop.test'] } } }, 'input.email.property cc should not exist'],
      ['a device token that is a number', { input: { push_notification: { device_tokens: [42] } } }, 'input.push_notification.device_tokens[0] must be a device token (1 to 4096 characters, no spaces)'],
      ['push data that is a list', { input: { push_notification: { device_tokens: ['t'], data: [1] } } }, 'input.push_notification.data must be an object'],
      ['a phone number not in E.164', { input: { sms: { recipients: ['555-0100'] } } }, 'input.sms.recipients[0] must be a phone number in E.164 form (+15550001234)'],
      ['a missing callback URL param', { input: { callback: {} } }, 'input.callback.params.tenant is required by the callback URL'],
      ['callback headers that are not strings', { input: { callback: { params: { tenant: 'a' }, headers: { 'x-n': 1 } } } }, 'input.callback.headers must be an object of string values (at most 50 keys)'],
    ])('answers 400 for %s', async (_, body, message) => {
      const res = await dispatch(body).expect(400);
      expect(([] as string[]).concat(res.body.message)).toContain(message);
      if (res.body.field !== undefined) expect(message).toContain(res.body.field);
    });

    it.each([
      ['notification', { notification: 'nope' }, "Unknown notification 'nope' in product 'shop'"],
      ['event', { event: 'nope' }, "Unknown event 'nope' for notification 'user-notifications' in product 'shop'"],
      ['product', { product: 'nope' }, "Unknown product 'nope'"],
      ['env', { env: 'qa' }, "Unknown env 'qa' for product 'shop'"],
    ])('answers 404 naming an unknown %s', async (field, body, message) => {
      const res = await dispatch({ ...body, input: { email: { recipients: ['a@shop.test'] } } }).expect(404);
      expect(res.body).toMatchObject({ field, message });
    });

    it('wrote no job for any of them', async () => {
      expect(await countRows(t.dataSource, 'jobs')).toBe(jobsBefore);
    });

    it('documents the endpoint in the OpenAPI document', async () => {
      const doc = (await t.http.get('/docs-json').expect(200)).body;
      expect(doc.paths['/notifications/dispatch'].post.responses).toHaveProperty('201');
      const { NotificationInputDto, EmailInputDto } = doc.components.schemas;
      expect(JSON.stringify(NotificationInputDto.properties.push_notification)).toContain('#/components/schemas/PushInputDto');
      expect(EmailInputDto.required).toEqual(['recipients']);
    });
  });
});
