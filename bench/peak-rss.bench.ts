import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { BASELINE_DB, BASELINE_PREFIX, createBaselineTables } from './baselines';
import { countJobs, serviceEnv } from './dispatch-http.bench';
import { fireDispatches } from './http-load';
import { OURS_DB, OURS_PREFIX } from './in-process';
import { PartResult, procStatusKb, round, row, sampleRss } from './measures';
import { clearPrefix, forkScript, PartContext, resetDatabase, spawnService, startTarget, stopChild, stopService, waitUntil } from './support';

export const RSS_FULL_COUNT = 100_000;
/**
 * The count the issue sets: about 100 s for this part on a quiet 2-core machine. BENCH_RSS_COUNT lowers it
 * for a quicker run; peak RSS moved little between 40k and 100k jobs.
 */
export const RSS_DEFAULT_COUNT = RSS_FULL_COUNT;
/** Past this, a side stops waiting and the row says how far it got. */
const SIDE_DEADLINE_MS = 240_000;
const CONNECTIONS = 50;

const mb = (kb: number | null) => (kb === null ? null : kb / 1024);

/** (d) Peak RSS of ROLE=all while `count` due jobs are dispatched over HTTP and run. */
export async function benchPeakRss(ctx: PartContext, count: number): Promise<PartResult> {
  const notes: string[] = [];
  const target = await startTarget();
  const started = performance.now();
  try {
    const ours = await measureOurs(ctx, count, target.url, notes);
    const hitsAfterOurs = target.hits();
    notes.push(`peak_rss_mb: the stand-in app answered ${hitsAfterOurs} calls from ours.`);
    const base = await measureBaseline(ctx, count, target.url, notes);
    if (count < RSS_FULL_COUNT) {
      const seconds = (performance.now() - started) / 1000;
      notes.push(
        `peak_rss_mb: REDUCED to ${count} jobs per side by BENCH_RSS_COUNT: this part took ${round(seconds)} s, ` +
          `so ${RSS_FULL_COUNT} per side would take about ${Math.round((seconds * RSS_FULL_COUNT) / count)} s.`,
      );
    }
    return { rows: [row('peak_rss_mb', 'MB', mb(ours), mb(base), 1)], notes };
  } finally {
    await target.close();
  }
}

async function measureOurs(ctx: PartContext, count: number, targetUrl: string, notes: string[]): Promise<number | null> {
  await resetDatabase(OURS_DB);
  await clearPrefix(ctx.redis, OURS_PREFIX);
  const service = await spawnService(
    serviceEnv(ctx, 'all', targetUrl, 'rss'),
    join(ctx.tmpDir, 'service-rss.log'),
    ctx.profile ? join(ctx.tmpDir, 'service-rss.cpuprofile') : undefined,
  );
  try {
    const idleKb = procStatusKb(service.pid, 'VmRSS');
    const sampler = sampleRss(service.pid);
    const started = performance.now();
    const load = await fireDispatches(service.url, count, CONNECTIONS);
    const dispatchedMs = performance.now() - started;
    let completed = 0;
    try {
      await waitUntil(async () => (completed = await countJobs(OURS_DB, "status = 'completed'")) >= load.ok, Math.max(1000, SIDE_DEADLINE_MS - dispatchedMs), 500, 'jobs to complete');
    } catch {
      notes.push(`peak_rss_mb: WARNING ours stopped waiting at the ${SIDE_DEADLINE_MS / 1000} s deadline with ${completed} of ${load.ok} jobs completed.`);
    }
    const totalMs = performance.now() - started;
    const hwm = procStatusKb(service.pid, 'VmHWM');
    const sampled = sampler.stop();
    notes.push(
      `peak_rss_mb: ours = \`node dist/src/main.js\` ROLE=all, WORKER_CONCURRENCY=50, actions app = a local HTTP server in the bench process answering 200 at once; ` +
        `${count} POST /actions/dispatch due now (autocannon, ${CONNECTIONS} connections; ${load.ok} 2xx${load.failed ? `, ${load.failed} failed: ${load.statuses}` : ''}) ` +
        `in ${round(dispatchedMs / 1000)} s (${round(load.ok / (dispatchedMs / 1000), 0)} jobs/s while the worker ran), all completed after ${round(totalMs / 1000)} s ` +
        `(${round(completed / (totalMs / 1000), 0)} jobs/s end to end); RSS idle after boot ${round(mb(idleKb) ?? 0)} MB, VmHWM ${round(mb(hwm) ?? 0)} MB, highest sampled VmRSS ${round(mb(sampled) ?? 0)} MB.`,
    );
    return hwm;
  } finally {
    await stopService(service);
  }
}

interface BareReport {
  done: boolean;
  ms?: number;
  completed?: number;
  failed?: number;
  error?: string;
}

async function measureBaseline(ctx: PartContext, count: number, targetUrl: string, notes: string[]): Promise<number | null> {
  await resetDatabase(BASELINE_DB);
  await clearPrefix(ctx.redis, BASELINE_PREFIX);
  await createBaselineTables(BASELINE_DB, ['jobs', 'job_runs']);
  const child = forkScript('bare-bull-process.js', {
    BENCH_COUNT: String(count),
    BENCH_CONCURRENCY: String(CONNECTIONS),
    BENCH_DEADLINE_MS: String(SIDE_DEADLINE_MS),
    BENCH_DB: BASELINE_DB,
    BENCH_PREFIX: BASELINE_PREFIX,
    BENCH_TARGET: targetUrl,
  });
  try {
    const sampler = sampleRss(child.pid as number);
    const report = await reportOf(child, SIDE_DEADLINE_MS * 2 + 10_000);
    const hwm = procStatusKb(child.pid as number, 'VmHWM');
    const sampled = sampler.stop();
    child.send('exit');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 10_000);
      child.once('exit', () => (clearTimeout(timer), resolve()));
    });
    if (!report.done) {
      notes.push(`peak_rss_mb: baseline failed: ${report.error}`);
      return null;
    }
    notes.push(
      `peak_rss_mb: baseline = a separate node process with Bull + mysql2 only, dispatching (INSERT + queue.add, ${CONNECTIONS} in flight) and running ` +
        `(process(${CONNECTIONS}): fetch to the same local app + INSERT of the run row) the same ${count} jobs in ${round((report.ms ?? 0) / 1000)} s ` +
        `(${round(count / ((report.ms ?? 1) / 1000), 0)} jobs/s end to end, ${report.failed} failed); VmHWM ${round(mb(hwm) ?? 0)} MB, highest sampled VmRSS ${round(mb(sampled) ?? 0)} MB.`,
    );
    return hwm;
  } finally {
    await stopChild(child);
    await clearPrefix(ctx.redis, BASELINE_PREFIX);
  }
}

function reportOf(child: ChildProcess, timeoutMs: number): Promise<BareReport> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ done: false, error: `no report within ${timeoutMs} ms` }), timeoutMs);
    child.once('message', (message) => (clearTimeout(timer), resolve(message as BareReport)));
    child.once('exit', (code) => (clearTimeout(timer), resolve({ done: false, error: `exited with ${code}` })));
  });
}
