import { BASELINE_DB, BASELINE_PREFIX, baselineExecution, createBaselineTables } from './baselines';
import { countJobs } from './dispatch-http.bench';
import { buildDispatch, dispatchInProcess, OURS_DB, OURS_PREFIX } from './in-process';
import { PartResult, perJob, redisCounters, round, row, sqlCounters } from './measures';
import { clearPrefix, PartContext, resetDatabase, waitUntil } from './support';

export const EXECUTION_COUNT = 10_000;
const CONCURRENCY = 50;

/**
 * (b) Runs per second of due jobs through our worker, with an executor that returns at once, against
 * bare Bull at the same concurrency with and without one INSERT per job.
 */
export async function benchExecution(ctx: PartContext): Promise<PartResult> {
  const notes: string[] = [];
  await resetDatabase(OURS_DB);
  await clearPrefix(ctx.redis, OURS_PREFIX);
  await resetDatabase(BASELINE_DB);
  await clearPrefix(ctx.redis, BASELINE_PREFIX);
  await createBaselineTables(BASELINE_DB, ['job_runs']);
  // The recorded baseline runs before and after ours, so drift in the machine's load falls on both sides.
  const before = await baselineExecution(EXECUTION_COUNT, CONCURRENCY, true);
  await clearPrefix(ctx.redis, BASELINE_PREFIX);

  // Load while no worker runs, the way a burst of dispatches would leave them.
  const api = await buildDispatch('api');
  let loadMs: number;
  try {
    await api.init();
    loadMs = await dispatchInProcess(api, EXECUTION_COUNT, CONCURRENCY);
  } finally {
    await api.close();
  }
  const waiting = await ctx.redis.llen(`${OURS_PREFIX}:occurrences:wait`);
  if (waiting !== EXECUTION_COUNT) throw new Error(`expected ${EXECUTION_COUNT} waiting occurrences, found ${waiting}`);

  let executed = 0;
  const worker = await buildDispatch('worker', {
    execute: async () => {
      executed++;
      return {};
    },
  });
  let oursMs: number;
  let bootMs: number;
  try {
    const sqlBefore = await sqlCounters();
    const redisBefore = await redisCounters(ctx.redis);
    const started = performance.now();
    await worker.init();
    bootMs = performance.now() - started;
    await waitUntil(async () => (await countJobs(OURS_DB, "status = 'completed'")) >= EXECUTION_COUNT, 180_000, 100, `${EXECUTION_COUNT} completed jobs`);
    oursMs = performance.now() - started;
    const sqlAfter = await sqlCounters();
    const redisAfter = await redisCounters(ctx.redis);
    notes.push(
      `execution: ours = ${EXECUTION_COUNT} due jobs dispatched in-process through ActionsDispatchService (${round(EXECUTION_COUNT / (loadMs / 1000), 0)} jobs/s, no HTTP) ` +
        `with no worker, then a worker (createTestingModule(AppModule), actions executor overridden to return {} at once, concurrency ${CONCURRENCY}) timed from init() ` +
        `until \`SELECT COUNT(*) FROM jobs WHERE status='completed'\` (polled every 100 ms) reached ${EXECUTION_COUNT}; init() with its boot reconcile took ${round(bootMs, 0)} ms; ` +
        `per job: SQL ${perJob(sqlAfter, sqlBefore, EXECUTION_COUNT)}; Redis ${perJob(redisAfter, redisBefore, EXECUTION_COUNT, 6)}.`,
    );
  } finally {
    await worker.close();
  }
  if (executed !== EXECUTION_COUNT) notes.push(`execution: WARNING executor ran ${executed} times for ${EXECUTION_COUNT} jobs.`);

  const after = await baselineExecution(EXECUTION_COUNT, CONCURRENCY, true);
  await clearPrefix(ctx.redis, BASELINE_PREFIX);
  const withRuns = (2 * EXECUTION_COUNT) / ((before.ms + after.ms) / 1000);
  const bare = await baselineExecution(EXECUTION_COUNT, CONCURRENCY, false);
  await clearPrefix(ctx.redis, BASELINE_PREFIX);
  notes.push(
    `execution: baseline = bare Bull in the bench process, ${EXECUTION_COUNT} jobs added first, then process(${CONCURRENCY}) with one mysql2 INSERT of a completed run row ` +
      `(table LIKE job_runs) per job, timed until Bull's 'completed' event count reached ${EXECUTION_COUNT}, once before ours and once after ` +
      `(${round(before.rate, 0)} / ${round(after.rate, 0)} runs/s, combined ${round(withRuns, 0)}); execution_bare_bull: the same without the INSERT, once after.`,
  );
  const ours = EXECUTION_COUNT / (oursMs / 1000);
  return {
    rows: [row('execution', 'runs/s', ours, withRuns, 0), row('execution_bare_bull', 'runs/s', ours, bare.rate, 0)],
    notes,
  };
}
