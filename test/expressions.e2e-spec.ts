import { shopRegistry } from './support/registry';
import { TargetServer } from './support/target-server';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { jobFinished } from './support/jobs';

const DAY_MS = 86_400_000;

/**
 * Expressions in dispatch inputs (DESIGN §6), through the actions namespace against real MariaDB and
 * Redis: parsed at dispatch (a malformed one is a 400 that writes nothing), evaluated at each run.
 */
describe('expressions, end to end', () => {
  const target = new TargetServer();
  let t: TestApp;

  beforeAll(async () => {
    const baseUrl = await target.start();
    t = await startTestApp('expressions', shopRegistry(baseUrl));
  });

  afterAll(async () => {
    await t?.close();
    await target.stop();
  });

  const dispatch = (body: Record<string, unknown>) => t.http.post('/actions/dispatch').send({ env: 'prd', product: 'shop', app: 'mailer', ...body });
  const runs = async (id: string) => (await t.http.get(`/jobs/${id}/runs`).expect(200)).body.items;
  const finished = (id: string) => jobFinished(t.http, id);
  const received = (tag: string) => target.requests('POST', '/emails/welcome').filter((r) => (r.body as { tag?: string } | undefined)?.tag === tag);

  it.each([
    ['an unknown function', { since: 'now $Foo()' }, 'input.body.since', 'input.body.since, column 5: unknown function $Foo'],
    ['an unclosed call', { since: '$DateAdd($Now(), -30' }, 'input.body.since', 'input.body.since, column 9: unclosed ( of $DateAdd'],
    [
      'a bad unit, in a list',
      { list: ['ok', '$DateAdd($Now(), -30, "dayz")'] },
      'input.body.list[1]',
      'input.body.list[1], column 23: $DateAdd: argument 3 must be one of seconds, minutes, hours, days, weeks, months, years',
    ],
    [
      '$Session{…} in a job without a session',
      { to: 'Dear $Session{user}{name}' },
      'input.body.to',
      'input.body.to, column 6: $Session{user}{name} needs a session: dispatch with session: { tag, token }',
    ],
  ])('refuses %s with a 400 naming the field and column, and writes nothing', async (_, body, field, message) => {
    const before = await countRows(t.dataSource, 'jobs');
    const res = await dispatch({ event: 'send_welcome_email', input: { body } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_REQUEST', field, message: [message] });
    expect(await countRows(t.dataSource, 'jobs')).toBe(before);
  });

  it('resolves $Now() and $DateAdd afresh at each run of a recurring job', async () => {
    const res = await dispatch({
      event: 'send_welcome_email',
      input: { body: { tag: 'fresh', now: '$Now()', since: '$DateAdd($Now(), -30, "days")', note: 'run at $Format($Now(), "HH:mm")' } },
      schedule: { every: 1000, limit: 2 },
    }).expect(201);
    const done = await finished(res.body.job_id);
    expect(done).toMatchObject({ status: 'completed', run_count: 2 });
    const calls = received('fresh');
    expect(calls).toHaveLength(2);
    const [first, second] = calls.map((c) => c.body as { now: string; since: string; note: string });
    const [a, b] = [Date.parse(first.now), Date.parse(second.now)];
    // Each run's own time: about the interval apart, and each close to when the target saw the call.
    expect(b - a).toBeGreaterThanOrEqual(900);
    expect(b - a).toBeLessThan(2000);
    expect(Math.abs(calls[0].at - a)).toBeLessThan(1000);
    expect(Math.abs(calls[1].at - b)).toBeLessThan(1000);
    expect(Date.parse(first.since)).toBe(a - 30 * DAY_MS);
    expect(Date.parse(second.since)).toBe(b - 30 * DAY_MS);
    expect(first.note).toMatch(/^run at \d\d:\d\d$/);
  });

  it('gives a whole-string expression its typed value and formats one inside text; $Input reads the input as dispatched', async () => {
    const res = await dispatch({
      event: 'send_welcome_email',
      input: {
        query: { user: 'u-7' },
        body: { tag: 'typed', sum: '$Add(1, 2)', text: 'sum $Add(1, 2)', user: '$Input{query}{user}', kept: '$$Input{query}', price: 'costs $5', filter: { $lt: 3 } },
      },
    }).expect(201);
    expect((await finished(res.body.job_id)).status).toBe('completed');
    expect(received('typed').map((c) => c.body)).toEqual([
      { tag: 'typed', sum: 3, text: 'sum 3', user: 'u-7', kept: '$Input{query}', price: 'costs $5', filter: { $lt: 3 } },
    ]);
    // The row keeps the input as dispatched: expressions are resolved per run, never stored resolved.
    const [row] = await t.dataSource.query('SELECT input FROM jobs WHERE id = ?', [res.body.job_id]);
    const input = typeof row.input === 'string' ? JSON.parse(row.input) : row.input;
    expect(input.body.sum).toBe('$Add(1, 2)');
  });

  it('fails a run whose expression has no value, naming the path, without retrying', async () => {
    const res = await dispatch({ event: 'send_welcome_email', retries: 3, input: { body: { tag: 'missing', id: '$Input{body}{user}{id}' } } }).expect(201);
    const done = await finished(res.body.job_id);
    const message = 'input.body.id, column 1: $Input{body}{user}{id}: no value at input.body.user.id';
    expect(done).toMatchObject({ status: 'failed', last_error: message });
    expect(await runs(res.body.job_id)).toEqual([expect.objectContaining({ attempt: 1, status: 'failed', will_retry: false, error: message })]);
    expect(received('missing')).toHaveLength(0);
  });
});
