import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ADMIN_KEY, bearer, KEY_A, KEY_B, xApiKey } from './support/api-keys';
import { DocumentOperation, fillPath, listOperations, OpenApiDocument } from './support/openapi';
import { shopRegistry } from './support/registry';
import { startTestApp, TestApp } from './support/test-app';

/** Routes of the admin scope: the operators' API and the metrics. Every other route is of the dispatch scope. */
const ADMIN_ROUTE = /^\/(admin\/|metrics$)/;
/** Routes that need no key at all. */
const PUBLIC_ROUTES = ['/health'];

/**
 * Every operation of the app's own OpenAPI document, with each kind of caller: no key, a key of the
 * wrong scope, a key of the right one. Nothing here runs: jobs are an hour ahead, and the app's base URL
 * is a closed port.
 */
describe('authentication of every route of the OpenAPI document', () => {
  let t: TestApp;
  let operations: DocumentOperation[];

  beforeAll(async () => {
    t = await startTestApp('auth_routes', shopRegistry('http://127.0.0.1:9'), { apiKeys: [KEY_A, KEY_B], adminApiKeys: [ADMIN_KEY] });
    const doc: OpenApiDocument = (await t.http.get('/docs-json').expect(200)).body;
    operations = listOperations(doc);
  });

  afterAll(() => t?.close());

  /** The operation with its path parameters set to an id no job has; a body where it takes one. */
  const send = (op: DocumentOperation, headers: Record<string, string>): Promise<Response> => {
    const call = t.http[op.method](fillPath(op, () => randomUUID())).set(headers);
    return ['post', 'put', 'patch'].includes(op.method) ? call.send({}) : call;
  };
  const isPublic = (op: DocumentOperation) => PUBLIC_ROUTES.includes(op.path);
  const isAdmin = (op: DocumentOperation) => ADMIN_ROUTE.test(op.path);

  it('documents every route, the admin ones with their 403 and the public ones without a key', () => {
    expect(operations.length).toBeGreaterThanOrEqual(30);
    expect(operations.filter(isAdmin).length).toBeGreaterThanOrEqual(12);
    for (const op of operations) {
      expect([op.name, '403' in op.operation.responses]).toEqual([op.name, isAdmin(op)]);
      expect([op.name, op.operation.security?.length === 0]).toEqual([op.name, isPublic(op)]);
    }
  });

  it('answers 401 to every operation but the public ones without a key, and with an unknown key', async () => {
    for (const op of operations) {
      const none = await send(op, {});
      const unknown = await send(op, bearer('not-a-key-0123456789abcdef'));
      if (isPublic(op)) {
        expect([op.name, none.status]).toEqual([op.name, 200]);
        continue;
      }
      expect([op.name, none.status, none.body.code]).toEqual([op.name, 401, 'API_KEY_MISSING']);
      expect([op.name, unknown.status, unknown.body.code]).toEqual([op.name, 401, 'API_KEY_INVALID']);
    }
  });

  it('answers 403 to a dispatch key on every admin operation', async () => {
    for (const op of operations.filter(isAdmin)) {
      for (const headers of [bearer(KEY_A), xApiKey(KEY_B)]) {
        const res = await send(op, headers);
        expect([op.name, res.status, res.body.code]).toEqual([op.name, 403, 'API_KEY_SCOPE']);
      }
    }
  });

  it('lets an admin key through every operation', async () => {
    for (const op of operations) {
      const res = await send(op, bearer(ADMIN_KEY));
      expect([op.name, [401, 403].includes(res.status), res.status < 500]).toEqual([op.name, false, true]);
    }
  });

  it('lets a dispatch key through every operation of the dispatch scope', async () => {
    for (const op of operations.filter((o) => !isAdmin(o))) {
      for (const headers of [bearer(KEY_A), xApiKey(KEY_B)]) {
        const res = await send(op, headers);
        expect([op.name, [401, 403].includes(res.status), res.status < 500]).toEqual([op.name, false, true]);
      }
    }
  });

  describe('Bull Board, outside the OpenAPI document', () => {
    const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`operator:${key}`).toString('base64')}` });
    /** The board's JSON API and its actions, which empty or delete the queue: each behind the admin key. */
    const writes = ['/admin/queues/api/queues/occurrences/obliterate', '/admin/queues/api/queues/occurrences/empty', '/admin/queues/api/queues/pause'];
    const reads = ['/admin/queues/', '/admin/queues/api/queues', '/admin/queues/api/redis/stats', '/ADMIN/QUEUES/api/queues', '/admin/queues/api/queues/occurrences/0'];

    it('answers 401 without a key and 403 to a dispatch key on its pages, its API and its actions', async () => {
      for (const path of reads) {
        const none = await t.http.get(path);
        expect([path, none.status, none.body.code]).toEqual([path, 401, 'API_KEY_MISSING']);
        expect(none.headers['www-authenticate']).toContain('Basic');
        for (const headers of [bearer(KEY_A), basic(KEY_B)]) {
          const denied = await t.http.get(path).set(headers);
          expect([path, denied.status, denied.body.code]).toEqual([path, 403, 'API_KEY_SCOPE']);
        }
      }
      for (const path of writes) {
        expect([path, (await t.http.put(path)).status]).toEqual([path, 401]);
        expect([path, (await t.http.put(path).set(basic('not-a-key-0123456789abcdef'))).status]).toEqual([path, 401]);
        expect([path, (await t.http.put(path).set(xApiKey(KEY_A))).status]).toEqual([path, 403]);
      }
    });

    it('serves its API to an admin key, as Bearer, x-api-key or the Basic password', async () => {
      for (const headers of [bearer(ADMIN_KEY), xApiKey(ADMIN_KEY), basic(ADMIN_KEY)]) {
        const res = await t.http.get('/admin/queues/api/queues').set(headers).expect(200);
        expect(res.body.queues.map((q: { name: string }) => q.name)).toEqual(['occurrences']);
      }
    });
  });

  describe("another client's jobs", () => {
    const dispatch = async (key: string) =>
      (
        await t.http
          .post('/actions/dispatch')
          .set(bearer(key))
          .send({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping', schedule: { start_at: Date.now() + 3_600_000 } })
          .expect(201)
      ).body.job_id as string;
    const reads = (id: string) => [
      () => t.http.get(`/jobs/${id}`),
      () => t.http.get(`/jobs/${id}/runs`).query({ limit: 1 }),
      () => t.http.delete(`/jobs/${id}`),
    ];

    it('hides a job dispatched with an admin key from every dispatch key', async () => {
      const id = await dispatch(ADMIN_KEY);
      for (const send of reads(id)) {
        const res = await send().set(bearer(KEY_A));
        expect([res.status, res.body.code]).toEqual([404, 'JOB_NOT_FOUND']);
      }
      const [row] = await t.dataSource.query('SELECT status FROM jobs WHERE id = ?', [id]);
      expect(row.status).toBe('scheduled');
    });

    it("hides another key's job also when its id is written in capitals", async () => {
      const id = await dispatch(KEY_A);
      for (const send of reads(id.toUpperCase())) {
        const res = await send().set(bearer(KEY_B));
        expect([res.status, res.body.code]).toEqual([404, 'JOB_NOT_FOUND']);
      }
      const [row] = await t.dataSource.query('SELECT status FROM jobs WHERE id = ?', [id]);
      expect(row.status).toBe('scheduled');
    });
  });
});
