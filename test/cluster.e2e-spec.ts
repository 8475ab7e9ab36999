import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { writeRegistryFile } from './support/registry-file';
import { clearPrefix, connectRedis, dropDatabase, MYSQL_ROOT_URL, REDIS_URL } from './support/services';
import { waitFor } from './support/wait-for';

const MAIN = join(__dirname, '..', 'dist', 'src', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const childrenOf = (pid: number): number[] => {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
};

/** API_PROCESSES: one migration, several processes on one port, and a graceful stop of them all. */
describe('API_PROCESSES', () => {
  const prefix = 'dispatch-test-cluster';

  it('serves one port from two processes and stops them all on SIGTERM', async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first`);
    const redis = await connectRedis();
    await clearPrefix(redis, prefix);
    await dropDatabase('dispatch_test_cluster');
    const port = await freePort();
    const child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        ROLE: 'api',
        API_PROCESSES: '2',
        PORT: String(port),
        DATABASE_URL: `${MYSQL_ROOT_URL}/dispatch_test_cluster`,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        RESOURCES_FILE: writeRegistryFile('http://127.0.0.1:9'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitFor(() => (output.match(/Listening on/g) ?? []).length === 2, 30_000);
      const workers = childrenOf(child.pid as number);
      expect(workers).toHaveLength(2);
      for (let i = 0; i < 10; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/actions/dispatch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping', schedule: { start_at: Date.now() + 3_600_000 } }),
        });
        expect(res.status).toBe(201);
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of workers) expect(existsSync(`/proc/${pid}`)).toBe(false);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await clearPrefix(redis, prefix);
      redis.disconnect();
    }
  }, 60_000);
});
