import { ResourceRegistry } from '../../../src/resources';

export const SECRETS = { expo: 'expo-token-s3cr3t', fcm: 'fcm-token-s3cr3t', twilio: 'tw-token-s3cr3t', hook: 'hook-secret-s3cr3t' };

const REMINDER = {
  email: { subject: 'Hi {{name}}', html: '<p>See you {{when}}</p>', text: 'See you {{when}}' },
  push: { title: 'Reminder for {{name}}', body: 'See you {{when}}' },
  sms: { body: 'See you {{when}}' },
};

/**
 * Notifications whose channels point at the test's SMTP sink and at one local server standing in for
 * the Expo, FCM and Twilio APIs and the webhook. `reminders` is the product of the scheduling guide.
 */
export function notificationsRegistry(smtpUrl: string, providersUrl: string): ResourceRegistry {
  const email = { smtp: smtpUrl, from: 'Shop <noreply@shop.test>' };
  return ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          notifications: {
            'user-notifications': {
              timeout: '5s',
              email,
              push: { provider: 'expo', url: `${providersUrl}/--/api/v2/push/send`, token: SECRETS.expo },
              sms: { provider: 'twilio', url: providersUrl, account: 'AC123', token: SECRETS.twilio, from: '+15550000000' },
              callback: {
                url: `${providersUrl}/hooks/:tenant/notify`,
                method: 'POST',
                headers: { Authorization: 'Bearer hook-token', 'X-Source': 'registry' },
                secret: SECRETS.hook,
              },
              events: { send_reminder: REMINDER, order_paid: {} },
            },
            'fcm-notifications': {
              push: { provider: 'fcm', url: `${providersUrl}/v1/projects/demo/messages:send`, token: SECRETS.fcm },
              events: { send_reminder: { push: REMINDER.push } },
            },
            'email-only': { email, events: { send_reminder: { email: REMINDER.email }, bare: {} } },
          },
        },
        reminders: {
          envs: ['prd'],
          notifications: {
            'user-notifications': { email: { ...email, from: 'Reminders <noreply@reminders.test>' }, events: { send_reminder: { email: REMINDER.email } } },
          },
        },
      },
    },
    {},
  );
}
