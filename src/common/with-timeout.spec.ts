import { withTimeout } from './with-timeout';

describe('withTimeout', () => {
  it('answers what the promise answers in time', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, 'Redis')).resolves.toBe(7);
    await expect(withTimeout(Promise.reject(new Error('boom')), 1000, 'Redis')).rejects.toThrow('boom');
  });

  it('rejects naming the service when the promise does not settle in time', async () => {
    await expect(withTimeout(new Promise(() => undefined), 20, 'Redis')).rejects.toThrow('Redis did not answer within 20 ms');
  });
});
