import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import type { RedisBroker } from '../../../resources/sections/brokers.section';
import { BrokerConnection, errorText, Publisher, PublishDetails, redactSecrets } from './publisher';

const logger = new Logger('RedisPublisher');

/**
 * Redis through ioredis. `stream` mode appends an entry `{message, content_type, headers}` to the stream
 * `prefix + event` (trimmed to about `maxlen`); `pubsub` mode publishes a JSON envelope
 * `{message, headers}` on the channel `prefix + event`, since a pub/sub message has no headers of its own.
 */
export const redisPublisher: Publisher<RedisBroker> = {
  async open(broker, label) {
    let lastError: Error | undefined;
    const client = new Redis(broker.url, {
      lazyConnect: true,
      connectTimeout: broker.timeout,
      commandTimeout: broker.timeout,
      // A dropped connection is not retried in the background: commands fail at once, the pool sees the
      // connection closed and the next attempt opens a new one.
      retryStrategy: () => null,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      // Names the connection in CLIENT LIST; the label is made of registry names, which hold no spaces.
      connectionName: `dispatch-events:${label}`,
    });
    let connected = false;
    client.on('error', (error: Error) => {
      lastError = error;
      // A failure to connect is the attempt's own error, recorded with it; only later ones are news.
      if (connected) logger.warn(`${label}: ${redactSecrets(errorText(error), broker.url)}`);
    });
    try {
      await client.connect();
      connected = true;
    } catch (error) {
      client.disconnect();
      // ioredis rejects with "Connection is closed"; the socket's own error says why.
      throw lastError ?? error;
    }
    return {
      get open() {
        return client.status === 'ready';
      },
      async publish(event): Promise<PublishDetails> {
        const key = broker.prefix + event.event;
        if (broker.mode === 'pubsub') {
          const receivers = await client.publish(key, JSON.stringify({ message: event.message, headers: event.headers }));
          return { channel: key, receivers };
        }
        const trim = broker.maxlen > 0 ? ['MAXLEN', '~', String(broker.maxlen)] : [];
        const fields = ['message', event.body, 'content_type', event.contentType, 'headers', JSON.stringify(event.headers)];
        const id = await client.call('XADD', [key, ...trim, '*', ...fields]);
        return { stream: key, id: String(id) };
      },
      async close() {
        await client.quit().catch(() => client.disconnect());
      },
    } satisfies BrokerConnection;
  },

  isPermanent(error) {
    // WRONGTYPE: the key holds something else than a stream; the others: refused credentials or rights.
    return /^(WRONGTYPE|WRONGPASS|NOAUTH|NOPERM)\b/.test(errorText(error));
  },
};
