import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UploadSweeperService } from '../src/namespaces/storage/staging/upload-sweeper.service';
import { LocalS3Server } from './support/storage/s3-server';
import { exists, jobInput, localProbe, redisHolds, s3Probe, stagingCounts, StorageProbe, storageRegistry } from './support/storage/storage-fixture';
import { countRows, startTestApp, TestApp } from './support/test-app';
import { waitFor } from './support/wait-for';
import { jobFinished } from './support/jobs';

const MAX_UPLOAD = 10 * 1024 * 1024;
const b64 = (data: string | Buffer) => Buffer.from(data).toString('base64');
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('storage, end to end', () => {
  const s3 = new LocalS3Server();
  let base: string;
  let root: string;
  let outside: string;
  let t: TestApp;

  beforeAll(async () => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'dispatch-storage-')));
    root = join(base, 'files');
    outside = join(base, 'outside');
    mkdirSync(root);
    mkdirSync(outside);
    symlinkSync(outside, join(root, 'escape'));
    t = await startTestApp('storage', storageRegistry(root, await s3.start(['uploads'])));
  });

  afterAll(async () => {
    await t?.close();
    await s3.stop();
    rmSync(base, { recursive: true, force: true });
  });

  const dispatch = (body: Record<string, unknown>) => t.http.post('/storage/dispatch').send({ env: 'prd', product: 'shop', ...body });
  const runs = async (id: string) => (await t.http.get(`/jobs/${id}/runs`).expect(200)).body.items;
  const finished = (id: string) => jobFinished(t.http, id);
  const run = async (body: Record<string, unknown>) => {
    const res = await dispatch(body).expect(201);
    return { id: res.body.job_id as string, done: await finished(res.body.job_id) };
  };

  describe.each<[string, () => StorageProbe]>([
    ['files', () => localProbe(() => root)],
    ['bucket', () => s3Probe(s3)],
  ])('on storage %s', (storage, probe) => {
    it('uploads a file whose bytes wait in MySQL, never in the job row or Redis, and are dropped after the run', async () => {
      const content = `hello from ${storage} ${Date.now()}`;
      const before = await stagingCounts(t.dataSource);
      const res = await dispatch({ storage, event: 'upload', input: { fileName: 'reports/2030/hello.txt', buffer: b64(content), mimeType: 'text/plain' }, schedule: { start_at: Date.now() + 1000 } }).expect(201);
      const id = res.body.job_id;
      // While the occurrence waits in Redis: the job is there, the file is not; its bytes are staged.
      await waitFor(() => redisHolds(t.redis, t.config.queuePrefix, id));
      expect(await redisHolds(t.redis, t.config.queuePrefix, b64(content))).toBe(false);
      expect(await stagingCounts(t.dataSource)).toEqual({ uploads: before.uploads + 1, parts: before.parts + 1 });
      const done = await finished(id);
      expect(done.status).toBe('completed');
      expect((await probe().read('reports/2030/hello.txt'))?.toString()).toBe(content);
      const size = Buffer.byteLength(content);
      const digest = sha256(Buffer.from(content));
      expect(await jobInput(t.dataSource, id)).toEqual({ fileName: 'reports/2030/hello.txt', mimeType: 'text/plain', upload: { id: expect.any(String), size, sha256: digest } });
      const [attempt] = await runs(id);
      expect(attempt.result).toMatchObject({ storage, operation: 'upload', fileName: 'reports/2030/hello.txt', size, sha256: digest });
      expect(await stagingCounts(t.dataSource)).toEqual({ uploads: before.uploads + 1, parts: before.parts });
    });

    it('copies a file, replacing one at the destination', async () => {
      await probe().put('docs/a.txt', 'original');
      await probe().put('docs/copy.txt', 'stale');
      const { done } = await run({ storage, event: 'copy', input: { fileName: 'docs/a.txt', destination: 'docs/copy.txt' } });
      expect(done.status).toBe('completed');
      expect((await probe().read('docs/a.txt'))?.toString()).toBe('original');
      expect((await probe().read('docs/copy.txt'))?.toString()).toBe('original');
    });

    it('moves a file into a new folder', async () => {
      await probe().put('inbox/m.txt', 'moving');
      const { done } = await run({ storage, event: 'move', input: { fileName: 'inbox/m.txt', destination: 'archive/2030/m.txt' } });
      expect(done.status).toBe('completed');
      expect(await probe().read('inbox/m.txt')).toBeNull();
      expect((await probe().read('archive/2030/m.txt'))?.toString()).toBe('moving');
    });

    it('deletes a file, and completes again when it is already gone', async () => {
      await probe().put('tmp/d.txt', 'bye');
      expect((await run({ storage, event: 'delete', input: { fileName: 'tmp/d.txt' } })).done.status).toBe('completed');
      expect(await probe().read('tmp/d.txt')).toBeNull();
      expect((await run({ storage, event: 'delete', input: { fileName: 'tmp/d.txt' } })).done.status).toBe('completed');
    });

    it('fails a copy of a missing file at once, without retrying', async () => {
      const { id, done } = await run({ storage, event: 'copy', retries: 3, input: { fileName: 'nothing.txt', destination: 'x.txt' } });
      expect(done.status).toBe('failed');
      expect(done.last_error).toContain("input.fileName 'nothing.txt' does not exist");
      expect(await runs(id)).toHaveLength(1);
    });
  });

  describe('rejected requests write nothing', () => {
    const snapshot = async () => ({
      jobs: await countRows(t.dataSource, 'jobs'),
      keys: await countRows(t.dataSource, 'idempotency_keys'),
      staging: await stagingCounts(t.dataSource),
      files: readdirSync(root, { recursive: true }).sort(),
      outside: readdirSync(outside),
      // Bull's keys, not the rate limit's counters (`<prefix>:throttle:…`), which count rejected requests too.
      queue: (await t.redis.keys(`${t.config.queuePrefix}:*`)).filter((k) => !k.endsWith(':stalled-check') && !k.startsWith(`${t.config.queuePrefix}:throttle:`)).sort(),
    });
    const upload = (fileName: string) => ({ storage: 'files', event: 'upload', input: { fileName, buffer: b64('x') } });

    it.each<[string, Record<string, unknown>, string, string]>([
      ['a .. name', upload('../escape.txt'), 'input.fileName', "input.fileName must not contain '..' segments"],
      ['a nested .. name', { storage: 'bucket', event: 'delete', input: { fileName: 'a/../../b' } }, 'input.fileName', "input.fileName must not contain '..' segments"],
      ['an absolute name', upload('/etc/passwd'), 'input.fileName', 'input.fileName must be a relative path, not an absolute one'],
      ['a backslash', { storage: 'files', event: 'move', input: { fileName: 'a\\..\\b', destination: 'c' } }, 'input.fileName', 'input.fileName must not contain backslashes; use / between folders'],
      ['a NUL byte', upload('a\u0000.txt'), 'input.fileName', 'input.fileName must not contain control characters'],
      ['a .. destination', { storage: 'bucket', event: 'copy', input: { fileName: 'a', destination: '../../b' } }, 'input.destination', "input.destination must not contain '..' segments"],
      ['a link out of the root', upload('escape/x.txt'), 'input.fileName', 'input.fileName leaves the storage root through a symbolic link'],
      ['a destination link out of the root', { storage: 'files', event: 'copy', input: { fileName: 'a', destination: 'escape/b' } }, 'input.destination', 'input.destination leaves the storage root through a symbolic link'],
      ['a copy onto itself', { storage: 'files', event: 'copy', input: { fileName: 'a', destination: 'a' } }, 'input.destination', 'input.destination must differ from input.fileName'],
      ['a copy without destination', { storage: 'files', event: 'copy', input: { fileName: 'a' } }, 'input.destination', 'input.destination is required for copy'],
      ['an upload without buffer', { storage: 'files', event: 'upload', input: { fileName: 'a' } }, 'input.buffer', 'input.buffer is required for upload'],
      ['a delete with a buffer', { storage: 'files', event: 'delete', input: { fileName: 'a', buffer: b64('x') } }, 'input.buffer', 'input.buffer is not accepted with delete'],
      ['a buffer that is not base64', { storage: 'files', event: 'upload', input: { fileName: 'a', buffer: 'not base64!' } }, 'input.buffer', 'input.buffer must be base64 (standard alphabet)'],
      ['a bad mimeType', { storage: 'files', event: 'upload', input: { fileName: 'a', buffer: b64('x'), mimeType: 'text' } }, 'input.mimeType', 'input.mimeType must be a media type such as image/png'],
      ['an unknown event', { storage: 'files', event: 'rename', input: { fileName: 'a' } }, 'event', 'event must be one of upload, delete, copy, move'],
      ['an operation unlike the event', { storage: 'files', event: 'delete', input: { fileName: 'a', operation: 'upload' } }, 'input.operation', "input.operation must be 'delete', the event, when given"],
      ['an unknown input field', { storage: 'files', event: 'delete', input: { fileName: 'a', size: 3 } }, 'input', 'input.property size should not exist'],
      ['no input', { storage: 'files', event: 'delete' }, 'input', 'input should not be null or undefined'],
      ['a bad cron on an upload', { ...upload('later.txt'), schedule: { cron: '* * *' } }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 3'],
    ])('400 for %s', async (_, body, field, message) => {
      const before = await snapshot();
      const res = await dispatch(body).set('Idempotency-Key', `rejected-${field}-${message}`.slice(0, 255));
      expect(res.status).toBe(400);
      expect([].concat(res.body.message)).toContain(message);
      if (res.body.field !== undefined) expect(res.body.field).toBe(field);
      expect(await snapshot()).toEqual(before);
    });

    it('404 for a storage the registry does not know', async () => {
      const before = await snapshot();
      const res = await dispatch({ storage: 'nope', event: 'delete', input: { fileName: 'a' } }).expect(404);
      expect(res.body).toMatchObject({ field: 'storage', message: "Unknown storage 'nope' in product 'shop'" });
      expect(await snapshot()).toEqual(before);
    });

    it('413 naming input.buffer for an upload one byte over the cap', async () => {
      const before = await snapshot();
      const res = await dispatch({ storage: 'files', event: 'upload', input: { fileName: 'big.bin', buffer: b64(Buffer.alloc(MAX_UPLOAD + 1, 1)) } }).expect(413);
      expect(res.body).toMatchObject({ code: 'UPLOAD_TOO_LARGE', field: 'input.buffer', message: `input.buffer is ${MAX_UPLOAD + 1} bytes once decoded; at most ${MAX_UPLOAD} are accepted` });
      expect(await snapshot()).toEqual(before);
      expect(await exists(join(root, 'big.bin'))).toBe(false);
    });
  });

  it('uploads a file of exactly the cap, staged in 1 MiB parts until it runs', async () => {
    const bytes = Buffer.alloc(MAX_UPLOAD, 7);
    bytes.write('head', 0);
    const before = await stagingCounts(t.dataSource);
    const res = await dispatch({ storage: 'bucket', event: 'upload', input: { fileName: 'big/exact.bin', buffer: b64(bytes) }, schedule: { start_at: Date.now() + 1500 } }).expect(201);
    expect(await stagingCounts(t.dataSource)).toEqual({ uploads: before.uploads + 1, parts: before.parts + 10 });
    expect((await finished(res.body.job_id)).status).toBe('completed');
    expect(await stagingCounts(t.dataSource)).toEqual({ uploads: before.uploads + 1, parts: before.parts });
    const stored = (await s3.get('uploads', 'big/exact.bin'))!;
    expect(stored.contentType).toBe('application/octet-stream');
    expect(sha256(stored.body)).toBe(sha256(bytes));
  });

  it('drops the bytes of an upload that failed for good', async () => {
    const before = await stagingCounts(t.dataSource);
    const { id, done } = await run({ storage: 'gone', event: 'upload', retries: 2, input: { fileName: 'a.txt', buffer: b64('lost') } });
    expect(done).toMatchObject({ status: 'failed', failure_count: 1 });
    expect(done.last_error).toContain('the bucket does not exist');
    expect(await runs(id)).toHaveLength(1);
    expect(await stagingCounts(t.dataSource)).toEqual(before);
  });

  it('refuses at run time a symbolic link planted after the dispatch', async () => {
    await localProbe(() => root).put('docs/planted.txt', 'secret stays in');
    const res = await dispatch({ storage: 'files', event: 'copy', input: { fileName: 'docs/planted.txt', destination: 'later/out.txt' }, schedule: { start_at: Date.now() + 1500 } }).expect(201);
    symlinkSync(outside, join(root, 'later'));
    const done = await finished(res.body.job_id);
    expect(done).toMatchObject({ status: 'failed' });
    expect(done.last_error).toBe('input.destination leaves the storage root through a symbolic link');
    expect(readdirSync(outside)).toEqual([]);
  });

  it('answers a repeated Idempotency-Key upload with the first job and stages its bytes once', async () => {
    const body = { storage: 'files', event: 'upload', input: { fileName: 'once.txt', buffer: b64('once') }, schedule: { start_at: Date.now() + 3_600_000 } };
    const before = await stagingCounts(t.dataSource);
    const first = await dispatch(body).set('Idempotency-Key', 'upload-once').expect(201);
    const second = await dispatch(body).set('Idempotency-Key', 'upload-once').expect(201);
    expect(second.body).toEqual(first.body);
    expect(await stagingCounts(t.dataSource)).toEqual({ uploads: before.uploads + 1, parts: before.parts + 1 });
    await dispatch({ ...body, input: { ...body.input, buffer: b64('twice') } }).set('Idempotency-Key', 'upload-once').expect(422);
    await t.http.delete(`/jobs/${first.body.job_id}`).expect(200);
  });

  it('sweeps staged bytes whose job was cancelled, is gone or never written, and keeps those a job will send', async () => {
    const later = { storage: 'files', event: 'upload', schedule: { start_at: Date.now() + 3_600_000 } };
    const kept = await dispatch({ ...later, input: { fileName: 'kept.txt', buffer: b64('kept') } }).expect(201);
    const cancelled = await dispatch({ ...later, input: { fileName: 'cancelled.txt', buffer: b64('cancelled') } }).expect(201);
    const unlinked = await dispatch({ ...later, input: { fileName: 'unlinked.txt', buffer: b64('unlinked') } }).expect(201);
    await t.http.delete(`/jobs/${cancelled.body.job_id}`).expect(200);
    // As if the dispatch had died between writing the job and tying the bytes to it.
    await t.dataSource.query('UPDATE storage_uploads SET job_id = NULL WHERE job_id = ?', [unlinked.body.job_id]);
    await t.dataSource.query(
      "INSERT INTO storage_uploads (id, job_id, size, sha256, created_at) VALUES ('01900000-0000-7000-8000-00000000dead', NULL, 0, REPEAT('0', 64), NOW(3))",
    );
    const stagedFor = async (jobId: string) => Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM storage_uploads WHERE job_id = ?', [jobId]))[0].n);

    const sweeper = t.app.get(UploadSweeperService);
    expect(await sweeper.sweep(Date.now())).toBe(0);
    expect(await sweeper.sweep(Date.now() + 2 * 3_600_000)).toBeGreaterThanOrEqual(2);
    expect(await stagedFor(kept.body.job_id)).toBe(1);
    expect(await stagedFor(unlinked.body.job_id)).toBe(1);
    expect(await stagedFor(cancelled.body.job_id)).toBe(0);
    expect(await t.dataSource.query("SELECT id FROM storage_uploads WHERE id = '01900000-0000-7000-8000-00000000dead'")).toEqual([]);
    await t.http.delete(`/jobs/${kept.body.job_id}`).expect(200);
    await t.http.delete(`/jobs/${unlinked.body.job_id}`).expect(200);
  });

  it('documents the endpoint with its 413', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    expect(Object.keys(doc.paths['/storage/dispatch'].post.responses).sort()).toEqual(['201', '400', '401', '404', '413', '422', '429', '500']);
  });
});
