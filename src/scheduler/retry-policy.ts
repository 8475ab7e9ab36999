/** A failure that the same attempt cannot fix by running again: bad input, a 4xx, a missing resource. */
export class NonRetryableError extends Error {
  readonly retryable = false;
}

const INITIAL_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/**
 * Delay before the retry that follows `failedAttempts` failures: 1 s, 2 s, 4 s … capped at 5 min.
 * Half the delay is random ("equal jitter") so that many jobs failing together do not retry together.
 */
export function retryDelayMs(failedAttempts: number, random: () => number = Math.random): number {
  const exponent = Math.max(0, failedAttempts - 1);
  const base = Math.min(MAX_DELAY_MS, INITIAL_DELAY_MS * 2 ** Math.min(exponent, 30));
  return Math.round(base / 2 + random() * (base / 2));
}

export function isRetryable(error: unknown): boolean {
  return !(error instanceof NonRetryableError);
}
