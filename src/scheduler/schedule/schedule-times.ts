import { Cron } from 'croner';
import type { Schedule } from './schedule.types';

/** The last instant a JavaScript Date can hold; a run computed beyond it does not exist. */
export const MAX_INSTANT = 8.64e15;
/** Keeps a preview or look-ahead request from turning into unbounded work. */
export const MAX_UPCOMING = 1000;
export const DEFAULT_COUNT_CAP = 100_000;

export function isRecurring(s: Schedule): boolean {
  return s.cron !== undefined || s.every !== undefined;
}

export function firstRunAt(s: Schedule): number | null {
  return nextRunAfter(s, s.startAt - 1);
}

/** Ignores `limit`: the caller knows how many runs have happened, the schedule does not. */
export function nextRunAfter(s: Schedule, after: number): number | null {
  const from = Math.max(after, s.startAt - 1);
  let t: number | null;
  if (s.cron !== undefined) t = zoneRunAfter(zoneCron(s.cron, s.tz ?? 'UTC'), s.tz ?? 'UTC', from);
  else if (s.every !== undefined) t = gridRunAfter(s.startAt, s.every, from);
  else t = s.startAt > after ? s.startAt : null;
  return t !== null && t <= lastAllowed(s) ? t : null;
}

export function upcomingRuns(s: Schedule, from: number, count: number, runsSoFar = 0): number[] {
  const wanted = Math.min(Math.floor(count), MAX_UPCOMING, remainingRuns(s, runsSoFar));
  const runs: number[] = [];
  const next = runSequence(s);
  for (let after = from - 1; runs.length < wanted; ) {
    const t = next(after);
    if (t === null) break;
    runs.push(t);
    after = t;
  }
  return runs;
}

/** Also ignores `limit`, like `nextRunAfter`: it answers "how many were due", not "how many may still run". */
export function countRunsBetween(
  s: Schedule,
  afterExclusive: number,
  beforeExclusive: number,
  cap = DEFAULT_COUNT_CAP,
): number {
  const max = Math.floor(cap);
  if (!(max > 0) || !(beforeExclusive > afterExclusive)) return 0;
  if (s.every !== undefined && s.cron === undefined) {
    const firstK = afterExclusive < s.startAt ? 0 : Math.floor((afterExclusive - s.startAt) / s.every) + 1;
    const lastK = Math.min(
      Math.ceil((beforeExclusive - s.startAt) / s.every) - 1,
      Math.floor((lastAllowed(s) - s.startAt) / s.every),
    );
    return Math.max(0, Math.min(max, lastK - firstK + 1));
  }
  const next = runSequence(s);
  let n = 0;
  for (let t = next(afterExclusive); t !== null && t < beforeExclusive; t = next(t)) {
    if (++n === max) break;
  }
  return n;
}

function lastAllowed(s: Schedule): number {
  return Math.min(s.endDate ?? MAX_INSTANT, MAX_INSTANT);
}

function remainingRuns(s: Schedule, runsSoFar: number): number {
  if (!isRecurring(s)) return 1 - runsSoFar;
  return s.limit === undefined ? Infinity : s.limit - runsSoFar;
}

function gridRunAfter(startAt: number, every: number, after: number): number {
  return after < startAt ? startAt : startAt + (Math.floor((after - startAt) / every) + 1) * every;
}

/** `nextRunAfter` as a stateful step function, so that walking many cron runs can reuse work between steps. */
function runSequence(s: Schedule): (after: number) => number | null {
  if (s.cron === undefined) return (after) => nextRunAfter(s, after);
  const cursor = new CronCursor(s.cron, s.tz ?? 'UTC');
  const last = lastAllowed(s);
  return (after) => {
    const t = cursor.next(Math.max(after, s.startAt - 1));
    return t !== null && t <= last ? t : null;
  };
}

/*
 * ─── Cron ──────────────────────────────────────────────────────────────────────────────────────────
 *
 * DST rule (see DST.md). Cron fields are wall-clock times in the schedule's zone.
 *  - A wall time that does not exist (spring forward) is skipped by crons with a `*`, `?` or step in
 *    their second, minute or hour field. Any other cron (single values, lists, ranges: "fixed-time")
 *    runs once at the first instant after the gap, i.e. the transition itself (NY 02:30 → 03:00 EDT);
 *    the run is not shifted by the size of the gap, and several gap times collapse into that one run.
 *  - A wall time that occurs twice (fall back) runs once, at its first occurrence, for every cron.
 *
 * Croner 11 implements the first rule with `fixedTimeRule: 'no-wildcard'`, and the second one only for
 * fixed-time crons: wildcard and step crons run on both passes through the repeated hour. We drop the
 * second pass ourselves, so a job every 15 minutes does not run twice at 01:15 local time.
 */
const CRON_OPTIONS = { mode: '5-or-6-parts', fixedTimeRule: 'no-wildcard', paused: true } as const;
/** Longer than any DST shift in tzdb (Antarctica/Troll: 2 h); offsets are assumed to change at most once within it. */
const SHIFT_BOUND_MS = 6 * 3_600_000;
/** About as far as probing the offset costs less than one step through the zone cron. */
const MAX_WINDOW_GROWTH_MS = 3 * 86_400_000;
const CACHE_SIZE = 500;
const CRONER_LAST_YEAR_END = Date.UTC(10000, 0, 1);

/** Throws croner's own error for a malformed pattern or a zone it cannot use. */
export function zoneCron(pattern: string, tz: string): Cron {
  return cached(zoneCrons, `${tz} ${pattern}`, () => new Cron(pattern, { ...CRON_OPTIONS, timezone: tz }));
}

