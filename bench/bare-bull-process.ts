import type Bull from 'bull';
import { v7 as uuidv7 } from 'uuid';
import { addOccurrence, baselinePool, baselineQueue, insertJobRow, insertRunRow } from './bare';
import { runPool, waitUntil } from './support';

/**
 * The peak-RSS baseline, in its own process so its memory is measured alone: it dispatches (INSERT +
 * `queue.add`) and runs (HTTP call to the stand-in app + INSERT of the run row) the same number of jobs
 * as our service, with Bull and mysql2 only. It reports to the parent over IPC and waits to be let go,
 * so the parent can read its VmHWM while it still exists.
 */
async function main(): Promise<void> {
  const count = Number(process.env.BENCH_COUNT);
  const concurrency = Number(process.env.BENCH_CONCURRENCY);
  const deadlineMs = Number(process.env.BENCH_DEADLINE_MS);
  const target = `${process.env.BENCH_TARGET}/ping`;
  const pool = baselinePool(process.env.BENCH_DB as string);
  const queue = baselineQueue(process.env.BENCH_PREFIX);
  let completed = 0;
  let failed = 0;
  try {
    await queue.isReady();
    queue.on('completed', () => completed++);
    queue.on('failed', () => failed++);
    queue
      .process(concurrency, async (job: Bull.Job<{ jobId: string }>) => {
        const startedAt = new Date();
        const response = await fetch(target, { signal: AbortSignal.timeout(10_000) });
        await response.text();
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        await insertRunRow(pool, job.data.jobId, startedAt);
        return {};
      })
      .catch(() => undefined);
    const started = performance.now();
    await runPool(count, concurrency, deadlineMs, async () => {
      const id = uuidv7();
      await insertJobRow(pool, id, Date.now());
      await addOccurrence(queue, id, 0);
    });
    await waitUntil(async () => completed + failed >= count, deadlineMs, 100, `${count} jobs to run`);
    process.send?.({ done: true, ms: performance.now() - started, completed, failed });
  } catch (error) {
    process.send?.({ done: false, error: String(error) });
  }
  // Held until the parent has read VmHWM, or the deadline passes.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 30_000);
    process.once('message', () => (clearTimeout(timer), resolve()));
    process.once('disconnect', () => (clearTimeout(timer), resolve()));
  });
  await queue.close();
  await pool.end();
  process.exit(0);
}

void main();
