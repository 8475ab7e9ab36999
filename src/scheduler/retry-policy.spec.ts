import { isRetryable, NonRetryableError, retryDelayMs } from './retry-policy';

describe('retryDelayMs', () => {
  it.each([
    [1, 500, 1_000],
    [2, 1_000, 2_000],
    [3, 2_000, 4_000],
    [9, 128_000, 256_000],
    [10, 150_000, 300_000],
    [50, 150_000, 300_000],
  ])('after %i failures waits between %i and %i ms', (failures, min, max) => {
    expect(retryDelayMs(failures, () => 0)).toBe(min);
    expect(retryDelayMs(failures, () => 1)).toBe(max);
    const sampled = retryDelayMs(failures);
    expect(sampled).toBeGreaterThanOrEqual(min);
    expect(sampled).toBeLessThanOrEqual(max);
  });

  it('never exceeds five minutes', () => {
    for (let n = 1; n < 200; n++) expect(retryDelayMs(n)).toBeLessThanOrEqual(300_000);
  });
});

describe('isRetryable', () => {
  it('retries ordinary errors and not NonRetryableError', () => {
    expect(isRetryable(new Error('ECONNRESET'))).toBe(true);
    expect(isRetryable(new NonRetryableError('HTTP 400'))).toBe(false);
  });
});
