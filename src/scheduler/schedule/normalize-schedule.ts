import { InvalidScheduleError } from './invalid-schedule.error';
import type { Schedule, ScheduleInput } from './schedule.types';
import { firstRunAt, MAX_INSTANT, upcomingRuns, zoneCron } from './schedule-times';

const KNOWN_FIELDS: ReadonlySet<string> = new Set(['start_at', 'cron', 'every', 'limit', 'endDate', 'tz']);
const MIN_EVERY_MS = 1000;
/** The last instant a job row can hold: MariaDB's DATETIME (`next_run_at`) ends with the year 9999. */
export const MAX_STORED_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Echoed input is cut short so a pasted blob cannot bloat the error response. */
const MAX_ECHO = 60;

/**
 * Validates what a client sent and turns it into the stored form: epoch milliseconds, a start that is
 * not in the past, `tz` filled in for crons. Throws `InvalidScheduleError` naming the first bad field.
 * A field set to `null` counts as absent, as JSON clients often send it that way.
 */
export function normalizeSchedule(input: ScheduleInput | undefined | null, now: number): Schedule {
  if (input === undefined || input === null) return { startAt: now };
  if (typeof input !== 'object' || Array.isArray(input)) fail('schedule', `expected an object, got ${typeName(input)}`);
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    // An own property left undefined (a DTO's declared field) says nothing, so it is not a mistake.
    if (!KNOWN_FIELDS.has(key) && raw[key] !== undefined) fail(`schedule.${key}`, 'is not a known schedule field');
  }
  const given = (key: string): boolean => raw[key] !== undefined && raw[key] !== null;

  const startAt = given('start_at') ? Math.max(now, parseInstant('schedule.start_at', raw.start_at)) : now;
  const cron = given('cron') ? parseCronText(raw.cron) : undefined;
  if (given('every') && cron !== undefined) fail('schedule.every', 'cannot be combined with schedule.cron');
  const every = given('every') ? parseEvery(raw.every) : undefined;
  const recurring = cron !== undefined || every !== undefined;
  const tz = given('tz') ? parseTz(raw.tz, cron !== undefined) : cron !== undefined ? 'UTC' : undefined;
  const limit = given('limit') ? parseLimit(raw.limit, recurring) : undefined;
  const endDate = given('endDate') ? parseInstant('schedule.endDate', raw.endDate) : undefined;
  if (endDate !== undefined && !recurring) fail('schedule.endDate', 'only allowed with schedule.cron or schedule.every');

  const schedule: Schedule = { startAt };
  if (cron !== undefined) {
    schedule.cron = cron;
    schedule.tz = tz;
    checkZoneWorksWithCron(cron, tz as string, startAt);
  }
  if (every !== undefined) schedule.every = every;
  if (limit !== undefined) schedule.limit = limit;

  const first = firstRunAt(schedule);
  if (first === null) fail('schedule.cron', `never fires at or after ${iso(startAt)}`);
  if (first > MAX_STORED_INSTANT) fail('schedule.start_at', `first run ${iso(first)} is after ${iso(MAX_STORED_INSTANT)}, the last instant a job can be stored with`);
  if (endDate !== undefined) {
    if (endDate < now) fail('schedule.endDate', `is in the past (${iso(endDate)})`);
    if (endDate < first) fail('schedule.endDate', `is before the first run at ${iso(first)}`);
    schedule.endDate = endDate;
  }
  return schedule;
}

/** What the runs of a schedule would be if it were created at `from`; invalid input throws as on create. */
export function previewSchedule(input: ScheduleInput, from: number, count: number): number[] {
  return upcomingRuns(normalizeSchedule(input, from), from, count);
}

