import { utcMs, wallTime, zoneOffsetMs } from './dates';

/**
 * `$Format(date, pattern[, zone])`. Tokens (the usual Moment/Day.js letters), read longest first:
 *
 * | token | gives | | token | gives |
 * |---|---|---|---|---|
 * | `YYYY` | 2026 | | `HH` / `H` | 09 / 9 (00-23) |
 * | `YY` | 26 | | `hh` / `h` | 09 / 9 (01-12) |
 * | `MMMM` / `MMM` | January / Jan | | `A` / `a` | AM / am |
 * | `MM` / `M` | 01 / 1 | | `mm` / `m` | 05 / 5 |
 * | `DD` / `D` | 07 / 7 | | `ss` / `s` | 03 / 3 |
 * | `dddd` / `ddd` | Monday / Mon | | `SSS` | 045 (milliseconds) |
 * | `Z` / `ZZ` | +02:00 / +0200 | | `X` / `x` | epoch seconds / milliseconds |
 *
 * Text in square brackets is copied as is (`[at] HH:mm`); any other character is kept. Names are in
 * English; the wall clock is UTC unless a zone is given.
 */

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const TOKENS = /\[([^\]]*)\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|SSS|A|a|ZZ|Z|X|x/g;

const pad = (value: number, width = 2): string => {
  const text = String(Math.abs(value)).padStart(width, '0');
  return value < 0 ? `-${text}` : text;
};

function offsetText(offsetMs: number, colon: boolean): string {
  const minutes = Math.round(Math.abs(offsetMs) / 60_000);
  const sign = offsetMs < 0 ? '-' : '+';
  return `${sign}${pad(Math.floor(minutes / 60))}${colon ? ':' : ''}${pad(minutes % 60)}`;
}

export function formatDate(date: Date, pattern: string, zone?: string): string {
  const ms = date.getTime();
  const wall = wallTime(ms, zone);
  const weekday = new Date(utcMs({ ...wall, hour: 0, minute: 0, second: 0, millisecond: 0 })).getUTCDay();
  const hour12 = wall.hour % 12 === 0 ? 12 : wall.hour % 12;
  return pattern.replace(TOKENS, (token: string, literal: string | undefined) => {
    if (literal !== undefined) return literal;
    switch (token) {
      case 'YYYY': return pad(wall.year, 4);
      case 'YY': return pad(((wall.year % 100) + 100) % 100);
      case 'MMMM': return MONTHS[wall.month];
      case 'MMM': return MONTHS[wall.month].slice(0, 3);
      case 'MM': return pad(wall.month + 1);
      case 'M': return String(wall.month + 1);
      case 'DD': return pad(wall.day);
      case 'D': return String(wall.day);
      case 'dddd': return WEEKDAYS[weekday];
      case 'ddd': return WEEKDAYS[weekday].slice(0, 3);
      case 'HH': return pad(wall.hour);
      case 'H': return String(wall.hour);
      case 'hh': return pad(hour12);
      case 'h': return String(hour12);
      case 'A': return wall.hour < 12 ? 'AM' : 'PM';
      case 'a': return wall.hour < 12 ? 'am' : 'pm';
      case 'mm': return pad(wall.minute);
      case 'm': return String(wall.minute);
      case 'ss': return pad(wall.second);
      case 's': return String(wall.second);
      case 'SSS': return pad(wall.millisecond, 3);
      case 'Z': return offsetText(zoneOffsetMs(ms, zone), true);
      case 'ZZ': return offsetText(zoneOffsetMs(ms, zone), false);
      case 'X': return String(Math.floor(ms / 1000));
      default: return String(ms); // 'x'
    }
  });
}
