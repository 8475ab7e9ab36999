import { deliverBatches, Delivery, deliverEach, failed, Ledger, summarizeFailures } from './delivery';
import type { Channel } from './recipients';

function memoryLedger(done: string[] = []): Ledger & { recorded: string[] } {
  const recorded: string[] = [];
  const seen = new Set(done);
  return {
    recorded,
    has: (channel: Channel, to: string) => seen.has(`${channel}:${to}`),
    record: async (channel: Channel, to: string) => {
      seen.add(`${channel}:${to}`);
      recorded.push(`${channel}:${to}`);
    },
  };
}

describe('deliverEach', () => {
  it('skips recipients an earlier attempt reached, and records each new success', async () => {
    const ledger = memoryLedger(['sms:+1']);
    const sent: string[] = [];
    const outcome = await deliverEach('sms', ['+1', '+2', '+3'], ledger, async (to): Promise<Delivery> => {
      sent.push(to);
      return to === '+3' ? failed(to, 'HTTP 503', true) : { to, status: 'sent', id: `id-${to}` };
    });
    expect(sent.sort()).toEqual(['+2', '+3']);
    expect(outcome).toEqual([
      { to: '+1', status: 'already_sent' },
      { to: '+2', status: 'sent', id: 'id-+2' },
      { to: '+3', status: 'failed', error: 'HTTP 503', retryable: true },
    ]);
    expect(ledger.recorded).toEqual(['sms:+2']);
  });

  it('sends to at most five recipients at once', async () => {
    let running = 0;
    let peak = 0;
    const recipients = Array.from({ length: 12 }, (_, i) => `u${i}@shop.test`);
    await deliverEach('email', recipients, memoryLedger(), async (to): Promise<Delivery> => {
      peak = Math.max(peak, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return { to, status: 'sent' };
    });
    expect(peak).toBe(5);
  });
});

describe('deliverBatches', () => {
  it('splits pending recipients into batches and fails any the provider gave no outcome for', async () => {
    const batches: string[][] = [];
    const outcome = await deliverBatches('push_notification', ['a', 'b', 'c'], memoryLedger(), 2, async (batch) => {
      batches.push(batch);
      return batch.filter((t) => t !== 'c').map((to): Delivery => ({ to, status: 'sent' }));
    });
    expect(batches).toEqual([['a', 'b'], ['c']]);
    expect(outcome[2]).toEqual({ to: 'c', status: 'failed', error: 'the provider answered without an outcome for this recipient', retryable: false });
  });
});

describe('summarizeFailures', () => {
  it('counts every delivery and lists the first five failures', () => {
    const many = Array.from({ length: 7 }, (_, i) => failed(`+${i}`, 'HTTP 400', false));
    const { failures, total, message } = summarizeFailures({ email: [{ to: 'a@shop.test', status: 'sent' }], sms: many });
    expect(failures).toHaveLength(7);
    expect(total).toBe(8);
    expect(message).toBe('7 of 8 deliveries failed: sms +0: HTTP 400; sms +1: HTTP 400; sms +2: HTTP 400; sms +3: HTTP 400; sms +4: HTTP 400; and 2 more');
  });

  it('finds nothing to report when all went out', () => {
    expect(summarizeFailures({ callback: [{ to: 'POST https://h.test', status: 'already_sent' }] }).failures).toEqual([]);
  });
});
