/** A schedule as a client sends it. Every field is optional: an empty schedule means "run once, now". */
export interface ScheduleInput {
  /** Epoch milliseconds or an ISO 8601 string. */
  start_at?: number | string;
  /** 5 fields, or 6 with seconds first. */
  cron?: string;
  /** Interval in milliseconds. */
  every?: number;
  limit?: number;
  /** Epoch milliseconds or an ISO 8601 string. */
  endDate?: number | string;
  /** IANA time zone the cron fields are read in. */
  tz?: string;
}

/**
 * A validated schedule, as stored in the job's JSON column. All instants are epoch milliseconds, so
 * what was stored means the same thing whatever time zone the server runs in.
 */
export interface Schedule {
  /** No run before this. Never in the past at the time the schedule was accepted. */
  startAt: number;
  /** Trimmed, single-spaced expression: 5 fields, or 6 with seconds first. */
  cron?: string;
  /** Present exactly when `cron` is; `'UTC'` unless the client chose a zone. */
  tz?: string;
  /** Interval in milliseconds, at least 1000; runs fall on the grid `startAt + k * every`. */
  every?: number;
  /** Maximum number of runs, at least 1. */
  limit?: number;
  /** No run after this; a run exactly at `endDate` still happens. */
  endDate?: number;
}
