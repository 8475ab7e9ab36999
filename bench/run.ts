import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { BASELINE_DB, BASELINE_PREFIX, prepareSchemaTemplate, SCHEMA_TEMPLATE_DB } from './baselines';
import { benchDeleteMany, ROWS_DB } from './delete-many.bench';
import { benchDispatchHttp } from './dispatch-http.bench';
import { benchExecution } from './execution.bench';
import { stopHttpLoads } from './http-load';
import { OURS_DB, OURS_PREFIX } from './in-process';
import { benchLateness } from './lateness.bench';
import { benchPeakRss, RSS_DEFAULT_COUNT } from './peak-rss.bench';
import { BenchRow, foreignCpuPercent, PartResult, round } from './measures';
import { clearPrefix, dropDatabase, killAllChildrenNow, mysqlRoot, PartContext, REDIS_URL, ROOT } from './support';

const PARTS = ['dispatch', 'execution', 'lateness', 'rss', 'delete'] as const;
type Part = (typeof PARTS)[number];

interface Floor {
  text: string;
  pass(row: BenchRow): boolean;
}

const FLOORS: Record<string, Floor> = {
  dispatch_http: { text: 'ratio ≥ 0.5', pass: (r) => r.ratio !== null && r.ratio >= 0.5 },
  execution: { text: 'ratio ≥ 0.5', pass: (r) => r.ratio !== null && r.ratio >= 0.5 },
  lateness_p99: {
    text: '≤ 250 ms and ≤ 2× bare Bull',
    pass: (r) => r.ours !== null && r.ours <= 250 && r.baseline !== null && r.ours <= 2 * r.baseline,
  },
  peak_rss_mb: { text: '< 300 MB', pass: (r) => r.ours !== null && r.ours < 300 },
  delete_many: { text: 'ratio ≥ 0.8', pass: (r) => r.ratio !== null && r.ratio >= 0.8 },
};

function selectedParts(): Part[] {
  const wanted = (process.env.BENCH_PARTS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (wanted.length === 0) return [...PARTS];
  const unknown = wanted.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length) throw new Error(`BENCH_PARTS: unknown part(s) ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  return wanted as Part[];
}

function table(rows: BenchRow[]): string {
  const cell = (v: number | null) => (v === null ? 'null' : String(v));
  const lines = ['| metric | unit | ours | baseline | ratio | floor | result |', '|---|---|---:|---:|---:|---|---|'];
  for (const r of rows) {
    const floor = FLOORS[r.name];
    const verdict = floor ? (floor.pass(r) ? 'PASS' : 'FAIL') : '';
    lines.push(`| ${r.name} | ${r.unit} | ${cell(r.ours)} | ${cell(r.baseline)} | ${cell(r.ratio)} | ${floor?.text ?? ''} | ${verdict} |`);
  }
  return lines.join('\n');
}

async function serverVersion(): Promise<string> {
  const conn = await mysqlRoot();
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    return String((rows as Array<{ v: string }>)[0].v);
  } finally {
    await conn.end();
  }
}

/** Which code was measured: the tree changes between runs, and numbers only compare at one revision. */
function revision(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], { cwd: ROOT, encoding: 'utf8' }).trim() !== '';
    return `commit ${head}${dirty ? ' with uncommitted changes in src/' : ''}`;
  } catch {
    return 'commit unknown';
  }
}

async function cleanUp(redis: Redis): Promise<void> {
  for (const db of [OURS_DB, BASELINE_DB, SCHEMA_TEMPLATE_DB, ROWS_DB]) await dropDatabase(db);
  for (const prefix of [OURS_PREFIX, BASELINE_PREFIX]) await clearPrefix(redis, prefix);
}

async function main(): Promise<number> {
  const parts = selectedParts();
  const started = performance.now();
  const tmpDir = mkdtempSync(join(tmpdir(), 'dispatch-bench-'));
  const profile = process.env.BENCH_PROFILE === '1';
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  const ctx: PartContext = { tmpDir, redis, profile };
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const crashed: string[] = [];
  try {
    await cleanUp(redis);
    await prepareSchemaTemplate();
    for (const part of parts) {
      const partStart = performance.now();
      process.stderr.write(`bench: ${part}…\n`);
      const foreign = await foreignCpuPercent();
      notes.push(`${part}: before the part, with the bench idle, ${foreign}% of the CPUs were busy with other work; load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}.`);
      try {
        let result: PartResult;
        if (part === 'dispatch') result = await benchDispatchHttp(ctx);
        else if (part === 'execution') result = await benchExecution(ctx);
        else if (part === 'lateness') result = await benchLateness(ctx);
        else if (part === 'delete') result = await benchDeleteMany(ctx);
        else result = await benchPeakRss(ctx, Number(process.env.BENCH_RSS_COUNT) > 0 ? Math.floor(Number(process.env.BENCH_RSS_COUNT)) : RSS_DEFAULT_COUNT);
        rows.push(...result.rows);
        notes.push(...result.notes);
      } catch (error) {
        crashed.push(part);
        notes.push(`${part}: CRASHED: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
        process.stderr.write(`bench: ${part} crashed: ${String(error)}\n`);
      }
      process.stderr.write(`bench: ${part} took ${round((performance.now() - partStart) / 1000)} s\n`);
    }
  } finally {
    stopHttpLoads();
    killAllChildrenNow();
    await cleanUp(redis).catch((error: unknown) => notes.push(`clean-up failed: ${String(error)}`));
  }
  const elapsedS = round((performance.now() - started) / 1000);
  const env = `${revision()}; Node ${process.version}, ${cpus().length} CPU(s), MariaDB ${await serverVersion()}, Redis at ${REDIS_URL}`;
  redis.disconnect();

  const text = table(rows);
  process.stdout.write(`\n${text}\n\nTotal ${elapsedS} s. ${env}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  if (profile) process.stdout.write(`\nCPU profiles of the service kept in ${tmpDir} (open in Chrome DevTools or VS Code)\n`);
  else rmSync(tmpDir, { recursive: true, force: true });

  if (parts.length === PARTS.length) {
    const json = rows.map(({ name, unit, ours, baseline, ratio }) => ({ name, unit, ours, baseline, ratio }));
    writeFileSync(join(ROOT, 'bench/results.json'), `${JSON.stringify(json, null, 2)}\n`);
    const md = [
      '# Dispatch benchmark',
      '',
      `Run ${new Date().toISOString()}, ${elapsedS} s in total. ${env}.`,
      'Throughput rows: ratio = ours / baseline, higher is better. Lateness and RSS rows: ratio = ours / baseline, lower is better.',
      '',
      text,
      '',
      '## Notes',
      '',
      ...notes.map((n) => `- ${n}`),
      '',
    ].join('\n');
    writeFileSync(join(ROOT, 'bench/results.md'), md);
  } else {
    process.stdout.write(`\nBENCH_PARTS=${parts.join(',')}: a partial run; bench/results.* left as they were.\n`);
  }
  return crashed.length > 0 ? 1 : 0;
}

function onSignal(signal: NodeJS.Signals): void {
  process.stderr.write(`bench: ${signal}, stopping child processes\n`);
  stopHttpLoads();
  killAllChildrenNow();
  process.exit(130);
}

process.once('SIGINT', onSignal);
process.once('SIGTERM', onSignal);
process.on('exit', killAllChildrenNow);

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench crashed: ${error instanceof Error ? error.stack : String(error)}\n`);
    killAllChildrenNow();
    process.exit(1);
  },
);
