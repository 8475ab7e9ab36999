import { Logger } from '@nestjs/common';
import { connect } from 'amqplib';
import type { RabbitmqBroker } from '../../../resources/sections/brokers.section';
import { BrokerConnection, errorText, Publisher, redactSecrets } from './publisher';

const logger = new Logger('RabbitmqPublisher');

// AMQP reply codes a retry cannot fix: access refused, not found, precondition failed (an exchange
// declared with another type), not allowed.
const PERMANENT_CODES = new Set([403, 404, 406, 530]);

/**
 * RabbitMQ through amqplib: one connection and one confirm channel per broker resource. The exchange is
 * declared durable on open (a no-op when it exists alike); each message is persistent, routed by the
 * event, and the publish resolves when the broker confirms it.
 */
export const rabbitmqPublisher: Publisher<RabbitmqBroker> = {
  async open(broker, label) {
    const model = await connect(broker.url, { timeout: broker.timeout, clientProperties: { connection_name: `dispatch ${label}` } });
    let open = true;
    model.on('error', (error: Error) => logger.warn(`${label}: ${redactSecrets(errorText(error), broker.url)}`));
    model.on('close', () => (open = false));
    try {
      const channel = await model.createConfirmChannel();
      channel.on('error', (error: Error) => logger.warn(`${label}: channel closed: ${redactSecrets(errorText(error), broker.url)}`));
      // A channel closed by the broker takes every later publish with it: drop the connection so that
      // the next attempt opens a fresh one.
      channel.on('close', () => {
        if (!open) return;
        open = false;
        model.close().catch(() => undefined);
      });
      await channel.assertExchange(broker.exchange, broker.exchange_type, { durable: true });
      return {
        get open() {
          return open;
        },
        publish: (event) =>
          new Promise((resolve, reject) => {
            channel.publish(
              broker.exchange,
              event.event,
              event.body,
              {
                persistent: true,
                messageId: event.messageId,
                contentType: event.contentType,
                headers: event.headers,
                timestamp: Math.floor(Date.now() / 1000),
                appId: 'dispatch',
              },
              (error: unknown) =>
                error ? reject(new Error('the broker refused the message (nack)')) : resolve({ exchange: broker.exchange, routing_key: event.event }),
            );
          }),
        async close() {
          if (!open) return;
          open = false;
          await model.close();
        },
      } satisfies BrokerConnection;
    } catch (error) {
      open = false;
      await model.close().catch(() => undefined);
      throw error;
    }
  },

  isPermanent(error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number' && PERMANENT_CODES.has(code)) return true;
    // A refused login ends the handshake with no code on the error, only in its text.
    return /ACCESS[-_]REFUSED/.test(errorText(error));
  },
};
