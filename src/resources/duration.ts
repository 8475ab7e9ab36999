const UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

// Units are lower case only: accepting `M` would invite confusion between minutes and months.
const DURATION_PATTERN = /^(\d+)(ms|s|m|h|d)?$/;

/**
 * Reads a duration as written in the registry or a request: a whole number of milliseconds, or a
 * digit string with an optional unit (`"500ms"`, `"30s"`, `"5m"`, `"1h"`, `"7d"`).
 * Returns milliseconds; throws on anything else, including fractions and negative numbers.
 */
export function parseDuration(value: unknown): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
  } else if (typeof value === 'string') {
    const match = DURATION_PATTERN.exec(value.trim());
    if (match) {
      const ms = Number(match[1]) * UNIT_MS[match[2] ?? 'ms'];
      if (Number.isSafeInteger(ms)) return ms;
    }
  }
  // The value itself is left out: durations may come from substituted environment variables.
  throw new Error('Invalid duration: expected milliseconds or a string such as "500ms", "30s", "5m", "1h" or "7d"');
}
