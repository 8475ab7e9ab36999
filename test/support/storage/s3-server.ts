import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver's fixed credentials. */
export const S3RVER_KEY = 'S3RVER';

/** A local S3-compatible server on a random port, with its data in a temporary folder. */
export class LocalS3Server {
  endpoint: string;
  private server: S3rver;
  private directory: string;
  private client: S3Client;

  async start(buckets: string[]): Promise<string> {
    this.directory = mkdtempSync(join(tmpdir(), 'dispatch-s3rver-'));
    this.server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: this.directory });
    const { port } = await this.server.run();
    this.endpoint = `http://127.0.0.1:${port}`;
    this.client = new S3Client({
      region: 'us-east-1',
      endpoint: this.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY },
    });
    for (const bucket of buckets) await this.client.send(new CreateBucketCommand({ Bucket: bucket }));
    return this.endpoint;
  }

  async stop(): Promise<void> {
    this.client?.destroy();
    await this.server?.close();
    if (this.directory) rmSync(this.directory, { recursive: true, force: true });
  }

  /** The object's bytes and content type, or null when there is none. */
  async get(bucket: string, key: string): Promise<{ body: Buffer; contentType?: string } | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return { body: Buffer.from(await out.Body!.transformToByteArray()), contentType: out.ContentType };
    } catch (error) {
      if ((error as Error).name === 'NoSuchKey') return null;
      throw error;
    }
  }

  async exists(bucket: string, key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if ((error as Error).name === 'NotFound') return false;
      throw error;
    }
  }

  /** Writes an object directly, to set up a copy, move or delete. */
  async put(bucket: string, key: string, body: string | Buffer): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  }
}
