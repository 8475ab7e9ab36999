import { ResourceRegistry } from '../../src/resources';

/** A registry with one product whose app points at a local target server. */
export function shopRegistry(baseUrl: string, extraActions: Record<string, { method: string; path: string }> = {}): ResourceRegistry {
  return ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          apps: {
            mailer: {
              base_url: { dev: baseUrl, prd: baseUrl },
              headers: { Authorization: 'Bearer app-token', 'X-App': 'mailer' },
              timeout: '5s',
              actions: {
                send_welcome_email: { method: 'POST', path: '/emails/welcome' },
                update_user: { method: 'PUT', path: '/users/:id' },
                ping: { method: 'GET', path: '/ping' },
                flaky: { method: 'POST', path: '/flaky' },
                reject: { method: 'POST', path: '/reject' },
                slow: { method: 'POST', path: '/slow' },
                ...extraActions,
              },
            },
          },
        },
      },
    },
    {},
  );
}
