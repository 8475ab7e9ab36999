import { Injectable } from '@nestjs/common';
import type { CallbackChannelConfig } from '../../../resources/sections/notifications.section';
import { Delivery, deliverEach, failed } from '../delivery';
import { buildCallbackRequest, CallbackInput, callbackTarget } from './callback-request';
import type { ChannelRun } from './channel-run';
import { callProvider, failedReply } from './provider-http';

/** The webhook of a notification: one signed request carrying the occurrence id as `Idempotency-Key`. */
@Injectable()
export class CallbackChannel {
  send(run: ChannelRun, config: CallbackChannelConfig, input: CallbackInput): Promise<Delivery[]> {
    const target = callbackTarget(config);
    return deliverEach('callback', [target], run.ledger, async () => {
      let request;
      try {
        request = buildCallbackRequest(config, input, run.occurrenceId);
      } catch (error) {
        return failed(target, (error as Error).message, false);
      }
      const reply = await callProvider(request, run.timeoutMs, run.signal);
      return reply.ok ? { to: target, status: 'sent', http_status: reply.status } : failedReply(target, reply);
    });
  }
}
