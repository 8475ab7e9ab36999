import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  /** RCPT TO of the envelope. */
  recipients: string[];
  /** The From header as `Name <address>`. */
  from: string;
  subject: string;
  html: string | undefined;
  text: string | undefined;
  messageId: string | undefined;
  headers: Map<string, unknown>;
  at: number;
}

/** Answers for a recipient: an SMTP error with its reply code, or undefined to accept. */
export type RcptRule = (address: string) => { code: number; message: string } | undefined;

/**
 * An SMTP server in the test process standing in for a mail relay: plain text on 127.0.0.1 at a random
 * port, any sender, no authentication, every message parsed and kept.
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  private rule: RcptRule = () => undefined;
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      const refusal = this.rule(address.address);
      if (!refusal) return callback();
      callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
    },
    onData: (stream, session, callback) => {
      simpleParser(stream)
        .then((mail) => {
          this.received.push({
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: (mail.from?.value ?? []).map((a) => `${a.name} <${a.address}>`).join(', '),
            subject: mail.subject ?? '',
            html: mail.html || undefined,
            text: mail.text,
            messageId: mail.messageId,
            headers: mail.headers,
            at: Date.now(),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });

  /** How RCPT TO answers from now on. */
  refuse(rule: RcptRule): void {
    this.rule = rule;
  }

  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.recipients.includes(address));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
