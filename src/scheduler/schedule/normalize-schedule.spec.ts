import { InvalidScheduleError } from './invalid-schedule.error';
import { normalizeSchedule, previewSchedule } from './normalize-schedule';
import type { ScheduleInput } from './schedule.types';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const HOUR = 3_600_000;

function rejection(input: unknown): InvalidScheduleError {
  try {
    normalizeSchedule(input as ScheduleInput, NOW);
  } catch (error) {
    if (error instanceof InvalidScheduleError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

describe('normalizeSchedule accepts', () => {
  it.each<[string, ScheduleInput | undefined | null, object]>([
    ['no schedule as a one-off now', undefined, { startAt: NOW }],
    ['null as a one-off now', null, { startAt: NOW }],
    ['an empty object as a one-off now', {}, { startAt: NOW }],
    ['null fields as absent', { start_at: null, cron: null, tz: null } as never, { startAt: NOW }],
    ['an undefined unknown field, as a DTO leaves it', { every: 1000, extra: undefined } as never, { startAt: NOW, every: 1000 }],
    ['a past start_at as now', { start_at: NOW - HOUR }, { startAt: NOW }],
    ['a past ISO start_at as now', { start_at: '2020-01-01T00:00:00Z' }, { startAt: NOW }],
    ['a future start_at in ms', { start_at: NOW + HOUR }, { startAt: NOW + HOUR }],
    ['a fractional ms start_at, rounded up', { start_at: NOW + 0.2 }, { startAt: NOW + 1 }],
    ['ISO with Z', { start_at: '2026-07-01T10:00:00Z' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['ISO with lower-case z', { start_at: '2026-07-01t10:00:00z' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['ISO without seconds', { start_at: '2026-07-01T10:00Z' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['ISO with a space', { start_at: '2026-07-01 10:00:00Z' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['ISO with an offset', { start_at: '2026-07-01T12:00:00+02:00' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['ISO with a compact offset', { start_at: '2026-07-01T05:30:00-0430' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['ISO with an hours-only offset', { start_at: '2026-07-01T15:00:00+05' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['ISO with ms', { start_at: '2026-07-01T10:00:00.250Z' }, { startAt: Date.parse('2026-07-01T10:00:00.250Z') }],
    ['ISO with µs, rounded up', { start_at: '2026-07-01T10:00:00.000001Z' }, { startAt: Date.parse('2026-07-01T10:00:00.001Z') }],
    ['a leap day', { start_at: '2028-02-29T00:00:00Z' }, { startAt: Date.parse('2028-02-29T00:00:00Z') }],
    ['a bare date as UTC midnight', { start_at: '2026-07-01' }, { startAt: Date.parse('2026-07-01T00:00:00Z') }],
    ['padding around ISO', { start_at: ' 2026-07-01T10:00:00Z ' }, { startAt: Date.parse('2026-07-01T10:00:00Z') }],
    ['cron with tz defaulting to UTC', { cron: '0 9 * * *' }, { startAt: NOW, cron: '0 9 * * *', tz: 'UTC' }],
    ['cron trimmed and single-spaced', { cron: ' 0  9\t* * MON-FRI ' }, { startAt: NOW, cron: '0 9 * * MON-FRI', tz: 'UTC' }],
    ['cron with a zone', { cron: '0 9 * * *', tz: ' Europe/Berlin ' }, { startAt: NOW, cron: '0 9 * * *', tz: 'Europe/Berlin' }],
    ['a fixed-offset IANA zone', { cron: '0 9 * * *', tz: 'Etc/GMT+5' }, { startAt: NOW, cron: '0 9 * * *', tz: 'Etc/GMT+5' }],
    ['6-field cron', { cron: '*/10 * * * * *' }, { startAt: NOW, cron: '*/10 * * * * *', tz: 'UTC' }],
    ['L, W and #', { cron: '0 0 LW * *' }, { startAt: NOW, cron: '0 0 LW * *', tz: 'UTC' }],
    ['a leap-day cron', { cron: '0 0 29 2 *' }, { startAt: NOW, cron: '0 0 29 2 *', tz: 'UTC' }],
    ['every', { every: 60_000 }, { startAt: NOW, every: 60_000 }],
    ['every with limit', { every: 1000, limit: 3 }, { startAt: NOW, every: 1000, limit: 3 }],
    ['endDate in ms', { every: 1000, endDate: NOW + HOUR }, { startAt: NOW, every: 1000, endDate: NOW + HOUR }],
    ['endDate in ISO', { cron: '0 * * * *', endDate: '2026-06-02T00:00:00Z' }, { startAt: NOW, cron: '0 * * * *', tz: 'UTC', endDate: Date.parse('2026-06-02T00:00:00Z') }],
    ['endDate exactly at the first run', { every: 1000, start_at: NOW + HOUR, endDate: NOW + HOUR }, { startAt: NOW + HOUR, every: 1000, endDate: NOW + HOUR }],
    ['endDate exactly at the first cron run', { cron: '0 13 * * *', endDate: '2026-06-01T13:00:00Z' }, { startAt: NOW, cron: '0 13 * * *', tz: 'UTC', endDate: NOW + HOUR }],
  ])('%s', (_name, input, expected) => {
    expect(normalizeSchedule(input, NOW)).toStrictEqual(expected);
  });
});

describe('normalizeSchedule rejects', () => {
  const iso = (t: number): string => new Date(t).toISOString();
  it.each<[string, unknown, string, string]>([
    ['a string', 'daily', 'schedule', 'schedule: expected an object, got string'],
    ['an array', [], 'schedule', 'schedule: expected an object, got array'],
    ['an unknown key', { foo: 1 }, 'schedule.foo', 'schedule.foo: is not a known schedule field'],
    ['camelCase startAt', { startAt: NOW }, 'schedule.startAt', 'schedule.startAt: is not a known schedule field'],
    ['snake_case end_date', { end_date: NOW }, 'schedule.end_date', 'schedule.end_date: is not a known schedule field'],
    // start_at
    ['start_at as a word', { start_at: 'tomorrow' }, 'schedule.start_at', "schedule.start_at: expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got 'tomorrow'"],
    ['start_at empty', { start_at: '' }, 'schedule.start_at', "schedule.start_at: expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got ''"],
    ['start_at in RFC 2822', { start_at: 'Mon, 01 Jun 2026 10:00:00 GMT' }, 'schedule.start_at', "schedule.start_at: expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got 'Mon, 01 Jun 2026 10:00:00 GMT'"],
    ['start_at as a numeric string', { start_at: '1780315200000' }, 'schedule.start_at', "schedule.start_at: expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got '1780315200000'"],
    ['start_at with a 5-digit year', { start_at: '+02026-07-01T00:00:00Z' }, 'schedule.start_at', "schedule.start_at: expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got '+02026-07-01T00:00:00Z'"],
    ['start_at without an offset', { start_at: '2026-07-01T10:00' }, 'schedule.start_at', "schedule.start_at: needs 'Z' or a UTC offset such as +02:00, got '2026-07-01T10:00'"],
    ['start_at on Feb 30', { start_at: '2026-02-30T00:00:00Z' }, 'schedule.start_at', "schedule.start_at: is not a real date-time: '2026-02-30T00:00:00Z'"],
    ['start_at on Feb 29 of a common year', { start_at: '2027-02-29' }, 'schedule.start_at', "schedule.start_at: is not a real date-time: '2027-02-29'"],
    ['start_at in month 13', { start_at: '2026-13-01' }, 'schedule.start_at', "schedule.start_at: is not a real date-time: '2026-13-01'"],
    ['start_at at 24:00', { start_at: '2026-07-01T24:00:00Z' }, 'schedule.start_at', "schedule.start_at: is not a real date-time: '2026-07-01T24:00:00Z'"],
    ['start_at at second 60', { start_at: '2026-07-01T10:00:60Z' }, 'schedule.start_at', "schedule.start_at: is not a real date-time: '2026-07-01T10:00:60Z'"],
    ['start_at with offset +25:00', { start_at: '2026-07-01T10:00:00+25:00' }, 'schedule.start_at', "schedule.start_at: is not a real date-time: '2026-07-01T10:00:00+25:00'"],
    ['start_at as a boolean', { start_at: true }, 'schedule.start_at', 'schedule.start_at: expected epoch milliseconds or an ISO 8601 string, got boolean'],
    ['start_at as an object', { start_at: {} }, 'schedule.start_at', 'schedule.start_at: expected epoch milliseconds or an ISO 8601 string, got object'],
    ['start_at NaN', { start_at: NaN }, 'schedule.start_at', 'schedule.start_at: expected epoch milliseconds or an ISO 8601 string, got NaN'],
    ['start_at Infinity', { start_at: Infinity }, 'schedule.start_at', 'schedule.start_at: expected epoch milliseconds or an ISO 8601 string, got Infinity'],
    ['start_at past the Date range', { start_at: 1e16 }, 'schedule.start_at', 'schedule.start_at: is out of range, got 10000000000000000'],
    ['start_at after the year 9999', { start_at: 253_402_300_800_000 }, 'schedule.start_at', 'schedule.start_at: first run +010000-01-01T00:00:00.000Z is after 9999-12-31T23:59:59.999Z, the last instant a job can be stored with'],
    ['start_at after the year 9999 by its offset', { start_at: '9999-12-31T23:30:00-01:00' }, 'schedule.start_at', 'schedule.start_at: first run +010000-01-01T00:30:00.000Z is after 9999-12-31T23:59:59.999Z, the last instant a job can be stored with'],
    ['a long garbage start_at, cut short', { start_at: 'x'.repeat(100) }, 'schedule.start_at', `schedule.start_at: expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got '${'x'.repeat(60)}…'`],
    // cron
    ['cron as a number', { cron: 5 }, 'schedule.cron', 'schedule.cron: expected a string, got number'],
    ['cron empty', { cron: '  ' }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 0'],
    ['cron with 4 fields', { cron: '* * * *' }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 4'],
    ['cron with 7 fields', { cron: '0 0 0 * * * 2027' }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 7'],
    ['a cron nickname', { cron: '@daily' }, 'schedule.cron', 'schedule.cron: expected 5 or 6 fields, got 1'],
    ['minute 61', { cron: '61 * * * *' }, 'schedule.cron', "schedule.cron: cannot parse '61 * * * *': invalid value for minute: 61"],
    ['second 60', { cron: '60 * * * * *' }, 'schedule.cron', "schedule.cron: cannot parse '60 * * * * *': invalid value for second: 60"],
    ['hour 24', { cron: '0 24 * * *' }, 'schedule.cron', "schedule.cron: cannot parse '0 24 * * *': invalid value for hour: 24"],
    ['weekday 8', { cron: '0 0 * * 8' }, 'schedule.cron', "schedule.cron: cannot parse '0 0 * * 8': invalid value for dayOfWeek: 8"],
    ['a step of 0', { cron: '*/0 * * * *' }, 'schedule.cron', "schedule.cron: cannot parse '*/0 * * * *': syntax error, illegal stepping: 0"],
    ['letters', { cron: 'a b c d e' }, 'schedule.cron', "schedule.cron: cannot parse 'a b c d e': configuration entry 1 (a) contains illegal characters"],
    ['an unknown day name', { cron: '0 0 * * FOO' }, 'schedule.cron', "schedule.cron: cannot parse '0 0 * * FOO': configuration entry 5 (FOO) contains illegal characters"],
    ['a sixth Monday', { cron: '0 0 * * MON#6' }, 'schedule.cron', expect.stringMatching(/^schedule\.cron: cannot parse '0 0 \* \* MON#6': nth weekday out of range/) as never],
    ['a cron that never fires', { cron: '0 0 30 2 *' }, 'schedule.cron', `schedule.cron: never fires at or after ${iso(NOW)}`],
    ['another cron that never fires', { cron: '0 0 31 2,4 *', tz: 'Asia/Tokyo' }, 'schedule.cron', `schedule.cron: never fires at or after ${iso(NOW)}`],
    ['cron with every', { cron: '0 0 * * *', every: 1000 }, 'schedule.every', 'schedule.every: cannot be combined with schedule.cron'],
    // every
    ['every as a string', { every: '1000' }, 'schedule.every', 'schedule.every: expected a number of milliseconds, got string'],
    ['every below a second', { every: 999 }, 'schedule.every', 'schedule.every: must be a whole number of milliseconds >= 1000, got 999'],
    ['every zero', { every: 0 }, 'schedule.every', 'schedule.every: must be a whole number of milliseconds >= 1000, got 0'],
    ['every negative', { every: -60_000 }, 'schedule.every', 'schedule.every: must be a whole number of milliseconds >= 1000, got -60000'],
    ['every fractional', { every: 1500.5 }, 'schedule.every', 'schedule.every: must be a whole number of milliseconds >= 1000, got 1500.5'],
    ['every NaN', { every: NaN }, 'schedule.every', 'schedule.every: must be a whole number of milliseconds >= 1000, got NaN'],
    ['every Infinity', { every: Infinity }, 'schedule.every', 'schedule.every: must be a whole number of milliseconds >= 1000, got Infinity'],
    // tz
    ['tz alone', { tz: 'UTC' }, 'schedule.tz', 'schedule.tz: only allowed with schedule.cron'],
    ['tz with every', { every: 1000, tz: 'Europe/Berlin' }, 'schedule.tz', 'schedule.tz: only allowed with schedule.cron'],
    ['tz unknown', { cron: '* * * * *', tz: 'Mars/Olympus' }, 'schedule.tz', "schedule.tz: unknown time zone 'Mars/Olympus'"],
    ['tz empty', { cron: '* * * * *', tz: '' }, 'schedule.tz', "schedule.tz: unknown time zone ''"],
    ['tz as a number', { cron: '* * * * *', tz: 2 }, 'schedule.tz', 'schedule.tz: expected a string, got number'],
    // limit
    ['limit zero', { every: 1000, limit: 0 }, 'schedule.limit', 'schedule.limit: must be an integer >= 1, got 0'],
    ['limit fractional', { cron: '* * * * *', limit: 2.5 }, 'schedule.limit', 'schedule.limit: must be an integer >= 1, got 2.5'],
    ['limit as a string', { every: 1000, limit: '3' }, 'schedule.limit', 'schedule.limit: expected a number, got string'],
    ['limit on a one-off', { limit: 1 }, 'schedule.limit', 'schedule.limit: only allowed with schedule.cron or schedule.every'],
    // endDate
    ['endDate on a one-off', { endDate: NOW + HOUR }, 'schedule.endDate', 'schedule.endDate: only allowed with schedule.cron or schedule.every'],
    ['endDate as a word', { every: 1000, endDate: 'next week' }, 'schedule.endDate', "schedule.endDate: expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got 'next week'"],
    ['endDate as a boolean', { every: 1000, endDate: false }, 'schedule.endDate', 'schedule.endDate: expected epoch milliseconds or an ISO 8601 string, got boolean'],
    ['endDate in the past', { every: 1000, endDate: NOW - 1 }, 'schedule.endDate', `schedule.endDate: is in the past (${iso(NOW - 1)})`],
    ['endDate in the past as ISO', { cron: '* * * * *', endDate: '2026-01-01T00:00:00Z' }, 'schedule.endDate', 'schedule.endDate: is in the past (2026-01-01T00:00:00.000Z)'],
    ['endDate before a future start', { every: 1000, start_at: NOW + HOUR, endDate: NOW + 1 }, 'schedule.endDate', `schedule.endDate: is before the first run at ${iso(NOW + HOUR)}`],
    ['endDate before the first cron run', { cron: '0 0 * * *', endDate: NOW + HOUR }, 'schedule.endDate', 'schedule.endDate: is before the first run at 2026-06-02T00:00:00.000Z'],
    ['endDate before the first zoned cron run', { cron: '0 9 * * *', tz: 'America/New_York', endDate: '2026-06-01T12:59:59Z' }, 'schedule.endDate', 'schedule.endDate: is before the first run at 2026-06-01T13:00:00.000Z'],
  ])('%s', (_name, input, field, message) => {
    const error = rejection(input);
    expect(error.field).toBe(field);
    expect(error.message).toEqual(message);
    expect(error.name).toBe('InvalidScheduleError');
    expect(error).toBeInstanceOf(Error);
  });
});

describe('previewSchedule', () => {
  it('shows the runs a schedule would have if created at `from`', () => {
    expect(previewSchedule({ cron: '0 9 * * MON-FRI', tz: 'Europe/Berlin' }, NOW, 3).map((t) => new Date(t).toISOString())).toEqual([
      '2026-06-02T07:00:00.000Z',
      '2026-06-03T07:00:00.000Z',
      '2026-06-04T07:00:00.000Z',
    ]);
    expect(previewSchedule({ every: 60_000, limit: 2 }, NOW, 10)).toEqual([NOW, NOW + 60_000]);
    expect(previewSchedule({}, NOW, 5)).toEqual([NOW]);
  });

  it('rejects what create would reject', () => {
    expect(() => previewSchedule({ every: 10 }, NOW, 3)).toThrow(InvalidScheduleError);
  });
});
