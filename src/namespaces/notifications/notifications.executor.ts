import { Injectable } from '@nestjs/common';
import { ResourceRegistry, UnknownResourceError } from '../../resources';
import type { ExecutionContext, JobExecutor } from '../../scheduler/executor.interface';
import { NonRetryableError } from '../../scheduler/retry-policy';
import type { CallbackInput } from './channels/callback-request';
import { CallbackChannel } from './channels/callback.channel';
import type { ChannelRun } from './channels/channel-run';
import { EmailChannel } from './channels/email.channel';
import { PushChannel } from './channels/push.channel';
import { SmsChannel } from './channels/sms.channel';
import { Delivery, failed, NO_LEDGER, NotificationResult, summarizeFailures } from './delivery';
import { DeliveryLedger } from './delivery-ledger';
import { hideDerivedRecipients } from './derived-recipients';
import { channelProblem, resolveNotification, ResolvedNotification } from './notification-config';
import { renderEmail, renderPush, renderSms, TemplateParams } from './notification-templates';
import { Channel, CHANNELS, distinctRecipients, RecipientKind } from './recipients';

/** The stored input of a notification job (see `NotificationInputDto`). */
export interface NotificationInput {
  email?: { recipients: string[]; subject?: TemplateParams; template?: TemplateParams };
  push_notification?: { device_tokens: string[]; title?: TemplateParams; body?: TemplateParams; data?: Record<string, unknown> };
  sms?: { recipients: string[]; body?: TemplateParams };
  callback?: CallbackInput;
}

/** Some deliveries failed and a retry may get them through; `result` holds every recipient's outcome. */
export class NotificationDeliveryError extends Error {
  constructor(
    message: string,
    readonly result: NotificationResult,
  ) {
    super(message);
  }
}

/** Some deliveries failed and none of them can succeed on retry. */
export class NotificationRejectedError extends NonRetryableError {
  constructor(
    message: string,
    readonly result: NotificationResult,
  ) {
    super(message);
  }
}

/**
 * Sends one occurrence of a notification on every channel its input names, each channel and recipient on
 * its own: one failing does not stop the others. The occurrence completes when every delivery succeeded;
 * otherwise it fails, retryably when any failure is transient, and a retry sends only what is left.
 */
@Injectable()
export class NotificationsExecutor implements JobExecutor<NotificationInput, NotificationResult> {
  constructor(
    private readonly registry: ResourceRegistry,
    private readonly ledger: DeliveryLedger,
    private readonly email: EmailChannel,
    private readonly push: PushChannel,
    private readonly sms: SmsChannel,
    private readonly callback: CallbackChannel,
  ) {}

  async execute(ctx: ExecutionContext<NotificationInput>): Promise<NotificationResult> {
    const { job, input } = ctx;
    const resolved = this.resolve(job.product, job.env, job.target, job.event);
    const named = CHANNELS.filter((channel) => input[channel] != null);
    for (const channel of named) {
      const problem = channelProblem(resolved, channel, job.target, job.event);
      if (problem) throw new NonRetryableError(`${problem} (changed in the registry since dispatch)`);
    }
    const run: ChannelRun = {
      scope: `${job.product}/${job.env}/${job.target}`,
      occurrenceId: ctx.occurrenceId,
      signal: ctx.signal,
      timeoutMs: resolved.config.timeout,
      // Only a job that retries can send twice; others skip the bookkeeping.
      ledger: job.retries > 0 ? await this.ledger.open(ctx.occurrenceId) : NO_LEDGER,
    };
    const outcomes = await Promise.all(named.map(async (channel) => [channel, await this.sendOn(channel, run, resolved, input)] as const));
    const result = hideDerivedRecipients(job, Object.fromEntries(outcomes));
    const { failures, message } = summarizeFailures(result);
    if (failures.length === 0) return result;
    if (failures.some((failure) => failure.retryable)) throw new NotificationDeliveryError(message, result);
    throw new NotificationRejectedError(message, result);
  }

  private resolve(product: string, env: string, notification: string, event: string): ResolvedNotification {
    try {
      return resolveNotification(this.registry, product, env, notification, event);
    } catch (error) {
      if (error instanceof UnknownResourceError) throw new NonRetryableError(`${error.message} (removed from the registry since dispatch)`);
      throw error;
    }
  }

  private sendOn(channel: Channel, run: ChannelRun, { config, templates }: ResolvedNotification, input: NotificationInput): Promise<Delivery[]> {
    switch (channel) {
      case 'email': {
        const email = input.email!;
        const recipients = listOf('email', email.recipients);
        return rendered(recipients, () => renderEmail(templates.email!, email), (message) => this.email.send(run, config.email!, message, recipients));
      }
      case 'push_notification': {
        const push = input.push_notification!;
        const tokens = listOf('device_token', push.device_tokens);
        return rendered(tokens, () => renderPush(templates.push!, push), (message) => this.push.send(run, config.push!, message, push.data, tokens));
      }
      case 'sms': {
        const sms = input.sms!;
        const recipients = listOf('phone', sms.recipients);
        return rendered(recipients, () => renderSms(templates.sms!, sms), (message) => this.sms.send(run, config.sms!, message, recipients));
      }
      case 'callback':
        return this.callback.send(run, config.callback!, input.callback!);
    }
  }
}

/** The recipients of a channel as one run sends to them; a value an expression made other than text is kept to fail on its own. */
function listOf(kind: RecipientKind, values: unknown): string[] {
  return Array.isArray(values) ? distinctRecipients(kind, values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value) ?? ''))) : [];
}

/** A template that fails to render fails every recipient of its channel, for good: the same input renders the same. */
async function rendered<T>(recipients: string[], render: () => T, send: (message: T) => Promise<Delivery[]>): Promise<Delivery[]> {
  let message: T;
  try {
    message = render();
  } catch (error) {
    const reason = `template could not be rendered: ${(error as Error).message.split('\n')[0]}`;
    return recipients.map((to) => failed(to, reason, false));
  }
  return send(message);
}
