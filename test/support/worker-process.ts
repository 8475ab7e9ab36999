import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DispatchConfig } from '../../src/config/dispatch-config';

const MAIN = join(__dirname, '..', '..', 'dist', 'src', 'main.js');

/**
 * A real worker process (ROLE=worker) on the same database and queue as a test's app. `extraEnv` may
 * make it a whole service (`ROLE: 'all'` with a `PORT`): wait for `Listening on` before calling it.
 */
export class WorkerProcess {
  private child: ChildProcess;
  private output = '';
  private exited: Promise<void>;

  static async start(config: DispatchConfig, resourcesFile: string, extraEnv: Record<string, string> = {}): Promise<WorkerProcess> {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the tests (npm test does)`);
    const worker = new WorkerProcess();
    worker.child = spawn(process.execPath, [MAIN], {
      env: {
        PATH: process.env.PATH,
        ROLE: 'worker',
        DATABASE_URL: config.databaseUrl,
        REDIS_URL: config.redisUrl,
        QUEUE_PREFIX: config.queuePrefix,
        RESOURCES_FILE: resourcesFile,
        RECONCILE_INTERVAL_MS: String(config.reconcileIntervalMs),
        WORKER_LOCK_MS: String(config.lockDurationMs),
        SHUTDOWN_TIMEOUT_MS: '2000',
        ...extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    worker.child.stdout?.on('data', (d: Buffer) => (worker.output += d.toString()));
    worker.child.stderr?.on('data', (d: Buffer) => (worker.output += d.toString()));
    worker.exited = new Promise((resolve) => worker.child.once('exit', () => resolve()));
    await worker.waitForOutput('Worker taking occurrences', 30_000);
    return worker;
  }

  get pid(): number {
    return this.child.pid as number;
  }

  get log(): string {
    return this.output;
  }

  /** Ends the process with the signal (SIGKILL for a crash, SIGTERM for a graceful stop) and waits for it. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    await this.exited;
  }

  /** Waits until the process has printed `text`; kills it and fails with its output after `timeoutMs` or when it exits. */
  async waitForOutput(text: string, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child.exitCode !== null) throw new Error(`Worker exited with ${this.child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) {
        this.child.kill('SIGKILL');
        throw new Error(`Worker did not start within ${timeoutMs} ms:\n${this.output}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
