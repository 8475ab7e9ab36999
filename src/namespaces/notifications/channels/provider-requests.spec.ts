import type { PushChannelConfig, SmsChannelConfig } from '../../../resources/sections/notifications.section';
import { messageIdFor, smtpFailure } from './email.channel';
import { providerMessage } from './provider-http';
import { buildExpoRequest, buildFcmRequest, readExpoTickets } from './push.channel';
import { buildTwilioRequest } from './sms.channel';

const expo: PushChannelConfig = { provider: 'expo', url: 'https://exp.host/--/api/v2/push/send', token: 'expo-token' };
const fcm: PushChannelConfig = { provider: 'fcm', url: 'https://fcm.googleapis.com/v1/projects/demo/messages:send', token: 'oauth-token' };
const twilio: SmsChannelConfig = { provider: 'twilio', url: 'https://api.twilio.com/', account: 'AC123', token: 'tw-token', from: '+15550000000' };

describe('Expo-style push', () => {
  it('posts one JSON message per token to the configured URL with the bearer token', () => {
    const req = buildExpoRequest(expo, { title: 'Reminder', body: 'See you' }, { orderId: 7 }, ['ExponentPushToken[a]', 'ExponentPushToken[b]']);
    expect(req).toMatchObject({ method: 'POST', url: expo.url, headers: { authorization: 'Bearer expo-token', 'content-type': 'application/json' } });
    expect(JSON.parse(req.body!)).toEqual([
      { to: 'ExponentPushToken[a]', title: 'Reminder', body: 'See you', data: { orderId: 7 } },
      { to: 'ExponentPushToken[b]', title: 'Reminder', body: 'See you', data: { orderId: 7 } },
    ]);
    expect(buildExpoRequest({ ...expo, token: undefined }, { body: 'x' }, undefined, ['t']).headers.authorization).toBeUndefined();
  });

  it('reads one ticket per token; rate limits may be retried, other ticket errors not', () => {
    const body = {
      data: [
        { status: 'ok', id: 'ticket-1' },
        { status: 'error', message: 'not registered', details: { error: 'DeviceNotRegistered' } },
        { status: 'error', message: 'slow down', details: { error: 'MessageRateExceeded' } },
      ],
    };
    expect(readExpoTickets(body, ['a', 'b', 'c', 'd'], 200)).toEqual([
      { to: 'a', status: 'sent', http_status: 200, id: 'ticket-1' },
      { to: 'b', status: 'failed', http_status: 200, error: 'DeviceNotRegistered: not registered', retryable: false },
      { to: 'c', status: 'failed', http_status: 200, error: 'MessageRateExceeded: slow down', retryable: true },
      { to: 'd', status: 'failed', http_status: 200, error: 'the provider answered without a ticket for this token', retryable: false },
    ]);
  });
});

describe('FCM-style push', () => {
  it('posts one message per token, with data values as strings', () => {
    const req = buildFcmRequest(fcm, { title: 'T', body: 'B' }, { orderId: 7, tag: 'x', nested: { a: 1 } }, 'fcm-token');
    expect(req).toMatchObject({ method: 'POST', url: fcm.url, headers: { authorization: 'Bearer oauth-token' } });
    expect(JSON.parse(req.body!)).toEqual({ message: { token: 'fcm-token', notification: { title: 'T', body: 'B' }, data: { orderId: '7', tag: 'x', nested: '{"a":1}' } } });
  });
});

describe('Twilio-style SMS', () => {
  it('posts a form to the account Messages resource with basic auth', () => {
    const req = buildTwilioRequest(twilio, { body: 'See you & bye' }, '+15550001234');
    expect(req.url).toBe('https://api.twilio.com/2010-04-01/Accounts/AC123/Messages.json');
    expect(req.headers.authorization).toBe(`Basic ${Buffer.from('AC123:tw-token').toString('base64')}`);
    expect(req.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(req.body))).toEqual({ To: '+15550001234', From: '+15550000000', Body: 'See you & bye' });
  });
});

describe('provider answers', () => {
  it.each([
    [{ code: 21211, message: "The 'To' number is not valid.", status: 400 }, "The 'To' number is not valid."],
    [{ error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } }, 'Requested entity was not found.'],
    [{ errors: [{ code: 'PUSH_TOO_MANY', message: 'Too many' }] }, 'Too many'],
    ['upstream\n  down', 'upstream down'],
    [{ ok: false }, undefined],
    [undefined, undefined],
  ])('%j → %s', (body, text) => expect(providerMessage(body)).toBe(text));
});

describe('SMTP failures', () => {
  it.each([
    [{ responseCode: 550, response: '550 5.1.1 Mailbox unavailable', code: 'EENVELOPE' }, false, 550],
    [{ responseCode: 451, response: '451 4.3.0 Try again later', code: 'EENVELOPE' }, true, 451],
    [{ responseCode: 535, response: '535 Authentication failed', code: 'EAUTH' }, false, 535],
    [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED 127.0.0.1:2525' }, true, undefined],
    [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, true, undefined],
    [{ code: 'EREQUIRETLS', message: 'Server does not support STARTTLS' }, false, undefined],
  ])('%j → retryable %s', (error: Record<string, unknown>, retryable, code) => {
    const delivery = smtpFailure('a@shop.test', Object.assign(new Error('smtp'), error));
    expect(delivery).toMatchObject({ to: 'a@shop.test', status: 'failed', retryable });
    expect(delivery.smtp_code).toBe(code);
  });

  it('gives each occurrence and recipient a stable Message-ID in the domain of From', () => {
    const id = messageIdFor('job:1', 'A@shop.test', 'Shop <noreply@shop.test>');
    expect(id).toMatch(/^<[0-9a-f]{32}@shop\.test>$/);
    expect(messageIdFor('job:1', 'a@shop.test', 'noreply@shop.test')).toBe(id);
    expect(messageIdFor('job:2', 'a@shop.test', 'noreply@shop.test')).not.toBe(id);
  });
});
