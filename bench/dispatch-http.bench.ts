import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_DB, BASELINE_PREFIX, createBaselineTables, openBaselineDispatch } from './baselines';
import { BENCH_API_KEY, fireDispatches } from './http-load';
import { OURS_DB, OURS_PREFIX } from './in-process';
import { CpuMeter, PartResult, perJob, redisCounters, round, row, serverPids, sqlCounters } from './measures';
import { clearPrefix, mysqlRoot, PartContext, resetDatabase, resourcesYaml, spawnService, stopService } from './support';

export const DISPATCH_COUNT = 20_000;
const WARMUP = 5_000;
const CONNECTIONS = 50;
const HOUR = 3_600_000;
/** One HTTP process per core, as the service is run on a 2-core host (`API_PROCESSES`). */
const API_PROCESSES = 2;

/** The processes a cluster parent forked (Linux lists them under /proc). */
function childPids(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [pid];
  }
}

/** Environment of our service child; the actions app is never called while jobs sit an hour ahead. */
export function serviceEnv(ctx: PartContext, role: 'api' | 'all', targetUrl: string, name: string, extra: Record<string, string> = {}): Record<string, string> {
  const resourcesFile = join(ctx.tmpDir, `resources-${name}.yaml`);
  writeFileSync(resourcesFile, resourcesYaml(targetUrl));
  return {
    ROLE: role,
    DATABASE_URL: `mysql://root@127.0.0.1:3306/${OURS_DB}`,
    REDIS_URL: 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: OURS_PREFIX,
    RESOURCES_FILE: resourcesFile,
    WORKER_CONCURRENCY: '50',
    // NODE_ENV=production needs a key; the bench measures dispatch, not the rate limit.
    API_KEYS: BENCH_API_KEY,
    RATE_LIMIT_PER_MINUTE: '0',
    ...extra,
  };
}

export async function countJobs(db: string, where = '1 = 1'): Promise<number> {
  const conn = await mysqlRoot();
  try {
    const [rows] = await conn.query(`SELECT COUNT(*) AS n FROM \`${db}\`.jobs WHERE ${where}`);
    return Number((rows as Array<{ n: number }>)[0].n);
  } finally {
    await conn.end();
  }
}

interface Side {
  ms: number;
  rounds: number[];
  sql: Record<string, number>;
  redis: Record<string, number>;
}

const emptySide = (): Side => ({ ms: 0, rounds: [], sql: {}, redis: {} });

function addDeltas(into: Record<string, number>, after: Record<string, number>, before: Record<string, number>): void {
  for (const k of Object.keys(after)) into[k] = (into[k] ?? 0) + after[k] - (before[k] ?? 0);
}

/** Times one round of one side, with the server-wide statement counters around it. */
async function measure(side: Side, ctx: PartContext, count: number, run: () => Promise<number>): Promise<void> {
  const sqlBefore = await sqlCounters();
  const redisBefore = await redisCounters(ctx.redis);
  const ms = await run();
  addDeltas(side.sql, await sqlCounters(), sqlBefore);
  addDeltas(side.redis, await redisCounters(ctx.redis), redisBefore);
  side.ms += ms;
  side.rounds.push(Math.round(count / (ms / 1000)));
}

/**
 * (a) Dispatch throughput over HTTP, ROLE=api, against one INSERT + one `queue.add` per job. The two
 * sides alternate in ABBA rounds while both stay up, so drift in MariaDB (background flushing after a
 * burst of inserts) falls on both alike instead of on whichever ran second.
 */
