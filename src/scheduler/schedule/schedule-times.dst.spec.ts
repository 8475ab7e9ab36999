import { nextRunAfter, upcomingRuns } from './schedule-times';
import type { Schedule } from './schedule.types';

/*
 * Expected instants are derived by hand from the zone rules, not from croner:
 *  America/New_York   EST -05:00 / EDT -04:00. 2027-03-14 02:00 EST → 03:00 EDT (07:00Z);
 *                     2026-11-01 02:00 EDT → 01:00 EST (06:00Z), so 01:00–01:59 happens at 05:xxZ and 06:xxZ.
 *  Europe/Berlin      CET +01:00 / CEST +02:00. 2027-03-28 02:00 CET → 03:00 CEST (01:00Z);
 *                     2026-10-25 03:00 CEST → 02:00 CET (01:00Z), so 02:00–02:59 happens at 00:xxZ and 01:xxZ.
 *  Australia/Lord_Howe  +10:30 / +11:00. 2026-10-04 02:00 → 02:30 (2026-10-03T15:30Z);
 *                     2027-04-04 02:00 → 01:30 (2027-04-03T15:00Z), so 01:30–01:59 happens at 14:xxZ and 15:0x–15:2xZ.
 *  Pacific/Chatham    +12:45 / +13:45. 2026-09-27 02:45 → 03:45 (2026-09-26T14:00Z);
 *                     2027-04-04 03:45 → 02:45 (2027-04-03T14:00Z), so 02:45–03:44 happens at 13:xxZ and 14:xxZ.
 */
const runs = (tz: string, cron: string, from: string, count: number): string[] => {
  const s: Schedule = { startAt: Date.parse(from), cron, tz };
  return upcomingRuns(s, s.startAt, count).map((t) => new Date(t).toISOString());
};

/** The same runs through `nextRunAfter`, which takes the zone cron at every step. */
const chained = (tz: string, cron: string, from: string, count: number): string[] => {
  const s: Schedule = { startAt: Date.parse(from), cron, tz };
  const out: string[] = [];
  for (let t = nextRunAfter(s, s.startAt - 1); t !== null && out.length < count; t = nextRunAfter(s, t)) {
    out.push(new Date(t).toISOString());
  }
  return out;
};

const z = (times: string[]): string[] => times.map((t) => `${t}:00.000Z`);

