import type { ResolvedBroker } from '../../../resources/sections/brokers.section';
import { mqttPublisher } from './mqtt.publisher';
import { natsPublisher } from './nats.publisher';
import type { BrokerConnection } from './publisher';
import { rabbitmqPublisher } from './rabbitmq.publisher';
import { redisPublisher } from './redis.publisher';

export * from './publisher';

/** Opens a connection with the client of the broker's type. */
export function openBroker(broker: ResolvedBroker, label: string): Promise<BrokerConnection> {
  switch (broker.type) {
    case 'rabbitmq':
      return rabbitmqPublisher.open(broker, label);
    case 'redis':
      return redisPublisher.open(broker, label);
    case 'nats':
      return natsPublisher.open(broker, label);
    case 'mqtt':
      return mqttPublisher.open(broker, label);
  }
}

/** Whether a failure of this broker's client would recur on retry. */
export function isPermanentBrokerFailure(broker: ResolvedBroker, error: unknown): boolean {
  switch (broker.type) {
    case 'rabbitmq':
      return rabbitmqPublisher.isPermanent(error);
    case 'redis':
      return redisPublisher.isPermanent(error);
    case 'nats':
      return natsPublisher.isPermanent(error);
    case 'mqtt':
      return mqttPublisher.isPermanent(error);
  }
}