export async function benchDispatchHttp(ctx: PartContext): Promise<PartResult> {
  const notes: string[] = [];
  await resetDatabase(OURS_DB);
  await clearPrefix(ctx.redis, OURS_PREFIX);
  await resetDatabase(BASELINE_DB);
  await clearPrefix(ctx.redis, BASELINE_PREFIX);
  await createBaselineTables(BASELINE_DB, ['jobs']);
  const service = await spawnService(
    // With the default 5 min horizon a job 1 h ahead would get no Bull occurrence at dispatch; 2 h puts
    // `queue.add` on our path as it is on the baseline's.
    serviceEnv(ctx, 'api', 'http://127.0.0.1:9', 'dispatch', { SCHEDULE_HORIZON_MS: String(2 * HOUR), API_PROCESSES: String(API_PROCESSES) }),
    join(ctx.tmpDir, 'service-dispatch.log'),
    ctx.profile ? join(ctx.tmpDir, 'service-dispatch.cpuprofile') : undefined,
  );
  const baseline = await openBaselineDispatch(CONNECTIONS);
  const ours = emptySide();
  const base = emptySide();
  const servers = serverPids();
  const serviceProcesses = Object.fromEntries(childPids(service.pid).map((pid, i) => [`service ${i + 1}`, pid]));
  const oursCpu = new CpuMeter({ ...serviceProcesses, 'bench (autocannon)': process.pid, ...servers });
  const baseCpu = new CpuMeter({ 'bench (baseline)': process.pid, ...servers });
  let oursP99 = 0;
  try {
    const schedule = { start_at: Date.now() + HOUR };
    const fire = async (count: number) => {
      const load = await fireDispatches(service.url, count, CONNECTIONS, schedule);
      if (load.failed > 0) throw new Error(`${load.failed} dispatches failed: ${load.statuses}; see ${service.logFile}`);
      oursP99 = Math.max(oursP99, load.latencyP99);
      return load.ms;
    };
    await fire(WARMUP);
    await baseline.run(WARMUP);
    const half = DISPATCH_COUNT / 2;
    for (const side of ['ours', 'base', 'base', 'ours'] as const) {
      if (side === 'ours') await measure(ours, ctx, half, () => oursCpu.around(() => fire(half)));
      else await measure(base, ctx, half, () => baseCpu.around(() => baseline.run(half)));
    }
  } finally {
    await baseline.close();
    await stopService(service);
  }
  const expected = WARMUP + DISPATCH_COUNT;
  const rows = await countJobs(OURS_DB);
  const delayed = await ctx.redis.zcard(`${OURS_PREFIX}:occurrences:delayed`);
  if (rows !== expected || delayed !== expected) throw new Error(`expected ${expected} rows and delayed occurrences, found ${rows} and ${delayed}`);
  const baseRows = await countJobs(BASELINE_DB);
  if (baseRows !== expected) throw new Error(`expected ${expected} baseline rows, found ${baseRows}`);

  notes.push(
    `dispatch_http: ours = ${DISPATCH_COUNT} × POST /actions/dispatch (autocannon, ${CONNECTIONS} keep-alive connections, after ${WARMUP} warm-up) to ` +
      `\`node dist/src/main.js\` ROLE=api, API_PROCESSES=${API_PROCESSES} (one per core), SCHEDULE_HORIZON_MS=2h so the Bull occurrence is queued at dispatch; worst round's HTTP p99 ${oursP99} ms; ` +
      `per job: SQL ${perJob(ours.sql, {}, DISPATCH_COUNT)}; Redis ${perJob(ours.redis, {}, DISPATCH_COUNT, 6)}.`,
    `dispatch_http: baseline = in the bench process, no HTTP, mysql2 pool (20) INSERT of the same row into a table LIKE ours + Bull \`queue.add\` ` +
      `delayed 1 h, ${CONNECTIONS} in flight; per job: SQL ${perJob(base.sql, {}, DISPATCH_COUNT)}; Redis ${perJob(base.redis, {}, DISPATCH_COUNT, 6)}.`,
    `dispatch_http: rounds of ${DISPATCH_COUNT / 2} in the order ours, baseline, baseline, ours: ours ${ours.rounds.join(' / ')} jobs/s, ` +
      `baseline ${base.rounds.join(' / ')} jobs/s; totals ${round(ours.ms / 1000)} s vs ${round(base.ms / 1000)} s. ` +
      `CPU (% of one core) during ours: ${oursCpu}; during the baseline: ${baseCpu}.`,
  );
  return { rows: [row('dispatch_http', 'jobs/s', DISPATCH_COUNT / (ours.ms / 1000), DISPATCH_COUNT / (base.ms / 1000), 0)], notes };
}
