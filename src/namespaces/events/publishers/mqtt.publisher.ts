import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { connectAsync } from 'mqtt';
import type { MqttBroker } from '../../../resources/sections/brokers.section';
import { BrokerConnection, errorText, Publisher, redactSecrets } from './publisher';

const logger = new Logger('MqttPublisher');

// CONNACK reasons a retry cannot fix: bad credentials, not authorised, banned (MQTT 3.1.1 and 5).
const PERMANENT_REASONS = new Set([4, 5, 134, 135, 138, 140]);

/**
 * MQTT 5 through mqtt.js. Headers travel as user properties and the content type as its own property;
 * with QoS 1 or 2 the publish resolves on the broker's acknowledgement.
 */
export const mqttPublisher: Publisher<MqttBroker> = {
  async open(broker, label) {
    const client = await connectAsync(broker.url, {
      protocolVersion: 5,
      // Each process holds its own connection; a shared client id would make the broker drop the other.
      clientId: `dispatch-${randomUUID()}`,
      clean: true,
      connectTimeout: broker.timeout,
      // A dropped connection is not retried in the background: the pool opens a new one when needed.
      reconnectPeriod: 0,
    });
    client.on('error', (error: Error) => logger.warn(`${label}: ${redactSecrets(errorText(error), broker.url)}`));
    return {
      get open() {
        return client.connected && !client.disconnecting;
      },
      async publish(event) {
        await client.publishAsync(event.event, event.body, {
          qos: broker.qos,
          retain: broker.retain,
          properties: { contentType: event.contentType, userProperties: event.headers },
        });
        return { topic: event.event, qos: broker.qos };
      },
      async close() {
        await client.endAsync();
      },
    } satisfies BrokerConnection;
  },

  isPermanent(error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'number' && PERMANENT_REASONS.has(code);
  },
};
