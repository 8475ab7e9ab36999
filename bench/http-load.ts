import autocannon from 'autocannon';

export interface HttpLoad {
  ok: number;
  failed: number;
  ms: number;
  latencyP99: number;
  statuses: string;
}

/** The key the bench's service is started with (`API_KEYS`), sent with every dispatch. */
export const BENCH_API_KEY = 'bench-api-key-0123456789abcdef';

const running = new Set<{ stop(): void }>();

/** Stops any load in flight, for the SIGINT path. */
export function stopHttpLoads(): void {
  for (const instance of running) instance.stop();
  running.clear();
}

/** `amount` dispatches over `connections` keep-alive connections, one request in flight on each. */
export async function fireDispatches(baseUrl: string, amount: number, connections: number, schedule?: Record<string, unknown>): Promise<HttpLoad> {
  const body = JSON.stringify({ env: 'prd', product: 'shop', app: 'mailer', event: 'ping', ...(schedule ? { schedule } : {}) });
  const started = performance.now();
  const instance = autocannon({
    url: `${baseUrl}/actions/dispatch`,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${BENCH_API_KEY}` },
    body,
    connections,
    pipelining: 1,
    amount,
    // It resolves at the first sample after the last response; the default second would leave the
    // processes idle for up to that long inside the time the CPU meters divide by.
    sampleInt: 20,
    timeout: 30,
  });
  // With `amount`, autocannon resolves only at its next sample, so its own duration is rounded up to
  // whole samples; the load ends with its last response.
  let lastResponseAt = started;
  instance.on('response', () => {
    lastResponseAt = performance.now();
  });
  running.add(instance);
  try {
    const result = await instance;
    const ms = lastResponseAt - started;
    const statuses = Object.entries(result.statusCodeStats).map(([code, s]) => `${code}×${s.count}`).join(' ');
    return { ok: result['2xx'], failed: result.non2xx + result.errors + result.timeouts, ms, latencyP99: result.latency.p99, statuses };
  } finally {
    running.delete(instance);
  }
}
