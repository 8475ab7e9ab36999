import type { Ledger } from '../delivery';

/** What every channel needs of the run it sends for. */
export interface ChannelRun {
  /** `<product>/<env>/<notification>`: what a reused connection belongs to. */
  scope: string;
  /** `<job_id>:<occurrence>`, passed on as an idempotency key where the provider takes one. */
  occurrenceId: string;
  signal: AbortSignal;
  /** Allowed to each provider call or SMTP exchange. */
  timeoutMs: number;
  ledger: Ledger;
}
