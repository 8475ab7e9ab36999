import { ChildProcess, fork, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Redis from 'ioredis';
import { createConnection, Connection } from 'mysql2/promise';

export const MYSQL_ROOT_URL = 'mysql://root@127.0.0.1:3306';
export const REDIS_URL = 'redis://127.0.0.1:6379';
export const ROOT = join(__dirname, '..', '..');

/** Every child the bench started, so that no exit path (error, SIGINT) can leave one running. */
const children = new Set<ChildProcess>();

export function killAllChildrenNow(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
}

/** SIGTERM first so Nest's shutdown hooks run; SIGKILL when that hangs. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return void children.delete(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  children.delete(child);
}

export interface ServiceProcess {
  child: ChildProcess;
  pid: number;
  url: string;
  logFile: string;
  /** Where the CPU profile goes when the run profiles the service. */
  profileFile?: string;
}

/** Production refuses to start without a session secret; the bench's own, never a real one. */
const BENCH_SESSION_SECRET = 'bench-session-secret-0123456789abcdef';

/** The service's Node flags, as `npm start` passes them (package.json); keep the two alike. */
const SERVICE_NODE_ARGS = ['--max-old-space-size=256'];

/** Starts `node dist/src/main.js` and resolves once it listens; the log goes to a file, not the table. */
export async function spawnService(env: Record<string, string>, logFile: string, profileFile?: string): Promise<ServiceProcess> {
  const port = await freePort();
  const nodeArgs = [...SERVICE_NODE_ARGS, ...(profileFile ? ['-r', join(__dirname, 'cpu-profile-hook.js')] : [])];
  const child = spawn(process.execPath, [...nodeArgs, join(ROOT, 'dist/src/main.js')], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', SESSION_SECRET: BENCH_SESSION_SECRET, ...env, PORT: String(port), ...(profileFile ? { BENCH_CPU_PROFILE: profileFile } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const log = createWriteStream(logFile);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not listen within 30 s; see ${logFile}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (output.includes('Listening on')) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening:\n${output}`));
    });
  });
  return { child, pid: child.pid as number, url: `http://127.0.0.1:${port}`, logFile, profileFile };
}

/** Has the service write its CPU profile, when asked for one, then stops it. */
export async function stopService(service: ServiceProcess): Promise<void> {
  if (service.profileFile && service.child.exitCode === null) {
    service.child.kill('SIGWINCH');
    for (let i = 0; i < 100 && !existsSync(service.profileFile); i++) await sleep(100);
  }
  await stopChild(service.child);
}

/** Forks a compiled bench script with an IPC channel, for the bare-library processes. */
export function forkScript(script: string, env: Record<string, string>): ChildProcess {
  const child = fork(join(__dirname, script), [], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  children.add(child);
  return child;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export function mysqlRoot(): Promise<Connection> {
  return createConnection({ uri: MYSQL_ROOT_URL });
}

export async function resetDatabase(name: string): Promise<void> {
  const conn = await mysqlRoot();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  const conn = await mysqlRoot();
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await conn.end();
  }
}

/** SCAN is bounded by Redis' key count; the cap guards against a prefix that keeps refilling. */
export async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  for (let i = 0; i < 100_000; i++) {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
    if (cursor === '0') return;
  }
}

/** Polls until `check` is truthy; the deadline also bounds the loop count. */
export async function waitUntil<T>(check: () => Promise<T>, timeoutMs: number, intervalMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const maxIterations = Math.ceil(timeoutMs / intervalMs) + 1;
  let last: T | undefined;
  for (let i = 0; i < maxIterations && Date.now() <= deadline; i++) {
    last = await check();
    if (last) return last;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `count` tasks with at most `concurrency` in flight; a deadline stops a stalled run. */
export async function runPool(count: number, concurrency: number, deadlineMs: number, task: (i: number) => Promise<void>): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  let next = 0;
  const lane = async () => {
    while (next < count) {
      if (Date.now() > deadline) throw new Error(`pool of ${count} tasks passed its ${deadlineMs} ms deadline at ${next}`);
      await task(next++);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

/** A stand-in app that answers 200 at once, so the executor's HTTP call costs as little as it can. */
export async function startTarget(): Promise<{ url: string; hits(): number; close(): Promise<void> }> {
  let hits = 0;
  const server: Server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits: () => hits,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function resourcesYaml(baseUrl: string): string {
  return [
    'products:',
    '  shop:',
    '    envs: [prd]',
    '    apps:',
    '      mailer:',
    `        base_url: { prd: "${baseUrl}" }`,
    '        timeout: 10s',
    '        actions:',
    '          ping: { method: GET, path: /ping }',
    '',
  ].join('\n');
}

/** What the run hands every part. */
export interface PartContext {
  /** Logs, registry files and, when profiling, CPU profiles. */
  tmpDir: string;
  /** BENCH_PROFILE=1: each service child writes `<tmpDir>/service-<part>.cpuprofile`. */
  profile: boolean;
  redis: Redis;
}