function fail(field: string, problem: string): never {
  throw new InvalidScheduleError(field, `${field}: ${problem}`);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function echo(text: string): string {
  return `'${text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text}'`;
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

function parseInstant(field: string, value: unknown): number {
  if (typeof value === 'string') return parseIsoInstant(field, value.trim());
  if (typeof value !== 'number') fail(field, `expected epoch milliseconds or an ISO 8601 string, got ${typeName(value)}`);
  if (!Number.isFinite(value)) fail(field, `expected epoch milliseconds or an ISO 8601 string, got ${value}`);
  if (Math.abs(value) > MAX_INSTANT) fail(field, `is out of range, got ${value}`);
  // Rounded up, as a run must never come before the instant that was asked for.
  return Math.ceil(value);
}

const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Only ISO 8601 is accepted, not whatever `Date.parse` happens to understand, and a date with a time
 * must say its offset: without one JavaScript would read it in the server's own zone. A bare date is
 * midnight UTC, as ECMAScript reads it. Checked by hand because V8 rolls 2026-02-30 over to March.
 */
function parseIsoInstant(field: string, text: string): number {
  const m = ISO_INSTANT.exec(text);
  if (m === null) fail(field, `expected an ISO 8601 date-time such as 2026-05-01T09:00:00Z, got ${echo(text)}`);
  const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', offset] = m;
  if (m[4] !== undefined && offset === undefined) fail(field, `needs 'Z' or a UTC offset such as +02:00, got ${echo(text)}`);
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number);
  const [offsetMinutes, offsetValid] = parseOffset(offset);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || s > 59 || !offsetValid) {
    fail(field, `is not a real date-time: ${echo(text)}`);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(y, mo - 1, d);
  wall.setUTCHours(h, mi, s, Math.ceil(Number(fraction.padEnd(9, '0')) / 1e6));
  return wall.getTime() - offsetMinutes * 60_000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseOffset(offset: string | undefined): [minutes: number, valid: boolean] {
  if (offset === undefined || offset.toUpperCase() === 'Z') return [0, true];
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return [sign * (hours * 60 + minutes), hours <= 23 && minutes <= 59];
}

function parseCronText(value: unknown): string {
  if (typeof value !== 'string') fail('schedule.cron', `expected a string, got ${typeName(value)}`);
  const fields = value.trim() === '' ? [] : value.trim().split(/\s+/);
  if (fields.length !== 5 && fields.length !== 6) {
    fail('schedule.cron', `expected 5 or 6 fields, got ${fields.length}`);
  }
  const pattern = fields.join(' ');
  try {
    zoneCron(pattern, 'UTC');
  } catch (error) {
    fail('schedule.cron', `cannot parse ${echo(pattern)}: ${cronerReason(error)}`);
  }
  return pattern;
}

function cronerReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const text = message.replace(/^CronPattern:\s*/, '').replace(/\.$/, '');
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function parseEvery(value: unknown): number {
  if (typeof value !== 'number') fail('schedule.every', `expected a number of milliseconds, got ${typeName(value)}`);
  if (!Number.isSafeInteger(value) || value < MIN_EVERY_MS) {
    fail('schedule.every', `must be a whole number of milliseconds >= ${MIN_EVERY_MS}, got ${value}`);
  }
  return value;
}

function parseLimit(value: unknown, recurring: boolean): number {
  if (typeof value !== 'number') fail('schedule.limit', `expected a number, got ${typeName(value)}`);
  if (!Number.isSafeInteger(value) || value < 1) fail('schedule.limit', `must be an integer >= 1, got ${value}`);
  if (!recurring) fail('schedule.limit', 'only allowed with schedule.cron or schedule.every');
  return value;
}

function parseTz(value: unknown, hasCron: boolean): string {
  if (typeof value !== 'string') fail('schedule.tz', `expected a string, got ${typeName(value)}`);
  if (!hasCron) fail('schedule.tz', 'only allowed with schedule.cron');
  const tz = value.trim();
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: tz });
  } catch {
    // Intl refuses a zone only with a RangeError, so any error here means the zone is unknown.
    fail('schedule.tz', `unknown time zone ${echo(tz)}`);
  }
  return tz;
}

/** Intl may know a zone that croner cannot work with; better to refuse it now than to fail at run time. */
function checkZoneWorksWithCron(cron: string, tz: string, startAt: number): void {
  try {
    zoneCron(cron, tz).nextRun(new Date(startAt));
  } catch (error) {
    fail('schedule.tz', `time zone ${echo(tz)} cannot be used with cron: ${cronerReason(error)}`);
  }
}
