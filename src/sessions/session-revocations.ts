import { Inject, Injectable } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bull';
import type { Queue } from 'bull';
import { DISPATCH_CONFIG, DispatchConfig } from '../config/dispatch-config';
import { OCCURRENCE_QUEUE } from '../scheduler/occurrence-queue';
import { SessionStoreUnavailableError } from './session-errors';

const REDIS_TIMEOUT_MS = 2000;
/** Kept a little past the token's expiry, so that clock skew between processes cannot revive it. */
const SKEW_MS = 60_000;

/**
 * Revoked token ids, in the queue's Redis under the queue prefix, each until its token would have
 * expired anyway. Only the random `jti` is stored, never the token or its data.
 */
@Injectable()
export class SessionRevocations {
  constructor(
    @InjectQueue(OCCURRENCE_QUEUE) private readonly queue: Queue,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
  ) {}

  /** `expiresAt`: epoch seconds of the token's `exp`. */
  async revoke(jti: string, expiresAt: number): Promise<void> {
    const ttl = Math.max(1, expiresAt * 1000 - Date.now()) + SKEW_MS;
    await this.ask(this.queue.client.set(this.key(jti), '1', 'PX', ttl));
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.ask(this.queue.client.exists(this.key(jti)))) === 1;
  }

  private key(jti: string): string {
    return `${this.config.queuePrefix}:sessions:revoked:${jti}`;
  }

  /** The client queues commands while disconnected; a request must not hang on that. */
  private async ask<T>(command: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new SessionStoreUnavailableError()), REDIS_TIMEOUT_MS);
    });
    try {
      return await Promise.race([command, timeout]);
    } catch (error) {
      throw error instanceof SessionStoreUnavailableError ? error : new SessionStoreUnavailableError();
    } finally {
      clearTimeout(timer);
    }
  }
}
