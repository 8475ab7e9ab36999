import Redis, { RedisOptions } from 'ioredis';

type BullClientType = 'client' | 'subscriber' | 'bclient';

/**
 * Creates the Redis connections of the Bull queue. The command connection pipelines automatically:
 * the commands issued in one tick leave in one socket write, which under load is most of the cost of
 * talking to Redis. Connections made here are not closed by Bull, so `quitAll` does it at shutdown.
 */
export class RedisClients {
  private readonly clients: Redis[] = [];

  readonly create = (type: BullClientType, options?: RedisOptions): Redis => {
    const client =
      type === 'client'
        ? new Redis({ ...options, enableAutoPipelining: true })
        : // Bull requires blocking and subscriber connections to wait for Redis rather than fail commands.
          new Redis({ ...options, maxRetriesPerRequest: null, enableReadyCheck: false });
    this.clients.push(client);
    return client;
  };

  async quitAll(): Promise<void> {
    await Promise.all(this.clients.splice(0).map((client) => client.quit().catch(() => client.disconnect())));
  }
}

export const REDIS_CLIENTS = Symbol('REDIS_CLIENTS');
