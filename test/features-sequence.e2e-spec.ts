import { createHmac } from 'node:crypto';
import { ResourceRegistry } from '../src/resources';
import { mariadbTarget, TargetDatabase } from './support/databases/targets';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';
import { jobFinished } from './support/jobs';

const HOOK_SECRET = 'hook-secret-features-sequence';
/** How long the actions app takes to answer: the insert that needs its answer cannot start sooner. */
const LOOKUP_DELAY_MS = 50;

/**
 * A product with one app, one MariaDB database and one webhook notification, and the registry feature
 * `onboard` built from them: look the user up (action), insert a member row named from the lookup's
 * answer (database operation), then announce the insert with what the database reported (notification).
 */
function onboardRegistry(baseUrl: string, database: TargetDatabase): ResourceRegistry {
  return ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['prd'],
          apps: { crm: { base_url: baseUrl, timeout: '5s', actions: { get_user: { method: 'GET', path: '/users/:id' } } } },
          databases: { members: { type: 'mariadb', url: database.url, tables: ['members'] } },
          notifications: { hooks: { callback: { url: `${baseUrl}/hooks/member-added`, secret: HOOK_SECRET }, events: { member_added: {} } } },
          features: {
            onboard: {
              steps: [
                { id: 'lookup', namespace: 'actions', app: 'crm', event: 'get_user', input: { params: { id: '$Input{userId}' } } },
                {
                  id: 'save',
                  namespace: 'database-operations',
                  database: 'members',
                  operation: 'insert',
                  input: { table: 'members', data: { name: '$Sequence{lookup}{body}{name}', email: '$Input{email}', plan: '$Uppercase($Input{plan})' } },
                },
                {
                  id: 'announce',
                  namespace: 'notifications',
                  notification: 'hooks',
                  event: 'member_added',
                  input: {
                    callback: {
                      body: { inserted: '$Sequence{save}{affected}', table: '$Sequence{save}{table}', text: 'Welcome $Sequence{lookup}{body}{name} ($Input{email})' },
                    },
                  },
                },
              ],
            },
          },
        },
      },
    },
    {},
  );
}

/** A registry feature spanning three namespaces, with each step's result flowing into the next through `$Sequence`. */
describe('a feature of action, database insert and notification, end to end', () => {
  const target = new TargetServer();
  let database: TargetDatabase;
  let t: TestApp;

  beforeAll(async () => {
    const baseUrl = await target.start();
    target.respond('GET', '/users/ada', () => ({ status: 200, body: { name: 'Ada' }, delayMs: LOOKUP_DELAY_MS }));
    database = await mariadbTarget('features_sequence');
    await database.query(
      'CREATE TABLE members (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL, email VARCHAR(128) NOT NULL, plan VARCHAR(16), ' +
        'created_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))',
    );
    t = await startTestApp('features_sequence', onboardRegistry(baseUrl, database));
  });

  afterAll(async () => {
    await t?.close();
    await database?.drop();
    await target.stop();
  });

  it('runs the steps in order, inserting the name the action answered and announcing what the insert reported', async () => {
    const res = await t.http.post('/features/dispatch').send({ env: 'prd', product: 'shop', tag: 'onboard', input: { userId: 'ada', email: 'ada@shop.test', plan: 'pro' } }).expect(201);
    const jobId = res.body.job_id;
    const done = await jobFinished(t.http, jobId);
    expect(done).toMatchObject({ namespace: 'features', target: 'onboard', status: 'completed', run_count: 1, last_error: null });
    const occurrence = `${jobId}:1`;

    // Step 1: the actions app was asked once, for the input's user.
    const lookups = target.requests('GET', '/users/ada');
    expect(lookups).toHaveLength(1);
    expect(lookups[0].headers['idempotency-key']).toBe(`${occurrence}:lookup`);

    // Step 2: one row, named from step 1's answer, with the input's values.
    const rows = await database.query<{ id: number; name: string; email: string; plan: string; insertedAt: number }>(
      'SELECT id, name, email, plan, ROUND(UNIX_TIMESTAMP(created_at) * 1000) AS insertedAt FROM members',
    );
    expect(rows).toEqual([{ id: 1, name: 'Ada', email: 'ada@shop.test', plan: 'PRO', insertedAt: expect.any(Number) }]);

    // Step 3: the webhook got step 2's report and step 1's name, signed.
    const hooks = target.requests('POST', '/hooks/member-added');
    expect(hooks).toHaveLength(1);
    expect(hooks[0].body).toEqual({ inserted: 1, table: 'members', text: 'Welcome Ada (ada@shop.test)' });
    expect(hooks[0].headers['idempotency-key']).toBe(`${occurrence}:announce`);
    expect(hooks[0].headers['x-dispatch-signature']).toBe(`sha256=${createHmac('sha256', HOOK_SECRET).update(JSON.stringify(hooks[0].body)).digest('hex')}`);

    // In that order: the insert began only once the lookup had been answered, the announcement after the insert.
    expect(rows[0].insertedAt).toBeGreaterThanOrEqual(lookups[0].at + LOOKUP_DELAY_MS);
    expect(hooks[0].at).toBeGreaterThanOrEqual(rows[0].insertedAt);

    // The run keeps each step's result, in step order.
    const [run, ...more] = (await t.http.get(`/jobs/${jobId}/runs`).expect(200)).body.items;
    expect(more).toHaveLength(0);
    expect(run).toMatchObject({ attempt: 1, status: 'completed', error: null });
    expect(Object.keys(run.result.steps)).toEqual(['lookup', 'save', 'announce']);
    expect(run.result.steps.lookup).toEqual({ status: 'completed', result: { status: 200, headers: expect.any(Object), body: { name: 'Ada' } } });
    expect(run.result.steps.save).toEqual({ status: 'completed', result: { database: 'members', operation: 'insert', table: 'members', affected: 1 } });
    expect(run.result.steps.announce).toMatchObject({ status: 'completed', result: { callback: [{ status: 'sent', http_status: 200 }] } });
  });
});
