import type { ScheduleInput } from './schedule';
import type { Namespace } from './job-status';

/** A validated dispatch of any namespace, as the scheduler takes it. */
export interface DispatchRequest {
  namespace: Namespace;
  env: string;
  product: string;
  /** The resource acted on: app, broker, database… */
  target: string;
  /** The event, operation or feature tag. */
  event: string;
  input: Record<string, unknown>;
  retries?: number;
  schedule?: ScheduleInput;
  /** A cache tag of the product (`caches.<tag>`): identical runs within its TTL reuse one result. */
  cache?: string;
  /** Verified at dispatch; only the session's data is kept, encrypted. The token is never stored or logged. */
  session?: DispatchSession;
  /** Id of the API key that dispatched it; null when the service is open or the dispatch is not from HTTP. */
  apiKeyId?: string | null;
}

export interface DispatchSession {
  tag: string;
  token: string;
}

/** The answer to a dispatch (DESIGN §1). */
export interface DispatchResult {
  job_id: string;
  status: 'scheduled' | 'queued';
  scheduled_at: number;
  recurring: boolean;
  next_run_at?: number;
}

export interface IdempotencyContext {
  key: string;
  /** Who sent it: the API key's id, or `anonymous`. */
  scope: string;
  /** Hash of the namespace and the body, to tell a repeat from a reuse of the key. */
  requestHash: string;
}
