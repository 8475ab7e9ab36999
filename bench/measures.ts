import { readdirSync, readFileSync } from 'node:fs';
import type Redis from 'ioredis';
import { mysqlRoot, sleep } from './support';

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function procStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Samples VmRSS until stopped, as a cross-check of VmHWM read at the end. */
export function sampleRss(pid: number, intervalMs = 250): { stop(): number } {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, procStatusKb(pid, 'VmRSS') ?? 0)), intervalMs);
  return { stop: () => (clearInterval(timer), peak) };
}

const SQL_COUNTERS = ['Com_insert', 'Com_update', 'Com_select', 'Com_delete', 'Com_commit', 'Innodb_rows_inserted', 'Innodb_rows_updated'];

/** Server-wide statement counters; deltas over a part tell how many statements each job cost. */
export async function sqlCounters(): Promise<Record<string, number>> {
  const conn = await mysqlRoot();
  try {
    const [rows] = await conn.query('SHOW GLOBAL STATUS');
    const all = new Map((rows as Array<{ Variable_name: string; Value: string }>).map((r) => [r.Variable_name, Number(r.Value)]));
    return Object.fromEntries(SQL_COUNTERS.map((k) => [k, all.get(k) ?? 0]));
  } finally {
    await conn.end();
  }
}

/** Redis calls per command, from INFO commandstats. */
export async function redisCounters(redis: Redis): Promise<Record<string, number>> {
  const text = await redis.info('commandstats');
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/** `a - b` per job, keeping only counters that moved, formatted for a note. */
export function perJob(after: Record<string, number>, before: Record<string, number>, jobs: number, limit = 8): string {
  return Object.keys(after)
    .map((k) => [k, (after[k] - (before[k] ?? 0)) / jobs] as const)
    .filter(([, v]) => v >= 0.005)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');
}

/** utime + stime of a process in ms (USER_HZ is 100 on Linux). */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** The database and Redis servers' pids, found by name, so their CPU share can be told apart. */
export function serverPids(): Record<string, number> {
  const wanted = new Map([['mariadbd', 'mariadb'], ['mysqld', 'mariadb'], ['redis-server', 'redis']]);
  const found: Record<string, number> = {};
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const name = wanted.get(readFileSync(`/proc/${entry}/comm`, 'utf8').trim());
      if (name && !found[name]) found[name] = Number(entry);
    } catch {
      // The process ended while the list was read.
    }
  }
  return found;
}

/** Accumulates the CPU each process spends inside measured windows, as % of one core. */
export class CpuMeter {
  private readonly used: Record<string, number> = {};
  private wallMs = 0;

  constructor(private readonly pids: Record<string, number>) {}

  async around<T>(work: () => Promise<T>): Promise<T> {
    const before = Object.fromEntries(Object.entries(this.pids).map(([k, pid]) => [k, cpuMsOf(pid)]));
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.wallMs += performance.now() - started;
      for (const [k, pid] of Object.entries(this.pids)) this.used[k] = (this.used[k] ?? 0) + cpuMsOf(pid) - before[k];
    }
  }

  toString(): string {
    return Object.entries(this.used)
      .map(([k, ms]) => `${k} ${Math.round((100 * ms) / Math.max(1, this.wallMs))}%`)
      .join(', ');
  }
}

function cpuTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  return { busy: total - fields[3] - (fields[4] ?? 0), total };
}

/**
 * Share of all CPUs busy over `ms` while the bench itself waits: other work on a shared machine skews
 * both sides of every row, and this is how a reader can tell a quiet run from a noisy one.
 */
export async function foreignCpuPercent(ms = 2000): Promise<number> {
  const a = cpuTicks();
  await sleep(ms);
  const b = cpuTicks();
  return b.total === a.total ? 0 : Math.round((100 * (b.busy - a.busy)) / (b.total - a.total));
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export interface BenchRow {
  name: string;
  unit: string;
  ours: number | null;
  baseline: number | null;
  ratio: number | null;
}

export interface PartResult {
  rows: BenchRow[];
  notes: string[];
}

export function row(name: string, unit: string, ours: number | null, baseline: number | null, digits = 1): BenchRow {
  const ratio = ours !== null && baseline !== null && baseline !== 0 ? round(ours / baseline, 2) : null;
  return { name, unit, ours: ours === null ? null : round(ours, digits), baseline: baseline === null ? null : round(baseline, digits), ratio };
}
