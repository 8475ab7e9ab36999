import { normalizeSchedule } from './normalize-schedule';
import { countRunsBetween, firstRunAt, isRecurring, nextRunAfter, upcomingRuns } from './schedule-times';
import type { Schedule } from './schedule.types';

const T0 = Date.parse('2026-06-01T12:00:00Z');
const MIN = 60_000;
const at = (iso: string): number => Date.parse(iso);
const isos = (runs: number[]): string[] => runs.map((t) => new Date(t).toISOString());
const cron = (expr: string, tz = 'UTC', extra: Partial<Schedule> = {}): Schedule => ({ startAt: T0, cron: expr, tz, ...extra });

describe('isRecurring', () => {
  it('is true for cron and every only', () => {
    expect(isRecurring({ startAt: T0 })).toBe(false);
    expect(isRecurring({ startAt: T0, every: 1000 })).toBe(true);
    expect(isRecurring(cron('* * * * *'))).toBe(true);
  });
});

describe('one-off', () => {
  const once: Schedule = { startAt: T0 + MIN };

  it('runs once at startAt', () => {
    expect(firstRunAt(once)).toBe(T0 + MIN);
    expect(nextRunAfter(once, T0)).toBe(T0 + MIN);
    expect(nextRunAfter(once, T0 + MIN - 1)).toBe(T0 + MIN);
    expect(nextRunAfter(once, T0 + MIN)).toBeNull();
    expect(upcomingRuns(once, T0, 5)).toEqual([T0 + MIN]);
    expect(upcomingRuns(once, T0 + MIN, 5)).toEqual([T0 + MIN]);
    expect(upcomingRuns(once, T0 + MIN + 1, 5)).toEqual([]);
  });

  it('has nothing upcoming once it has run', () => {
    expect(upcomingRuns(once, T0, 5, 1)).toEqual([]);
  });

  it('counts its single run only when strictly inside the window', () => {
    expect(countRunsBetween(once, T0, T0 + 2 * MIN)).toBe(1);
    expect(countRunsBetween(once, T0 + MIN, T0 + 2 * MIN)).toBe(0);
    expect(countRunsBetween(once, T0, T0 + MIN)).toBe(0);
  });
});

