import { ResourceRegistry } from '../../../src/resources';

export const HOOK_SECRET = 'hook-secret-features';

/**
 * A product whose app and notification webhook point at one local target server, with registry
 * features built from them:
 * - `welcome`: look a user up, greet them by the name the lookup answered, and call the webhook only
 *   for a VIP (a `when` on the lookup's answer);
 * - `broken`: look a user up, then call an endpoint that refuses the request.
 */
export function featuresRegistry(baseUrl: string): ResourceRegistry {
  const lookup = { id: 'fetch', namespace: 'actions', app: 'users', event: 'get_user', input: { params: { id: '$Input{userId}' } } };
  return ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          apps: {
            users: {
              base_url: baseUrl,
              timeout: '5s',
              actions: {
                get_user: { method: 'GET', path: '/users/:id' },
                greet: { method: 'POST', path: '/greetings' },
                refuse: { method: 'POST', path: '/refuse' },
              },
            },
          },
          notifications: { hooks: { callback: { url: `${baseUrl}/hooks/vip`, secret: HOOK_SECRET }, events: { vip_seen: {} } } },
          features: {
            welcome: {
              steps: [
                lookup,
                {
                  id: 'greet',
                  namespace: 'actions',
                  app: 'users',
                  event: 'greet',
                  input: { body: { text: 'Hello $Sequence{fetch}{body}{name}', to: '$Input{email}', code: '$Sequence{fetch}{status}' } },
                },
                {
                  id: 'vip',
                  namespace: 'notifications',
                  notification: 'hooks',
                  event: 'vip_seen',
                  when: '$Sequence{fetch}{body}{vip}',
                  input: { callback: { body: { name: '$Sequence{fetch}{body}{name}', greeted: '$Sequence{greet}{body}{id}' } } },
                },
              ],
            },
            broken: {
              steps: [lookup, { id: 'notify', namespace: 'actions', app: 'users', event: 'refuse', input: { body: { name: '$Sequence{fetch}{body}{name}' } } }],
            },
          },
        },
      },
    },
    {},
  );
}
