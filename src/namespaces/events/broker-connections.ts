import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { ResolvedBroker } from '../../resources/sections/brokers.section';
import { ConnectionPool } from './connection-pool';
import { BrokerConnection, errorText, openBroker, redactSecrets } from './publishers';

/** How long shutdown waits for each broker connection to close. */
const CLOSE_TIMEOUT_MS = 5_000;

/** Which broker resource, as seen from which env: one connection each. */
export interface BrokerRef {
  product: string;
  env: string;
  name: string;
}

/**
 * The open broker connections of this process: one per broker resource and env, opened on the first
 * publish and reused by every later one, closed when the application shuts down (after the worker has
 * drained its running occurrences in `beforeApplicationShutdown`).
 */
@Injectable()
export class BrokerConnections implements OnApplicationShutdown {
  private readonly logger = new Logger(BrokerConnections.name);
  private readonly pool = new ConnectionPool<BrokerConnection>();
  private readonly urls = new Map<string, string>();

  /** Open connections, and openings under way. */
  get size(): number {
    return this.pool.size;
  }

  acquire(ref: BrokerRef, broker: ResolvedBroker): Promise<BrokerConnection> {
    const label = brokerLabel(ref);
    this.urls.set(label, broker.url);
    return this.pool.acquire(label, () => openBroker(broker, label));
  }

  async onApplicationShutdown(): Promise<void> {
    const failures = await this.pool.closeAll(CLOSE_TIMEOUT_MS);
    for (const { key, error } of failures) {
      // Messages of client libraries are not trusted to leave the URL's credentials out.
      this.logger.warn(`Broker connection ${key} did not close cleanly: ${redactSecrets(errorText(error), this.urls.get(key) ?? '')}`);
    }
  }
}

/** `product/env/broker`: registry names only, so it is safe in logs and in a broker's list of clients. */
export function brokerLabel(ref: BrokerRef): string {
  return `${ref.product}/${ref.env}/${ref.name}`;
}
