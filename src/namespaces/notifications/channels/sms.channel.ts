import { Injectable } from '@nestjs/common';
import type { SmsChannelConfig } from '../../../resources/sections/notifications.section';
import { Delivery, deliverEach, failed } from '../delivery';
import type { RenderedSms } from '../notification-templates';
import { RECIPIENT_RULES } from '../recipients';
import type { ChannelRun } from './channel-run';
import { callProvider, failedReply, ProviderRequest } from './provider-http';

/** SMS through a Twilio-style API: one form-encoded request per recipient, to the registry's URL only. */
@Injectable()
export class SmsChannel {
  send(run: ChannelRun, config: SmsChannelConfig, message: RenderedSms, recipients: readonly string[]): Promise<Delivery[]> {
    return deliverEach('sms', recipients, run.ledger, async (to) => {
      if (!RECIPIENT_RULES.phone.accepts(to)) return failed(to, `is not ${RECIPIENT_RULES.phone.describe}`, false);
      const reply = await callProvider(buildTwilioRequest(config, message, to), run.timeoutMs, run.signal);
      if (!reply.ok) return failedReply(to, reply);
      const sid = (reply.body as { sid?: unknown } | undefined)?.sid;
      return { to, status: 'sent', http_status: reply.status, ...(typeof sid === 'string' && { id: sid }) };
    });
  }
}

/** `POST {url}/2010-04-01/Accounts/{account}/Messages.json` with basic auth `account:token`. */
export function buildTwilioRequest(config: SmsChannelConfig, message: RenderedSms, to: string): ProviderRequest {
  const base = config.url.replace(/\/+$/, '');
  return {
    method: 'POST',
    url: `${base}/2010-04-01/Accounts/${encodeURIComponent(config.account)}/Messages.json`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      authorization: `Basic ${Buffer.from(`${config.account}:${config.token}`).toString('base64')}`,
    },
    body: new URLSearchParams({ To: to, From: config.from, Body: message.body }).toString(),
  };
}