function fixedOffsetCron(pattern: string, offsetMs: number): Cron {
  const utcOffset = offsetMs / 60_000;
  return cached(fixedCrons, `${utcOffset} ${pattern}`, () => new Cron(pattern, { ...CRON_OPTIONS, utcOffset }));
}

const zoneCrons = new Map<string, Cron>();
const fixedCrons = new Map<string, Cron>();
const formatters = new Map<string, Intl.DateTimeFormat>();
const gridOffsets = new Map<string, number>();
/** A few years of grid points for each of a dozen zones, a few megabytes at most. */
const GRID_CACHE_SIZE = 50_000;

function cached<T>(cache: Map<string, T>, key: string, make: () => T, size = CACHE_SIZE): T {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    if (cache.size >= size) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
  }
  return value;
}

/** The zone's UTC offset at `t` (wall clock minus UTC), in milliseconds. */
function offsetAt(tz: string, t: number): number {
  const second = Math.floor(t / 1000) * 1000;
  const format = cached(formatters, tz, () => {
    const fields = { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' } as const;
    return new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', ...fields, second: 'numeric' });
  });
  const f: Record<string, number> = {};
  for (const part of format.formatToParts(second)) f[part.type] = Number(part.value);
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - second;
}

/**
 * Offsets at fixed points every `SHIFT_BOUND_MS` of UTC, remembered: walking a cron probes the same
 * points again and again, and every job in a zone shares them.
 */
function gridOffsetAt(tz: string, point: number): number {
  return cached(gridOffsets, `${tz} ${point}`, () => offsetAt(tz, point), GRID_CACHE_SIZE);
}

/** First whole second in (lo, hi] whose offset differs from `loOffset`; lo and hi are whole seconds. */
function offsetChangeBetween(tz: string, lo: number, hi: number, loOffset: number): number {
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(tz, mid) === loOffset) lo = mid;
    else hi = mid;
  }
  return hi;
}

/**
 * When `t` is the second pass through a wall time (DST fall back), the instant at which wall times
 * start being new again; otherwise null.
 */
function repeatedSpanEnd(tz: string, t: number): number | null {
  const offset = offsetAt(tz, t);
  const earlier = offsetAt(tz, t - SHIFT_BOUND_MS);
  if (earlier <= offset) return null;
  const firstPass = t - (earlier - offset);
  if (offsetAt(tz, firstPass) !== earlier) return null;
  return offsetChangeBetween(tz, firstPass, t, earlier) + (earlier - offset);
}

function zoneRunAfter(cron: Cron, tz: string, after: number): number | null {
  // Croner throws on an invalid Date, and finds nothing past year 9999 anyway.
  if (!(after < CRONER_LAST_YEAR_END)) return null;
  for (let from = after; ; ) {
    const next = cron.nextRun(new Date(from));
    if (next === null) return null;
    const spanEnd = repeatedSpanEnd(tz, next.getTime());
    if (spanEnd === null) return next.getTime();
    from = spanEnd - 1;
  }
}

/**
 * A span with one offset, starting after any second pass of a fall back, so that inside it the zone
 * behaves exactly like that fixed offset. `closed` when `end` is a transition rather than how far the
 * offset has been checked so far.
 */
interface OffsetWindow {
  offset: number;
  start: number;
  end: number;
  closed: boolean;
  cron: Cron;
}

/**
 * Walks runs of one cron in one zone. Croner resolves a named zone through several Intl calls per
 * step, about ten times slower than a fixed UTC offset, which matters when counting runs missed
 * during a long outage. So between DST transitions, where the zone is just a fixed offset and the DST
 * rule cannot apply, the cursor asks a fixed-offset cron, and near transitions it asks the zone cron.
 */
class CronCursor {
  private window?: OffsetWindow;
  /** Runs too far apart for a window to reach the next one, so the shortcut would only add work. */
  private sparse = false;

  constructor(
    private readonly pattern: string,
    private readonly tz: string,
  ) {}

  next(after: number): number | null {
    const w = this.window;
    if (w !== undefined && !this.sparse && after >= w.start && after < w.end) {
      const t = w.cron.nextRun(new Date(after))?.getTime();
      if (t !== undefined && this.reaches(w, t)) return t;
      this.sparse = t !== undefined && !w.closed;
    }
    const t = zoneRunAfter(zoneCron(this.pattern, this.tz), this.tz, after);
    if (t !== null && !this.sparse) this.window = this.windowFrom(t);
    return t;
  }

  /**
   * `t` comes from `zoneRunAfter`, which never returns a second pass, so it is already past any
   * repeated span. Undefined when the offset is not whole minutes, as croner's fixed offsets are.
   */
  private windowFrom(t: number): OffsetWindow | undefined {
    const start = Math.floor(t / 1000) * 1000;
    const offset = offsetAt(this.tz, start);
    if (offset % 60_000 !== 0) return undefined;
    return { offset, start, end: start + 1, closed: false, cron: fixedOffsetCron(this.pattern, offset) };
  }

  /** Grows the window step by step until it holds `t`; gives up where a slow step would be cheaper. */
  private reaches(w: OffsetWindow, t: number): boolean {
    while (t >= w.end) {
      if (w.closed || t - w.end > MAX_WINDOW_GROWTH_MS) return false;
      const probed = w.end - 1;
      const probe = (Math.floor(probed / SHIFT_BOUND_MS) + 1) * SHIFT_BOUND_MS;
      if (gridOffsetAt(this.tz, probe) === w.offset) {
        w.end = probe + 1;
      } else {
        w.end = offsetChangeBetween(this.tz, probed, probe, w.offset);
        w.closed = true;
      }
    }
    return true;
  }
}
