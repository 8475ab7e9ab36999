import type { Channel } from './recipients';

/**
 * `sent`: delivered to the provider in this attempt. `already_sent`: delivered by an earlier attempt
 * of the same occurrence, so not sent again. `failed`: not delivered; `retryable` says whether a later
 * attempt may succeed.
 */
export type DeliveryStatus = 'sent' | 'already_sent' | 'failed';

/** The outcome for one recipient of one channel, as the run result records it. */
export interface Delivery {
  /** The address, phone number or device token; for a callback, its method and origin. */
  to: string;
  status: DeliveryStatus;
  /** The provider's id: SMTP Message-ID, Expo ticket id, FCM message name, Twilio SID. */
  id?: string;
  http_status?: number;
  smtp_code?: number;
  error?: string;
  retryable?: boolean;
}

/** The run result of a notification: per channel of the input, one entry per recipient. */
export type NotificationResult = Partial<Record<Channel, Delivery[]>>;

export function failed(to: string, error: string, retryable: boolean, extra: Partial<Delivery> = {}): Delivery {
  return { to, status: 'failed', ...extra, error, retryable };
}

/** What a channel remembers of the deliveries of one occurrence, across its attempts. */
export interface Ledger {
  has(channel: Channel, to: string): boolean;
  record(channel: Channel, to: string): Promise<void>;
}

/** For jobs that will not retry: nothing to remember. */
export const NO_LEDGER: Ledger = { has: () => false, record: async () => undefined };

/** Recipient-by-recipient channels send to at most this many at once, the size of the SMTP pool. */
export const SEND_CONCURRENCY = 5;

/**
 * Sends to each recipient not delivered by an earlier attempt, a few at a time, and records each success
 * as soon as it happens, so a crash or failure later in the run does not make a retry send it again.
 */
export async function deliverEach(channel: Channel, recipients: readonly string[], ledger: Ledger, sendOne: (to: string) => Promise<Delivery>): Promise<Delivery[]> {
  return deliverBatches(channel, recipients, ledger, 1, async ([to]) => [await sendOne(to)], SEND_CONCURRENCY);
}

/** As `deliverEach`, for providers that take several recipients in one request (`size` at most). */
export async function deliverBatches(
  channel: Channel,
  recipients: readonly string[],
  ledger: Ledger,
  size: number,
  sendBatch: (batch: string[]) => Promise<Delivery[]>,
  concurrency = 1,
): Promise<Delivery[]> {
  const earlier = new Set(recipients.filter((to) => ledger.has(channel, to)));
  const pending = recipients.filter((to) => !earlier.has(to));
  const batches: string[][] = [];
  for (let i = 0; i < pending.length; i += size) batches.push(pending.slice(i, i + size));
  const outcomes = new Map<string, Delivery>();
  await eachLimit(batches, concurrency, async (batch) => {
    for (const delivery of await sendBatch(batch)) {
      if (delivery.status === 'sent') await ledger.record(channel, delivery.to);
      outcomes.set(delivery.to, delivery);
    }
  });
  return recipients.map((to) => {
    if (earlier.has(to)) return { to, status: 'already_sent' };
    return outcomes.get(to) ?? failed(to, 'the provider answered without an outcome for this recipient', false);
  });
}

async function eachLimit<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Every recipient of every channel failed or not, and a one-line account of the failures for the run's error. */
export function summarizeFailures(result: NotificationResult): { failures: Array<Delivery & { channel: Channel }>; total: number; message: string } {
  const entries = Object.entries(result) as Array<[Channel, Delivery[]]>;
  const total = entries.reduce((n, [, deliveries]) => n + deliveries.length, 0);
  const failures = entries.flatMap(([channel, deliveries]) => deliveries.filter((d) => d.status === 'failed').map((d) => ({ ...d, channel })));
  const shown = failures.slice(0, 5).map((f) => `${f.channel} ${f.to}: ${f.error ?? 'not delivered'}`);
  const more = failures.length > shown.length ? `; and ${failures.length - shown.length} more` : '';
  return { failures, total, message: `${failures.length} of ${total} deliveries failed: ${shown.join('; ')}${more}` };
}
