import { ResourceRegistry } from '../../src/resources';

/** A port nothing listens on: apps, SMTP and brokers there are configured but never answer. */
export const CLOSED_URL = 'http://127.0.0.1:9';

export interface AllNamespacesTargets {
  /** Root folder of the local storage `files`. */
  storageRoot: string;
  /** A MariaDB database with the tables of test/support/databases/targets.ts `createTables`. */
  databaseUrl: string;
}

const REMINDER = { email: { subject: 'Hi {{name}}', html: '<p>See you {{when}}</p>', text: 'See you {{when}}' } };

/**
 * Every namespace configured at once, under the names that the OpenAPI document's property examples
 * and the dispatch examples use (`shop` and `mailer`, `user-notifications`, `files`, `orders`,
 * `logs-db`, `session-graph`, `generate_daily_report`, sessions `user`, cache `digest`; the example
 * products `my-app`, `marketing`, `reminders` and `promo`), so a body built from those examples is a
 * valid request. Apps, SMTP and brokers point at a closed port: a run that does start fails quickly.
 */
export function allNamespacesRegistry(targets: AllNamespacesTargets): ResourceRegistry {
  const email = { smtp: 'smtp://127.0.0.1:9', from: 'Shop <noreply@shop.test>' };
  const app = (actions: Record<string, { method: string; path: string }>) => ({ base_url: CLOSED_URL, timeout: '2s', actions });
  return ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          apps: {
            mailer: app({
              send_welcome_email: { method: 'POST', path: '/emails/welcome' },
              update_user: { method: 'PUT', path: '/users/:id' },
              ping: { method: 'GET', path: '/ping' },
            }),
          },
          notifications: {
            'user-notifications': {
              timeout: '2s',
              email,
              callback: { url: `${CLOSED_URL}/hooks/:tenant`, secret: 'hook-secret-0123456789' },
              events: { send_reminder: REMINDER, order_paid: {} },
            },
          },
          storage: { files: { type: 'local', root: targets.storageRoot } },
          brokers: { orders: { type: 'rabbitmq', url: 'amqp://127.0.0.1:9', exchange: 'dispatch-fuzz', timeout: '2s' } },
          databases: {
            'logs-db': {
              type: 'mariadb',
              url: targets.databaseUrl,
              tables: ['logs', 'inventory', 'notes'],
              pool_size: 2,
              actions: {
                purge_old: { operation: 'deleteMany', table: 'logs', filter: { createdAt: { $lt: '{{before}}' } } },
                set_qty: { sql: 'UPDATE inventory SET qty = :qty WHERE sku = :sku' },
              },
            },
            'graph-db': { type: 'mariadb', url: targets.databaseUrl, pool_size: 2 },
          },
          graphs: {
            'session-graph': {
              type: 'sql',
              database: 'graph-db',
              actions: {
                expire: { operation: 'deleteNodes', labels: ['Session'], filter: { expiresAt: { $lt: '{{before}}' } }, detach: true },
              },
            },
          },
          features: {
            generate_daily_report: {
              steps: [{ id: 'ping', namespace: 'actions', app: 'mailer', event: 'ping', input: { query: { user: '$Input{userId}' } } }],
            },
          },
          sessions: {
            user: {
              expiry: '1h',
              schema: { type: 'object', properties: { user: { type: 'object', properties: { email: { type: 'string' } } } } },
            },
          },
          caches: { digest: { ttl: '10m' } },
        },
        'my-app': {
          envs: ['prd'],
          apps: { 'email-service': app({ send_welcome_email: { method: 'POST', path: '/emails/welcome' } }) },
          storage: { files: { type: 'local', root: targets.storageRoot } },
        },
        marketing: { envs: ['prd'], apps: { 'campaign-service': app({ send_campaign: { method: 'POST', path: '/campaigns' } }) } },
        reminders: { envs: ['prd'], notifications: { 'user-notifications': { email, events: { send_reminder: REMINDER } } } },
        promo: { envs: ['prd'], brokers: { 'kafka-broker': { type: 'redis', url: 'redis://127.0.0.1:9', timeout: '2s' } } },
      },
    },
    {},
  );
}
