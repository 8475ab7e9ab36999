import { ArgumentError, describeKind } from './values';

/**
 * Date arithmetic for `$DateAdd` and the wall-clock reading `$Format` needs, on the platform's Intl
 * time-zone data. Without a zone everything is UTC, which never shifts.
 */

export const DATE_UNITS = ['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years'] as const;
export type DateUnit = (typeof DATE_UNITS)[number];

const FIXED_UNIT_MS: Partial<Record<DateUnit, number>> = { seconds: 1_000, minutes: 60_000, hours: 3_600_000 };
const DAY_MS = 86_400_000;
/** The range of a JavaScript Date. */
const MAX_DATE_MS = 8.64e15;

/** A wall-clock reading: month 0-11, like Date. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

// "2026-01-31", "2026-01-31T10:00", "2026-01-31T10:00:00.123+02:00", "…Z"
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * A date argument: a Date, epoch milliseconds, or ISO 8601 text. ISO text without an offset is read
 * as UTC, so the server's own zone never changes a result.
 */
export function asDate(value: unknown, what: string): Date {
  let ms = NaN;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    const match = ISO_DATE.exec(value.trim());
    if (match) {
      const text = value.trim().replace(' ', 'T');
      ms = Date.parse(match[1] || !text.includes('T') ? text : `${text}Z`);
    }
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) {
    throw new ArgumentError(`${what} must be a date (ISO 8601 text or epoch milliseconds), got ${describeKind(value)}`);
  }
  return new Date(ms);
}

export function asUnit(value: unknown, what: string): DateUnit {
  const unit = typeof value === 'string' && !value.endsWith('s') ? `${value}s` : value;
  if (typeof unit === 'string' && (DATE_UNITS as readonly string[]).includes(unit)) return unit as DateUnit;
  throw new ArgumentError(`${what} must be one of ${DATE_UNITS.join(', ')}`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        era: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** An IANA zone name (`Europe/Paris`) or `UTC`; checked against the platform's zone data. */
export function asZone(value: unknown, what: string): string {
  if (typeof value === 'string' && value !== '' && formatterFor(value)) return value;
  throw new ArgumentError(`${what} must be an IANA time zone such as "Europe/Paris" or "UTC"`);
}

/** Epoch ms of a wall time read as UTC; unlike Date.UTC, years 0-99 stay themselves. */
export function utcMs(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** The wall clock of `ms` in `zone` (UTC when absent). */
export function wallTime(ms: number, zone?: string): WallTime {
  const millisecond = ((ms % 1000) + 1000) % 1000;
  if (!zone) {
    const d = new Date(ms);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth(), day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), millisecond };
  }
  const parts: Record<string, string> = {};
  for (const part of (formatterFor(zone) as Intl.DateTimeFormat).formatToParts(ms)) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond,
  };
}

/** How far `zone`'s wall clock is ahead of UTC at `ms`. */
export function zoneOffsetMs(ms: number, zone?: string): number {
  if (!zone) return 0;
  const wall = wallTime(ms, zone);
  return utcMs(wall) - ms;
}

/**
 * The instant a wall time names in `zone`. Where the zone's clocks jump forward and the wall time
 * never happens, the answer moves forward by the size of the jump (02:30 in a 02:00→03:00 change is
 * 03:30); where they fall back and it happens twice, the earlier instant wins. These are the rules
 * of ISO date libraries (Temporal's "compatible"), so a day added to 02:30 never lands before 03:00.
 */
export function instantOf(wall: WallTime, zone?: string): number {
  const local = utcMs(wall);
  if (!zone) return local;
  const before = zoneOffsetMs(local - DAY_MS, zone);
  const after = zoneOffsetMs(local + DAY_MS, zone);
  const early = local - before;
  if (before === after) return early;
  const late = local - after;
  const earlyFits = zoneOffsetMs(early, zone) === before;
  const lateFits = zoneOffsetMs(late, zone) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (lateFits) return late;
  // Either only `early` fits, or the wall time falls in a gap, where `early` is the shifted instant.
  return early;
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs({ year, month: month + 1, day: 0, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDate();
}

/**
 * `date` moved by `amount` units. Seconds to hours are elapsed time. Days and weeks keep the wall
 * clock time in `zone` (or UTC); months and years also keep the day of the month, clamped to the
 * month's last day: Jan 31 + 1 month is Feb 28, or Feb 29 in a leap year.
 */
export function dateAdd(date: Date, amount: number, unit: DateUnit, zone?: string): Date {
  const fixed = FIXED_UNIT_MS[unit];
  let ms: number;
  if (fixed !== undefined) {
    ms = date.getTime() + amount * fixed;
  } else {
    const wall = wallTime(date.getTime(), zone);
    if (unit === 'days' || unit === 'weeks') {
      wall.day += amount * (unit === 'weeks' ? 7 : 1);
    } else {
      const months = wall.year * 12 + wall.month + amount * (unit === 'years' ? 12 : 1);
      wall.year = Math.floor(months / 12);
      wall.month = months - wall.year * 12;
      wall.day = Math.min(wall.day, daysInMonth(wall.year, wall.month));
    }
    ms = Math.abs(wall.year) > 300_000 ? NaN : instantOf(wall, zone);
  }
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) throw new ArgumentError('the resulting date is out of range');
  return new Date(ms);
}
