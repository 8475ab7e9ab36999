/**
 * Rejects when `promise` has not settled within `ms`. For clients that queue commands while
 * disconnected (ioredis): a caller that must not hang on a service that is down bounds its wait with it.
 */
export async function withTimeout<T>(promise: Promise<T>, ms: number, service: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${service} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
