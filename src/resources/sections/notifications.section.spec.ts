import { join } from 'node:path';
import { formatProblem } from '../registry-errors';
import { validateRegistry } from '../registry-validator';
import { ResourceRegistry } from '../resource-registry';
import { checkFromAddress, checkTemplate, NotificationConfig } from './notifications.section';
import { Invalid } from '../app-field-checks';

const EXAMPLE = join(__dirname, '..', 'fixtures', 'design-example.yaml');
const EXAMPLE_ENV = { MAIL_TOKEN: 'm', EXPO_TOKEN: 'expo-token', TW_SID: 'AC1', TW_TOKEN: 'tw-token', HOOK_SECRET: 'hook-secret', S3_KEY: 'k', S3_SECRET: 's' };
const PATH = 'products.shop.notifications';

function problems(notifications: Record<string, unknown>): string[] {
  const doc = { products: { shop: { envs: ['dev', 'prd'], notifications } } };
  return validateRegistry(doc).problems.map(formatProblem);
}

const minimal = { events: { ping: {} } };

describe('the notifications section', () => {
  it('reads the example of the design, with defaults filled in', () => {
    const registry = ResourceRegistry.fromFile(EXAMPLE, EXAMPLE_ENV);
    const entry = registry.entry<NotificationConfig>('shop', 'prd', 'notifications', 'user-notifications');
    expect(entry).toEqual({
      timeout: 30_000,
      email: { smtp: 'smtp://127.0.0.1:2525', from: 'Shop <noreply@shop.test>', starttls: 'auto' },
      push: { provider: 'expo', url: 'https://exp.host/--/api/v2/push/send', token: 'expo-token' },
      sms: { provider: 'twilio', url: 'https://api.twilio.com', account: 'AC1', token: 'tw-token', from: '+15550000000' },
      callback: { url: 'https://hooks.shop.test/notify', method: 'POST', headers: {}, secret: 'hook-secret' },
      events: {
        send_reminder: {
          email: { subject: 'Hi {{name}}', html: '<p>See you {{when}}</p>', text: 'See you {{when}}' },
          push: { title: 'Reminder', body: 'See you {{when}}' },
          sms: { body: 'See you {{when}}' },
        },
      },
    });
  });

  it('settles per-env values of channels, headers and templates', () => {
    const registry = ResourceRegistry.fromObject(
      {
        products: {
          shop: {
            envs: ['dev', 'prd'],
            notifications: {
              users: {
                timeout: { dev: '5s', prd: '1m' },
                email: { smtp: { dev: 'smtp://127.0.0.1:2525', prd: 'smtps://user:pw@mail.shop.test' }, from: 'a@shop.test', starttls: 'required' },
                callback: { url: 'https://hooks.test/:id', method: 'put', headers: { 'X-Env': { dev: 'd', prd: 'p' } }, secret: 's' },
                events: { hi: { sms: { body: { dev: '[dev] {{x}}', prd: '{{x}}' } } } },
              },
            },
          },
        },
      },
      {},
    );
    const dev = registry.entry<NotificationConfig>('shop', 'dev', 'notifications', 'users');
    const prd = registry.entry<NotificationConfig>('shop', 'prd', 'notifications', 'users');
    expect([dev.timeout, prd.timeout]).toEqual([5000, 60_000]);
    expect(prd.email).toEqual({ smtp: 'smtps://user:pw@mail.shop.test', from: 'a@shop.test', starttls: 'required' });
    expect(dev.callback).toEqual({ url: 'https://hooks.test/:id', method: 'PUT', headers: { 'X-Env': 'd' }, secret: 's' });
    expect(dev.events.hi.sms?.body).toBe('[dev] {{x}}');
    expect(prd.events.hi.sms?.body).toBe('{{x}}');
  });

  it('accepts a notification with events only, and events without templates', () => {
    expect(problems({ hooks: minimal })).toEqual([]);
  });

  it('names each bad key by its path', () => {
    expect(
      problems({
        a: {
          timeout: 'forever',
          email: { smtp: 'http://mail', from: 'nobody', tls: true },
          push: { provider: 'apns', url: 'ftp://push' },
          sms: { provider: 'twilio', url: 'https://api.twilio.com', account: '', token: 't' },
          callback: { url: 'https://hooks.test', headers: { 'bad header': 'x', 'X-Ok': 'line\nbreak' } },
          events: {
            hi: { email: { html: '<p>{{when</p>' }, push: { title: 'T' }, sms: { body: 42 }, whatsapp: {} },
          },
        },
        b: { events: {} },
        c: { email: { smtp: 'smtp://x', from: 'x@y.test', starttls: 'maybe' } },
      }),
    ).toEqual([
      `${PATH}.a.timeout: must be a duration (ms or "30s", "5m", "1h", "7d")`,
      `${PATH}.a.email.tls: is not a known key`,
      `${PATH}.a.email.smtp: must be a URL with scheme smtp or smtps`,
      `${PATH}.a.email.from: must be an email address, optionally as "Name <address>"`,
      `${PATH}.a.push.provider: must be one of expo, fcm`,
      `${PATH}.a.push.url: must be a URL with scheme http or https`,
      `${PATH}.a.sms.account: must be a non-empty string`,
      `${PATH}.a.sms.from: is required`,
      `${PATH}.a.callback.headers.bad header: is not a valid HTTP header name`,
      `${PATH}.a.callback.headers.X-Ok: must not contain line breaks or control characters`,
      `${PATH}.a.callback.secret: is required`,
      `${PATH}.a.events.hi.whatsapp: is not a known key`,
      `${PATH}.a.events.hi.email.subject: is required`,
      `${PATH}.a.events.hi.email.html: must be a valid Handlebars template (parse error on line 1)`,
      `${PATH}.a.events.hi.push.body: is required`,
      `${PATH}.a.events.hi.sms.body: must be a string (a Handlebars template)`,
      `${PATH}.b.events: must not be empty`,
      `${PATH}.c.email.starttls: must be one of auto, required, off`,
      `${PATH}.c.events: is required`,
    ]);
  });

  it('never quotes a template or a secret in a problem', () => {
    const secret = '{{s3cr3t-value';
    const found = problems({ a: { callback: { url: 'https://h.test', secret: 12 }, events: { e: { sms: { body: secret } } } } });
    expect(found.join('\n')).not.toContain('s3cr3t');
  });

  it.each([
    ['Shop <noreply@shop.test>', true],
    ['noreply@shop.test', true],
    ['"Shop, Inc." <noreply@shop.test>', true],
    ['Shop', false],
    ['Shop <>', false],
    ['a b@shop.test', false],
  ])('from %j → %s', (from, ok) => expect(checkFromAddress(from) instanceof Invalid).toBe(!ok));

  it.each([
    ['Hi {{name}}', true],
    ['{{#each items}}{{this}}{{/each}}', true],
    ['plain text', true],
    ['', true],
    ['{{#if x}}open', false],
    ['{{name}', false],
  ])('template %j → %s', (template, ok) => expect(checkTemplate(template) instanceof Invalid).toBe(!ok));
});
