import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { ResourceRegistry } from '../../../src/resources';
import { LocalS3Server, S3RVER_KEY } from './s3-server';

export const BUCKET = 'uploads';

/** A product whose storage `files` is a local folder and `bucket` a bucket of the local S3 server. */
export function storageRegistry(root: string, endpoint: string): ResourceRegistry {
  const s3 = { type: 's3', region: 'us-east-1', endpoint, access_key_id: '${S3_KEY}', secret_access_key: '${S3_SECRET}', force_path_style: true, timeout: '10s' };
  return ResourceRegistry.fromObject(
    {
      products: {
        shop: {
          envs: ['dev', 'prd'],
          storage: {
            files: { type: 'local', root },
            bucket: { ...s3, bucket: BUCKET },
            gone: { ...s3, bucket: 'no-such-bucket' },
          },
        },
      },
    },
    { S3_KEY: S3RVER_KEY, S3_SECRET: S3RVER_KEY },
  );
}

/** Reads and writes a storage behind the app's back, to set up and check its runs. */
export interface StorageProbe {
  read(name: string): Promise<Buffer | null>;
  put(name: string, content: string): Promise<void>;
}

export function localProbe(root: () => string): StorageProbe {
  return {
    read: async (name) => readFile(join(root(), name)).catch(() => null),
    put: async (name, content) => {
      await mkdir(dirname(join(root(), name)), { recursive: true });
      await writeFile(join(root(), name), content);
    },
  };
}

export function s3Probe(server: LocalS3Server): StorageProbe {
  return {
    read: async (name) => (await server.get(BUCKET, name))?.body ?? null,
    put: (name, content) => server.put(BUCKET, name, content),
  };
}

export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Rows of the staging tables: an upload's bytes live there between dispatch and run. */
export async function stagingCounts(dataSource: DataSource): Promise<{ uploads: number; parts: number }> {
  const [row] = await dataSource.query(
    'SELECT (SELECT COUNT(*) FROM storage_uploads) AS uploads, (SELECT COUNT(*) FROM storage_upload_parts) AS parts',
  );
  return { uploads: Number(row.uploads), parts: Number(row.parts) };
}

export async function jobInput(dataSource: DataSource, jobId: string): Promise<Record<string, unknown>> {
  const [row] = await dataSource.query('SELECT input FROM jobs WHERE id = ?', [jobId]);
  return typeof row.input === 'string' ? JSON.parse(row.input) : row.input;
}

/** Whether any key or value under the queue prefix holds `text`: file contents must never reach Redis. */
export async function redisHolds(redis: Redis, prefix: string, text: string): Promise<boolean> {
  for (const key of await redis.keys(`${prefix}:*`)) {
    if (key.includes(text)) return true;
    const values = await valuesOf(redis, key);
    if (values.some((value) => value?.includes(text))) return true;
  }
  return false;
}

async function valuesOf(redis: Redis, key: string): Promise<Array<string | null>> {
  switch (await redis.type(key)) {
    case 'hash':
      return Object.values(await redis.hgetall(key));
    case 'string':
      return [await redis.get(key)];
    case 'list':
      return redis.lrange(key, 0, -1);
    case 'set':
      return redis.smembers(key);
    case 'zset':
      return redis.zrange(key, 0, -1);
    default:
      return [];
  }
}
