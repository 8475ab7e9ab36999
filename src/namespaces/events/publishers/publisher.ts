import type { OutgoingEvent } from '../event-message';

/** What a publish reports for the run's result: where the message went (never the broker's URL). */
export type PublishDetails = Record<string, string | number | boolean>;

/** One open connection to one broker resource, shared by every attempt that publishes to it. */
export interface BrokerConnection {
  /** False once the connection dropped: the pool then opens a new one for the next attempt. */
  readonly open: boolean;
  /** Resolves when the broker has taken the message (confirm, ack, PUBACK, reply). */
  publish(event: OutgoingEvent): Promise<PublishDetails>;
  close(): Promise<void>;
}

/** Opens a connection to a broker of one type; `label` names it in logs and in the broker's own client list. */
export interface Publisher<B> {
  open(broker: B, label: string): Promise<BrokerConnection>;
  /** Failures that the same attempt would meet again: bad credentials, a config the broker refuses. */
  isPermanent(error: unknown): boolean;
}

/** Rejects when `ms` pass or `signal` aborts first; the work itself is left to settle on its own. */
export function withDeadline<T>(work: Promise<T>, ms: number, signal: AbortSignal, what: string): Promise<T> {
  if (signal.aborted) return Promise.reject(new Error(`${what} aborted: the service is shutting down`));
  return new Promise<T>((resolve, reject) => {
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      finish();
    };
    const timer = setTimeout(() => settle(() => reject(new Error(`${what} timed out after ${ms} ms`))), ms);
    const onAbort = () => settle(() => reject(new Error(`${what} aborted: the service is shutting down`)));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}

/** The URL without credentials, path or query: safe to show. */
export function safeUrl(url: string): string {
  if (!URL.canParse(url)) return '(invalid URL)';
  const { protocol, host } = new URL(url);
  return `${protocol}//${host}`;
}

/**
 * Removes a broker URL's secrets from a text that a client library produced. The URL itself, its password,
 * and a username given without a password (a token, as NATS reads it) are replaced wherever they appear.
 */
export function redactSecrets(text: string, url: string): string {
  if (url === '') return text;
  let out = text.split(url).join(safeUrl(url));
  if (!URL.canParse(url)) return out;
  const { username, password } = new URL(url);
  const secrets = password ? [password] : username ? [username] : [];
  for (const secret of secrets) {
    for (const form of new Set([secret, safeDecode(secret)])) if (form) out = out.split(form).join('***');
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The message of anything thrown, including errors that carry nothing but a code. Duck-typed: errors raised
 * by Node's own modules need not be instances of this realm's Error (as under a test runner's sandbox).
 */
export function errorText(error: unknown): string {
  if (typeof error !== 'object' || error === null) return String(error);
  const { message, code, errors } = error as { message?: unknown; code?: unknown; errors?: unknown };
  if (Array.isArray(errors) && errors.length > 0) return errors.map(errorText).join('; ');
  if (typeof message === 'string' && message !== '') return message;
  return code !== undefined ? String(code) : String(error);
}