describe.each<[string, string, string, string, string[]]>([
  // Spring forward: a fixed time in the gap runs once, at the end of the gap.
  ['NY 02:30 on spring-forward day runs at 03:00 EDT', 'America/New_York', '30 2 * * *', '2027-03-12T12:00:00Z', z(['2027-03-13T07:30', '2027-03-14T07:00', '2027-03-15T06:30'])],
  ['NY 01:30 just before the gap is untouched', 'America/New_York', '30 1 * * *', '2027-03-13T12:00:00Z', z(['2027-03-14T06:30', '2027-03-15T05:30'])],
  ['NY 03:30 just after the gap is untouched', 'America/New_York', '30 3 * * *', '2027-03-13T12:00:00Z', z(['2027-03-14T07:30', '2027-03-15T07:30'])],
  ['NY seconds do not survive the gap', 'America/New_York', '15 30 2 * * *', '2027-03-13T12:00:00Z', ['2027-03-14T07:00:00.000Z', '2027-03-15T06:30:15.000Z']],
  ['NY list: gap times collapse into one run', 'America/New_York', '0,30 1,2 * * *', '2027-03-14T05:00:00Z', z(['2027-03-14T06:00', '2027-03-14T06:30', '2027-03-14T07:00', '2027-03-15T05:00'])],
  ['NY range: 02:00 and 03:00 meet at 03:00', 'America/New_York', '0 1-3 * * *', '2027-03-14T05:00:00Z', z(['2027-03-14T06:00', '2027-03-14T07:00', '2027-03-15T05:00'])],
  ['NY step: gap times are skipped', 'America/New_York', '*/30 * * * *', '2027-03-14T05:45:00Z', z(['2027-03-14T06:00', '2027-03-14T06:30', '2027-03-14T07:00', '2027-03-14T07:30'])],
  // Fall back: a repeated time runs once, on its first pass.
  ['NY 01:30 on fall-back day runs once, in EDT', 'America/New_York', '30 1 * * *', '2026-10-31T12:00:00Z', z(['2026-11-01T05:30', '2026-11-02T06:30'])],
  ['NY step: the second pass is not run again', 'America/New_York', '*/30 * * * *', '2026-11-01T04:15:00Z', z(['2026-11-01T04:30', '2026-11-01T05:00', '2026-11-01T05:30', '2026-11-01T07:00', '2026-11-01T07:30'])],
  ['NY step started inside the second pass', 'America/New_York', '*/20 * * * *', '2026-11-01T06:10:00Z', z(['2026-11-01T07:00', '2026-11-01T07:20'])],
  ['NY fixed time started inside the second pass', 'America/New_York', '30 1 * * *', '2026-11-01T06:10:00Z', z(['2026-11-02T06:30'])],
  ['NY list on fall-back day', 'America/New_York', '0,30 1,2 * * *', '2026-11-01T04:00:00Z', z(['2026-11-01T05:00', '2026-11-01T05:30', '2026-11-01T07:00', '2026-11-01T07:30'])],
  ['Berlin 02:30 on spring-forward day', 'Europe/Berlin', '30 2 * * *', '2027-03-26T12:00:00Z', z(['2027-03-27T01:30', '2027-03-28T01:00', '2027-03-29T00:30'])],
  ['Berlin 02:15 on spring-forward day', 'Europe/Berlin', '15 2 * * *', '2027-03-27T12:00:00Z', z(['2027-03-28T01:00', '2027-03-29T00:15'])],
  ['Berlin 01:30 on spring-forward day', 'Europe/Berlin', '30 1 * * *', '2027-03-27T12:00:00Z', z(['2027-03-28T00:30', '2027-03-28T23:30'])],
  ['Berlin 02:30 on fall-back day', 'Europe/Berlin', '30 2 * * *', '2026-10-24T12:00:00Z', z(['2026-10-25T00:30', '2026-10-26T01:30'])],
  ['Berlin 02:15 on fall-back day', 'Europe/Berlin', '15 2 * * *', '2026-10-24T12:00:00Z', z(['2026-10-25T00:15', '2026-10-26T01:15'])],
  ['Berlin 01:45 on fall-back day', 'Europe/Berlin', '45 1 * * *', '2026-10-24T12:00:00Z', z(['2026-10-24T23:45', '2026-10-26T00:45'])],
  ['Lord Howe 02:15 in the 30-minute gap', 'Australia/Lord_Howe', '15 2 * * *', '2026-10-02T12:00:00Z', z(['2026-10-02T15:45', '2026-10-03T15:30', '2026-10-04T15:15'])],
  ['Lord Howe 01:30 before the gap', 'Australia/Lord_Howe', '30 1 * * *', '2026-10-02T12:00:00Z', z(['2026-10-02T15:00', '2026-10-03T15:00', '2026-10-04T14:30'])],
  ['Lord Howe 01:45 before the gap', 'Australia/Lord_Howe', '45 1 * * *', '2026-10-02T12:00:00Z', z(['2026-10-02T15:15', '2026-10-03T15:15', '2026-10-04T14:45'])],
  ['Lord Howe step through the gap', 'Australia/Lord_Howe', '*/15 * * * *', '2026-10-03T15:00:00Z', z(['2026-10-03T15:00', '2026-10-03T15:15', '2026-10-03T15:30', '2026-10-03T15:45'])],
  ['Lord Howe 01:30 repeated', 'Australia/Lord_Howe', '30 1 * * *', '2027-04-02T12:00:00Z', z(['2027-04-02T14:30', '2027-04-03T14:30', '2027-04-04T15:00'])],
  ['Lord Howe 01:45 repeated', 'Australia/Lord_Howe', '45 1 * * *', '2027-04-02T12:00:00Z', z(['2027-04-02T14:45', '2027-04-03T14:45', '2027-04-04T15:15'])],
  ['Lord Howe 02:15 after the repeat', 'Australia/Lord_Howe', '15 2 * * *', '2027-04-02T12:00:00Z', z(['2027-04-02T15:15', '2027-04-03T15:45', '2027-04-04T15:45'])],
  ['Lord Howe step through the repeat', 'Australia/Lord_Howe', '*/15 * * * *', '2027-04-03T14:10:00Z', z(['2027-04-03T14:15', '2027-04-03T14:30', '2027-04-03T14:45', '2027-04-03T15:30', '2027-04-03T15:45'])],
  ['Chatham 03:00 in the gap', 'Pacific/Chatham', '0 3 * * *', '2026-09-25T12:00:00Z', z(['2026-09-25T14:15', '2026-09-26T14:00', '2026-09-27T13:15'])],
  ['Chatham 03:00 repeated', 'Pacific/Chatham', '0 3 * * *', '2027-04-02T12:00:00Z', z(['2027-04-02T13:15', '2027-04-03T13:15', '2027-04-04T14:15'])],
])('%s', (_name, tz, cron, from, expected) => {
  it(`${cron} in ${tz} from ${from}`, () => {
    expect(runs(tz, cron, from, expected.length)).toEqual(expected);
  });

  it('agrees with stepping through nextRunAfter', () => {
    expect(chained(tz, cron, from, expected.length)).toEqual(expected);
  });
});

describe('daily crons at wall times touched by DST', () => {
  const localDay = (tz: string, t: number): string =>
    new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);

  it.each([
    ['America/New_York', '2027-03-10T00:00:00Z', '2026-10-28T00:00:00Z'],
    ['Europe/Berlin', '2027-03-24T00:00:00Z', '2026-10-21T00:00:00Z'],
    ['Australia/Lord_Howe', '2026-09-30T00:00:00Z', '2027-03-31T00:00:00Z'],
    ['Pacific/Chatham', '2026-09-23T00:00:00Z', '2027-03-31T00:00:00Z'],
  ])('run exactly once per local day in %s', (tz, ...froms) => {
    for (const cron of ['30 1 * * *', '45 1 * * *', '15 2 * * *', '30 2 * * *', '0 3 * * *', '30 3 * * *']) {
      for (const from of froms) {
        const days = runs(tz, cron, from, 10).map((iso) => localDay(tz, Date.parse(iso)));
        expect(new Set(days).size).toBe(10);
        const span = (Date.parse(days[9]) - Date.parse(days[0])) / 86_400_000;
        expect(span).toBe(9);
      }
    }
  });
});
