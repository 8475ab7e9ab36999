import { Injectable } from '@nestjs/common';
import type { PushChannelConfig } from '../../../resources/sections/notifications.section';
import { deliverBatches, Delivery, deliverEach, failed } from '../delivery';
import type { RenderedPush } from '../notification-templates';
import { RECIPIENT_RULES } from '../recipients';
import type { ChannelRun } from './channel-run';
import { callProvider, failedReply, ProviderRequest, truncate } from './provider-http';

/** Expo takes at most 100 messages per request. */
export const EXPO_BATCH_SIZE = 100;
/** Expo ticket errors that a later attempt may get past; the others (DeviceNotRegistered, MessageTooBig…) are final. */
const EXPO_RETRYABLE_ERRORS = new Set(['MessageRateExceeded']);

export type PushData = Record<string, unknown>;

/**
 * Push notifications through an Expo-style API (one JSON request per 100 tokens, a ticket per token in
 * the answer) or an FCM-style API (one JSON request per token). Calls go to the registry's URL only.
 */
@Injectable()
export class PushChannel {
  send(run: ChannelRun, config: PushChannelConfig, message: RenderedPush, data: PushData | undefined, tokens: readonly string[]): Promise<Delivery[]> {
    if (config.provider === 'fcm') {
      return deliverEach('push_notification', tokens, run.ledger, async (token) => {
        if (!RECIPIENT_RULES.device_token.accepts(token)) return failed(token, 'is not a device token', false);
        const reply = await callProvider(buildFcmRequest(config, message, data, token), run.timeoutMs, run.signal);
        if (!reply.ok) return failedReply(token, reply);
        const name = (reply.body as { name?: unknown } | undefined)?.name;
        return { to: token, status: 'sent', http_status: reply.status, ...(typeof name === 'string' && { id: name }) };
      });
    }
    return deliverBatches('push_notification', tokens, run.ledger, EXPO_BATCH_SIZE, async (batch) => {
      const valid = batch.filter((token) => RECIPIENT_RULES.device_token.accepts(token));
      const invalid = batch.filter((token) => !valid.includes(token)).map((token) => failed(token, 'is not a device token', false));
      if (valid.length === 0) return invalid;
      const reply = await callProvider(buildExpoRequest(config, message, data, valid), run.timeoutMs, run.signal);
      if (!reply.ok) return [...invalid, ...valid.map((token) => failedReply(token, reply))];
      return [...invalid, ...readExpoTickets(reply.body, valid, reply.status)];
    });
  }
}

function bearer(config: PushChannelConfig): Record<string, string> {
  return config.token ? { authorization: `Bearer ${config.token}` } : {};
}

export function buildExpoRequest(config: PushChannelConfig, message: RenderedPush, data: PushData | undefined, tokens: readonly string[]): ProviderRequest {
  const messages = tokens.map((to) => ({ to, ...message, ...(data !== undefined && { data }) }));
  return {
    method: 'POST',
    url: config.url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...bearer(config) },
    body: JSON.stringify(messages),
  };
}

/** Expo answers 200 with one ticket per message, in order; a ticket may itself be an error. */
export function readExpoTickets(body: unknown, tokens: readonly string[], status: number): Delivery[] {
  const tickets = (body as { data?: unknown } | undefined)?.data;
  return tokens.map((token, index) => {
    const ticket = Array.isArray(tickets) ? (tickets[index] as { status?: unknown; id?: unknown; message?: unknown; details?: { error?: unknown } } | undefined) : undefined;
    if (ticket?.status === 'ok') return { to: token, status: 'sent', http_status: status, ...(typeof ticket.id === 'string' && { id: ticket.id }) };
    if (ticket?.status === 'error') {
      const code = typeof ticket.details?.error === 'string' ? ticket.details.error : undefined;
      const text = typeof ticket.message === 'string' ? truncate(ticket.message) : 'rejected by the provider';
      return failed(token, code ? `${code}: ${text}` : text, code !== undefined && EXPO_RETRYABLE_ERRORS.has(code), { http_status: status });
    }
    // The request went through, so the message may be on its way: sending it again could duplicate it.
    return failed(token, 'the provider answered without a ticket for this token', false, { http_status: status });
  });
}

/** FCM data values must be strings: others are sent as JSON text. */
export function buildFcmRequest(config: PushChannelConfig, message: RenderedPush, data: PushData | undefined, token: string): ProviderRequest {
  const stringData = data && Object.fromEntries(Object.entries(data).map(([key, value]) => [key, typeof value === 'string' ? value : JSON.stringify(value)]));
  return {
    method: 'POST',
    url: config.url,
    headers: { 'content-type': 'application/json', accept: 'application/json', ...bearer(config) },
    body: JSON.stringify({ message: { token, notification: message, ...(stringData && { data: stringData }) } }),
  };
}
