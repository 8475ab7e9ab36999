import { createConnection } from 'mysql2/promise';
import Redis from 'ioredis';

export const MYSQL_ROOT_URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Fails loudly, naming the service, when MariaDB/MySQL is not there: tests never skip themselves. */
export async function dropDatabase(name: string): Promise<void> {
  let connection;
  try {
    connection = await createConnection({ uri: MYSQL_ROOT_URL });
  } catch (error) {
    throw new Error(`MariaDB/MySQL is not reachable at ${MYSQL_ROOT_URL}: ${String(error)}`);
  }
  try {
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** Creates an empty database (dropping one left from an earlier run), for a test's own tables. */
export async function createDatabase(name: string): Promise<void> {
  await dropDatabase(name);
  const connection = await createConnection({ uri: MYSQL_ROOT_URL });
  try {
    await connection.query(`CREATE DATABASE \`${name}\``);
  } finally {
    await connection.end();
  }
}

/** A Redis client for assertions and fault injection; fails naming Redis when it is not there. */
export async function connectRedis(): Promise<Redis> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(`Redis is not reachable at ${REDIS_URL}: ${String(error)}`);
  }
  return redis;
}

/** Deletes every key of a queue prefix, so a test file starts from an empty queue. */
export async function clearPrefix(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