describe('every', () => {
  const grid: Schedule = { startAt: T0, every: MIN };

  it('runs on the grid startAt + k * every', () => {
    expect(firstRunAt(grid)).toBe(T0);
    expect(nextRunAfter(grid, T0 - 5000)).toBe(T0);
    expect(nextRunAfter(grid, T0)).toBe(T0 + MIN);
    expect(nextRunAfter(grid, T0 + MIN - 1)).toBe(T0 + MIN);
    expect(nextRunAfter(grid, T0 + MIN)).toBe(T0 + 2 * MIN);
    expect(upcomingRuns(grid, T0 + 30_000, 3)).toEqual([T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
  });

  it('includes `from` itself when it is on the grid', () => {
    expect(upcomingRuns(grid, T0 + MIN, 2)).toEqual([T0 + MIN, T0 + 2 * MIN]);
  });

  it('stops at limit, counting the runs so far', () => {
    const limited = { ...grid, limit: 3 };
    expect(upcomingRuns(limited, T0, 10)).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    expect(upcomingRuns(limited, T0 + MIN, 10, 2)).toEqual([T0 + MIN]);
    expect(upcomingRuns(limited, T0, 10, 3)).toEqual([]);
    expect(nextRunAfter(limited, T0 + 10 * MIN)).toBe(T0 + 11 * MIN);
  });

  it('treats endDate as inclusive', () => {
    expect(upcomingRuns({ ...grid, endDate: T0 + 2 * MIN }, T0, 10)).toEqual([T0, T0 + MIN, T0 + 2 * MIN]);
    expect(upcomingRuns({ ...grid, endDate: T0 + 2 * MIN - 1 }, T0, 10)).toEqual([T0, T0 + MIN]);
    expect(nextRunAfter({ ...grid, endDate: T0 + 2 * MIN }, T0 + 2 * MIN)).toBeNull();
  });

  it('caps count at 1000 and treats a silly count as none', () => {
    expect(upcomingRuns(grid, T0, 5000)).toHaveLength(1000);
    expect(upcomingRuns(grid, T0, 0)).toEqual([]);
    expect(upcomingRuns(grid, T0, -3)).toEqual([]);
    expect(upcomingRuns(grid, T0, NaN)).toEqual([]);
    expect(upcomingRuns(grid, T0, 2.9)).toHaveLength(2);
  });

  it.each([
    ['both ends exclusive', T0, T0 + MIN, 0],
    ['one run just inside', T0, T0 + MIN + 1, 1],
    ['from before the start', T0 - 1, T0 + 1, 1],
    ['an hour of downtime', T0 + 30_000, T0 + 3_600_000 + 30_000, 60],
    ['an empty window', T0 + 5 * MIN, T0 + 5 * MIN, 0],
    ['a reversed window', T0 + 5 * MIN, T0, 0],
    ['a year, capped', T0, T0 + 365 * 86_400_000, 100_000],
  ])('counts runs arithmetically: %s', (_name, a, b, expected) => {
    expect(countRunsBetween(grid, a, b)).toBe(expected);
  });

  it('counts within endDate and a custom cap', () => {
    expect(countRunsBetween({ ...grid, endDate: T0 + 10 * MIN }, T0 - 1, T0 + 100 * MIN)).toBe(11);
    expect(countRunsBetween(grid, T0 - 1, T0 + 100 * MIN, 7)).toBe(7);
    expect(countRunsBetween(grid, T0 - 1, T0 + 100 * MIN, 0)).toBe(0);
  });
});

describe('cron', () => {
  it('finds the first cron instant at or after startAt, to the millisecond', () => {
    expect(firstRunAt(cron('*/10 * * * * *', 'UTC', { startAt: at('2026-06-01T12:00:10.000Z') }))).toBe(at('2026-06-01T12:00:10Z'));
    expect(firstRunAt(cron('*/10 * * * * *', 'UTC', { startAt: at('2026-06-01T12:00:10.001Z') }))).toBe(at('2026-06-01T12:00:20Z'));
    expect(firstRunAt(cron('0 13 * * *', 'UTC', { endDate: at('2026-06-01T12:59:59Z') }))).toBeNull();
  });

  it('runs a 6-field cron on seconds', () => {
    const s = cron('*/10 * * * * *');
    expect(isos(upcomingRuns(s, at('2026-06-01T12:00:03.500Z'), 3))).toEqual([
      '2026-06-01T12:00:10.000Z',
      '2026-06-01T12:00:20.000Z',
      '2026-06-01T12:00:30.000Z',
    ]);
    expect(upcomingRuns(s, at('2026-06-01T12:00:10Z'), 1)).toEqual([at('2026-06-01T12:00:10Z')]);
    expect(nextRunAfter(s, at('2026-06-01T12:00:10Z'))).toBe(at('2026-06-01T12:00:20Z'));
    expect(nextRunAfter(s, at('2026-06-01T12:00:09.999Z'))).toBe(at('2026-06-01T12:00:10Z'));
  });

  it.each<[string, string, string, string[]]>([
    ['weekday names', '0 9 * * MON-FRI', '2026-06-05T10:00:00Z', ['2026-06-08T09:00:00.000Z', '2026-06-09T09:00:00.000Z']],
    ['month names', '0 0 1 JAN,JUL *', '2026-06-05T00:00:00Z', ['2026-07-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z']],
    ['L: last day of month', '0 0 L * *', '2026-06-05T00:00:00Z', ['2026-06-30T00:00:00.000Z', '2026-07-31T00:00:00.000Z', '2026-08-31T00:00:00.000Z']],
    ['L in a leap February', '0 0 L 2 *', '2027-06-01T00:00:00Z', ['2028-02-29T00:00:00.000Z']],
    ['W: nearest weekday to the 15th', '0 0 15W * *', '2026-08-01T00:00:00Z', ['2026-08-14T00:00:00.000Z', '2026-09-15T00:00:00.000Z', '2026-10-15T00:00:00.000Z', '2026-11-16T00:00:00.000Z']],
    ['W does not leave the month', '0 0 1W * *', '2026-07-15T00:00:00Z', ['2026-08-03T00:00:00.000Z']],
    ['LW: last weekday', '0 0 LW * *', '2026-05-01T00:00:00Z', ['2026-05-29T00:00:00.000Z', '2026-06-30T00:00:00.000Z']],
    ['#: second Friday', '0 8 * * FRI#2', '2026-06-01T00:00:00Z', ['2026-06-12T08:00:00.000Z', '2026-07-10T08:00:00.000Z', '2026-08-14T08:00:00.000Z']],
    ['#L: last Friday', '0 8 * * 5#L', '2026-06-01T00:00:00Z', ['2026-06-26T08:00:00.000Z', '2026-07-31T08:00:00.000Z', '2026-08-28T08:00:00.000Z']],
    ['day-of-month OR day-of-week', '0 0 13 * FRI', '2026-11-01T00:00:00Z', ['2026-11-06T00:00:00.000Z', '2026-11-13T00:00:00.000Z', '2026-11-20T00:00:00.000Z']],
    ['+: day-of-month AND day-of-week', '0 0 13 * +FRI', '2026-01-01T00:00:00Z', ['2026-02-13T00:00:00.000Z', '2026-03-13T00:00:00.000Z', '2026-11-13T00:00:00.000Z']],
  ])('%s: %s', (_name, expr, from, expected) => {
    expect(isos(upcomingRuns(cron(expr, 'UTC', { startAt: at(from) }), at(from), expected.length))).toEqual(expected);
  });

  it('reads the fields in the zone', () => {
    expect(isos(upcomingRuns(cron('0 9 * * *', 'Asia/Kolkata'), T0, 2))).toEqual(['2026-06-02T03:30:00.000Z', '2026-06-03T03:30:00.000Z']);
    expect(isos(upcomingRuns(cron('0 9 * * *', 'Etc/GMT+5'), T0, 1))).toEqual(['2026-06-01T14:00:00.000Z']);
  });

  it('respects endDate (inclusive) and limit', () => {
    const s = cron('0 * * * *', 'UTC', { endDate: at('2026-06-01T15:00:00Z') });
    expect(isos(upcomingRuns(s, T0, 10))).toEqual([
      '2026-06-01T12:00:00.000Z',
      '2026-06-01T13:00:00.000Z',
      '2026-06-01T14:00:00.000Z',
      '2026-06-01T15:00:00.000Z',
    ]);
    expect(nextRunAfter(s, at('2026-06-01T15:00:00Z'))).toBeNull();
    expect(upcomingRuns({ ...s, limit: 2 }, T0, 10)).toHaveLength(2);
    expect(upcomingRuns({ ...s, limit: 2 }, T0, 10, 1)).toEqual([T0]);
  });

  it('never runs before startAt, whatever `after` is', () => {
    const s = cron('0 * * * *', 'UTC', { startAt: at('2026-06-01T14:30:00Z') });
    expect(nextRunAfter(s, T0)).toBe(at('2026-06-01T15:00:00Z'));
    expect(upcomingRuns(s, T0, 1)).toEqual([at('2026-06-01T15:00:00Z')]);
  });

  it('finds nothing past what a Date or croner can hold', () => {
    expect(nextRunAfter(cron('* * * * *'), 9e15)).toBeNull();
    expect(nextRunAfter(cron('* * * * *'), NaN)).toBeNull();
    expect(nextRunAfter(cron('0 0 1 1 *'), Date.parse('9999-06-01T00:00:00Z'))).toBeNull();
    expect(nextRunAfter({ startAt: T0, every: 1000 }, 8.64e15)).toBeNull();
    expect(upcomingRuns({ startAt: 8.64e15 - 1500, every: 1000 }, 0, 5)).toEqual([8.64e15 - 1500, 8.64e15 - 500]);
  });

  it('counts runs by walking them', () => {
    const s = cron('* * * * *');
    expect(countRunsBetween(s, at('2026-06-02T00:00:00Z'), at('2026-06-03T00:00:00Z'))).toBe(1439);
    expect(countRunsBetween(s, at('2026-06-02T00:00:00Z'), at('2026-06-03T00:00:00Z'), 100)).toBe(100);
    expect(countRunsBetween({ ...s, endDate: at('2026-06-02T00:10:00Z') }, at('2026-06-02T00:00:00Z'), at('2026-06-03T00:00:00Z'))).toBe(10);
    expect(countRunsBetween(cron('*/5 * * * * *', 'Europe/Berlin'), T0, T0 + 86_400_000)).toBe(17_279);
  });
});

describe('server time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    if (original === undefined) delete process.env.TZ;
    else process.env.TZ = original;
  });

  it('does not change any instant', () => {
    const compute = (): unknown => [
      normalizeSchedule({ start_at: '2026-07-01', cron: '0 9 * * *' }, T0),
      upcomingRuns(cron('30 2 * * *', 'America/New_York', { startAt: at('2027-03-12T00:00:00Z') }), at('2027-03-12T00:00:00Z'), 4),
      upcomingRuns(cron('*/20 * * * *', 'UTC'), T0, 5),
    ];
    process.env.TZ = 'UTC';
    const inUtc = compute();
    process.env.TZ = 'Pacific/Chatham';
    expect(compute()).toEqual(inUtc);
  });
});
