import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { createTransport } from 'nodemailer';
import type { EmailChannelConfig } from '../../../resources/sections/notifications.section';
import { Delivery, deliverEach, failed } from '../delivery';
import type { RenderedEmail } from '../notification-templates';
import { RECIPIENT_RULES } from '../recipients';
import type { ChannelRun } from './channel-run';
import { truncate } from './provider-http';

type Transport = ReturnType<typeof createPool>;

/** SMTP replies that name a problem a retry cannot fix without a reply code: bad envelope, bad message, bad setup. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ECONFIG', 'ENOAUTH', 'EREQUIRETLS', 'EMAXRECIPIENTS']);

/**
 * Email over SMTP with nodemailer: one message per recipient, so that recipients do not see each other
 * and each has its own outcome. One pooled transport per product, env and notification, reused across
 * runs and closed when the application shuts down.
 */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transports = new Map<string, { settings: string; transport: Transport }>();

  send(run: ChannelRun, config: EmailChannelConfig, message: RenderedEmail, recipients: readonly string[]): Promise<Delivery[]> {
    const transport = this.transport(run.scope, config, run.timeoutMs);
    return deliverEach('email', recipients, run.ledger, async (to) => {
      if (!RECIPIENT_RULES.email.accepts(to)) return failed(to, 'is not an email address', false);
      try {
        const info = await transport.sendMail({
          from: config.from,
          to,
          subject: message.subject,
          html: message.html,
          text: message.text ?? (message.html === undefined ? '' : undefined),
          // The same id on every attempt lets receiving servers and clients drop a repeat as a duplicate.
          messageId: messageIdFor(run.occurrenceId, to, config.from),
          signal: run.signal,
        });
        return { to, status: 'sent', id: info.messageId };
      } catch (error) {
        return smtpFailure(to, error);
      }
    });
  }

  onApplicationShutdown(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
  }

  private transport(scope: string, config: EmailChannelConfig, timeoutMs: number): Transport {
    const settings = `${config.smtp}\u0000${config.starttls}\u0000${timeoutMs}`;
    const existing = this.transports.get(scope);
    if (existing?.settings === settings) return existing.transport;
    existing?.transport.close();
    const transport = createPool(config, timeoutMs);
    this.transports.set(scope, { settings, transport });
    return transport;
  }
}

/** Transport options from the registry's URL: `smtps:` is TLS from the first byte, `smtp:` plain with STARTTLS per `starttls`. */
function createPool(config: EmailChannelConfig, timeoutMs: number) {
  const url = new URL(config.smtp);
  const secure = url.protocol === 'smtps:';
  return createTransport({
    pool: true,
    maxConnections: 5,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ignoreTLS: !secure && config.starttls === 'off',
    requireTLS: !secure && config.starttls === 'required',
    auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    // nodemailer's logger would print the SMTP dialogue, credentials included.
    logger: false,
    debug: false,
  });
}

/** `<hash@domain of From>`: stable for an occurrence and a recipient. */
export function messageIdFor(occurrenceId: string, to: string, from: string): string {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from.trim();
  const domain = address.slice(address.lastIndexOf('@') + 1) || 'dispatch.invalid';
  const hash = createHash('sha256').update(`${occurrenceId}\n${to.toLowerCase()}`).digest('hex').slice(0, 32);
  return `<${hash}@${domain}>`;
}

/** A 5xx reply is final, a 4xx reply transient; without a reply code, only setup and message errors are final. */
export function smtpFailure(to: string, error: unknown): Delivery {
  const e = error as { responseCode?: number; code?: string; response?: string; message?: string };
  const retryable = e.responseCode !== undefined ? e.responseCode < 500 : !PERMANENT_CODES.has(e.code ?? '');
  const text = truncate((e.response ?? e.message ?? String(error)).replace(/\s+/g, ' ').trim());
  return failed(to, text, retryable, e.responseCode !== undefined ? { smtp_code: e.responseCode } : {});
}
