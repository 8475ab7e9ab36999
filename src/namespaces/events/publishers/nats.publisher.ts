import { Logger } from '@nestjs/common';
import { connect, ConnectionOptions, headers as natsHeaders, NatsError } from 'nats';
import type { NatsBroker } from '../../../resources/sections/brokers.section';
import { BrokerConnection, errorText, Publisher, redactSecrets } from './publisher';

const logger = new Logger('NatsPublisher');

// JetStream API error codes (nats-server `server/errors.json`).
const STREAM_NOT_FOUND = 10059;
const WRONG_STREAM = 10060;

/**
 * NATS JetStream through nats.js. Each message is published with the occurrence id as `Nats-Msg-Id`, so
 * a retry after a lost acknowledgement is recognised by the stream as a duplicate, and with the broker's
 * stream as `Nats-Expected-Stream`, so a message never lands in another stream unnoticed. When the
 * registry lists `subjects`, a missing stream is created with them.
 */
export const natsPublisher: Publisher<NatsBroker> = {
  async open(broker, label) {
    const nc = await connect({ ...serverOptions(broker.url), timeout: broker.timeout, reconnect: false, name: `dispatch ${label}` });
    void nc.closed().then((error) => {
      if (error) logger.warn(`${label}: connection closed: ${redactSecrets(errorText(error), broker.url)}`);
    });
    try {
      const jsm = await nc.jetstreamManager({ timeout: broker.timeout });
      const js = jsm.jetstream();
      let ensured: Promise<void> | undefined;
      const ensureStream = (): Promise<void> => {
        const subjects = broker.subjects;
        if (!subjects) return Promise.resolve();
        ensured ??= jsm.streams.info(broker.stream).then(
          () => undefined,
          async (error: unknown) => {
            if ((error as NatsError).api_error?.err_code !== STREAM_NOT_FOUND) throw error;
            await jsm.streams.add({ name: broker.stream, subjects });
            logger.log(`${label}: created JetStream stream ${broker.stream}`);
          },
        );
        return ensured.catch((error: unknown) => {
          ensured = undefined;
          throw error;
        });
      };
      await ensureStream();
      return {
        get open() {
          return !nc.isClosed();
        },
        async publish(event) {
          await ensureStream();
          const h = natsHeaders();
          for (const [name, value] of Object.entries(event.headers)) h.set(name, value);
          if (!Object.keys(event.headers).some((name) => name.toLowerCase() === 'content-type')) h.set('Content-Type', event.contentType);
          try {
            const ack = await js.publish(event.event, event.body, {
              msgID: event.messageId,
              headers: h,
              expect: { streamName: broker.stream },
              timeout: broker.timeout,
            });
            return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate, subject: event.event };
          } catch (error) {
            if ((error as NatsError).code === '503') {
              // The stream may have been deleted since it was checked: look again on the next attempt.
              ensured = undefined;
              throw new Error(`no JetStream stream captures subject '${event.event}' (expected stream ${broker.stream})`);
            }
            throw error;
          }
        },
        async close() {
          if (!nc.isClosed()) await nc.close();
        },
      } satisfies BrokerConnection;
    } catch (error) {
      await nc.close().catch(() => undefined);
      throw error;
    }
  },

  isPermanent(error) {
    const natsError = error as NatsError;
    if (natsError.api_error?.err_code === WRONG_STREAM) return true;
    return natsError.code === 'MAX_PAYLOAD_EXCEEDED' || natsError.code === 'BAD_HEADER' || (typeof natsError.isAuthError === 'function' && natsError.isAuthError());
  },
};

/** nats.js takes credentials as options, not in the server URL: `nats://user:pass@host` or `nats://token@host`. */
function serverOptions(url: string): Pick<ConnectionOptions, 'servers' | 'user' | 'pass' | 'token'> {
  const parsed = new URL(url);
  const user = decodeURIComponent(parsed.username);
  const pass = decodeURIComponent(parsed.password);
  const servers = parsed.host;
  if (user && pass) return { servers, user, pass };
  if (user) return { servers, token: user };
  return { servers };
}
