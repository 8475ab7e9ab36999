import fc from 'fast-check';
import { countRunsBetween, nextRunAfter, upcomingRuns } from './schedule-times';
import type { Schedule } from './schedule.types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const DST_ZONES = ['America/New_York', 'Europe/Berlin', 'Europe/London', 'Australia/Lord_Howe', 'Australia/Sydney', 'Pacific/Chatham'];
const ZONES = [...DST_ZONES, 'UTC', 'Asia/Kolkata', 'America/Santiago', 'Etc/GMT-14'];
const MINUTE_CRONS = [
  '* * * * *',
  '*/15 * * * *',
  '*/7 * * * *',
  '0 * * * *',
  '30 1 * * *',
  '45 1 * * *',
  '15 2 * * *',
  '30 2 * * *',
  '0 3 * * *',
  '0,30 1,2 * * *',
  '0 1-3 * * *',
  '0 */2 * * *',
  '0 9 * * MON-FRI',
  '5 4 * * SUN',
  '0 0 L * *',
  '0 12 15W * *',
  '0 8 * * FRI#2',
  '0 0 1 1 *',
];
const CRONS = [...MINUTE_CRONS, '*/10 * * * * *', '30 0 */2 * * *', '0 30 2 * * *'];

/** DST transitions, 2026–2027, so that generated instants often land where the rule matters. */
const TRANSITIONS = [
  '2026-03-08T07:00Z', '2026-11-01T06:00Z', '2027-03-14T07:00Z', '2027-11-07T06:00Z', // New York
  '2026-03-29T01:00Z', '2026-10-25T01:00Z', '2027-03-28T01:00Z', '2027-10-31T01:00Z', // EU
  '2026-04-04T15:00Z', '2026-10-03T15:30Z', '2027-04-03T15:00Z', '2027-10-02T15:30Z', // Lord Howe
  '2026-04-04T16:00Z', '2026-10-03T16:00Z', '2027-04-03T16:00Z', '2027-10-02T16:00Z', // Sydney
  '2026-04-04T14:00Z', '2026-09-26T14:00Z', '2027-04-03T14:00Z', '2027-09-25T14:00Z', // Chatham
].map((iso) => Date.parse(iso));

const instant = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2028-01-01T00:00:00Z') }),
  fc.constantFrom(...TRANSITIONS).chain((t) => fc.integer({ min: t - 6 * HOUR, max: t + 6 * HOUR })),
);
const bounds = {
  startAt: instant,
  limit: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
  endAfter: fc.option(fc.integer({ min: 0, max: 30 * DAY }), { nil: undefined }),
};
const bounded = (s: Schedule, endAfter: number | undefined): Schedule =>
  endAfter === undefined ? s : { ...s, endDate: s.startAt + endAfter };

const cronSchedule = (crons: string[], zones: string[]): fc.Arbitrary<Schedule> =>
  fc
    .record({ cron: fc.constantFrom(...crons), tz: fc.constantFrom(...zones), ...bounds })
    .map(({ endAfter, limit, ...s }) => bounded(limit === undefined ? s : { ...s, limit }, endAfter));
const everySchedule: fc.Arbitrary<Schedule> = fc
  .record({ every: fc.oneof(fc.integer({ min: 1000, max: 10 * 60_000 }), fc.integer({ min: 1000, max: 3 * DAY })), ...bounds })
  .map(({ endAfter, limit, ...s }) => bounded(limit === undefined ? s : { ...s, limit }, endAfter));
const anySchedule = fc.oneof(cronSchedule(CRONS, ZONES), everySchedule);

/** Local wall clock to the minute, as a sortable string, computed without the code under test. */
const formats = new Map<string, Intl.DateTimeFormat>();
function wallMinute(tz: string, t: number): string {
  let format = formats.get(tz);
  if (format === undefined) {
    const two = '2-digit' as const;
    format = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: two, day: two, hour: two, minute: two });
    formats.set(tz, format);
  }
  const part = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}`;
}

describe('schedule properties', () => {
  it('upcomingRuns is increasing, bounded, and agrees with nextRunAfter', () => {
    fc.assert(
      fc.property(anySchedule, instant, fc.integer({ min: 1, max: 25 }), fc.nat(3), (s, from, count, runsSoFar) => {
        const runs = upcomingRuns(s, from, count, runsSoFar);
        const remaining = s.limit === undefined ? Infinity : s.limit - runsSoFar;
        expect(runs.length).toBeLessThanOrEqual(Math.max(0, Math.min(count, remaining)));
        let previous = from - 1;
        for (const t of runs) {
          expect(t).toBeGreaterThan(previous);
          expect(t).toBeGreaterThanOrEqual(s.startAt);
          if (s.endDate !== undefined) expect(t).toBeLessThanOrEqual(s.endDate);
          if (s.every !== undefined) expect((t - s.startAt) % s.every).toBe(0);
          else expect(t % 1000).toBe(0);
          expect(nextRunAfter(s, previous)).toBe(t);
          previous = t;
        }
        if (runs.length < Math.min(count, remaining)) expect(nextRunAfter(s, previous)).toBeNull();
      }),
      { numRuns: 150 },
    );
  });

  it('nextRunAfter(s, t) is after t and not before startAt', () => {
    fc.assert(
      fc.property(anySchedule, instant, (s, t) => {
        const next = nextRunAfter(s, t);
        if (next === null) return;
        expect(next).toBeGreaterThan(t);
        expect(next).toBeGreaterThanOrEqual(s.startAt);
      }),
      { numRuns: 300 },
    );
  });

  it('countRunsBetween matches walking the runs one by one', () => {
    fc.assert(
      fc.property(anySchedule, instant, fc.integer({ min: 0, max: 12 * HOUR }), (s, a, length) => {
        const cap = 200;
        let walked = 0;
        for (let t = nextRunAfter(s, a); t !== null && t < a + length && walked < cap; t = nextRunAfter(s, t)) walked++;
        expect(countRunsBetween(s, a, a + length, cap)).toBe(walked);
      }),
      { numRuns: 150 },
    );
  });

  it('runs at most once per local wall-minute, in wall-clock order, across DST', () => {
    fc.assert(
      fc.property(cronSchedule(MINUTE_CRONS, DST_ZONES), fc.constantFrom(...TRANSITIONS), fc.integer({ min: -3 * HOUR, max: HOUR }), (s, transition, shift) => {
        const from = transition + shift;
        const around: Schedule = { ...s, startAt: from, limit: undefined, endDate: transition + 4 * HOUR };
        const walls = upcomingRuns(around, from, 1000).map((t) => wallMinute(s.tz as string, t));
        return walls.every((wall, i) => i === 0 || wall > walls[i - 1]);
      }),
      { numRuns: 100 },
    );
  });

  it('a cron at a fixed time of day runs exactly once on every local day, DST or not', () => {
    const localDay = (tz: string, t: number): string => wallMinute(tz, t).slice(0, 10);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.constantFrom(...DST_ZONES), fc.constantFrom(...TRANSITIONS), (hour, minute, tz, transition) => {
        const s: Schedule = { startAt: transition - 3 * DAY, cron: `${minute} ${hour} * * *`, tz };
        const days = upcomingRuns(s, s.startAt, 7).map((t) => Date.parse(localDay(tz, t)));
        return days.length === 7 && days.every((day, i) => i === 0 || day - days[i - 1] === DAY);
      }),
      { numRuns: 200 },
    );
  });
});
