import { CopyObjectCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3StorageConfig } from '../../../resources/sections/storage.section';
import { NonRetryableError } from '../../../scheduler/retry-policy';
import type { DriverResult, StorageDriver } from './storage-driver';

/** A request as failure messages name it. */
export interface S3Request {
  operation: 'upload' | 'delete' | 'copy';
  fileName: string;
}

interface S3Failure {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * Tells failures a retry may fix (timeouts, throttling, 5xx, the network) from those it cannot (a
 * missing key or bucket, refused credentials, other 4xx). Messages carry S3's error name and status,
 * never the request's signature or keys.
 */
export function classifyS3Error(error: unknown, request: S3Request, timeoutMs: number): Error {
  const what = `${request.operation} of input.fileName '${request.fileName}'`;
  const failure = (error ?? {}) as S3Failure;
  const name = failure.name ?? 'Error';
  if (name === 'TimeoutError') return new Error(`${what} timed out after ${timeoutMs} ms`);
  if (name === 'AbortError') return new Error(`${what} was aborted`);
  if (name === 'NoSuchKey' || name === 'NotFound') return new NonRetryableError(`input.fileName '${request.fileName}' does not exist`);
  if (name === 'NoSuchBucket') return new NonRetryableError(`${what} failed: the bucket does not exist`);
  if (name === 'CredentialsProviderError') {
    return new NonRetryableError(`${what} failed: no AWS credentials were found; set access_key_id and secret_access_key`);
  }
  const status = failure.$metadata?.httpStatusCode;
  const detail = `${name}${status ? ` (HTTP ${status})` : ''}${failure.message ? `: ${failure.message}` : ''}`;
  if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new NonRetryableError(`${what} failed: ${detail}`);
  }
  return new Error(`${what} failed: ${detail}`);
}

/** `bucket/key` with each segment URL-encoded, as CopyObject wants its source. */
export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

type SendOptions = { abortSignal: AbortSignal };

/** A bucket of S3 or an S3-compatible server (`type: s3`); the key of a file is its name. */
export class S3StorageDriver implements StorageDriver {
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(private readonly config: S3StorageConfig) {
    this.bucket = config.bucket;
    const custom = config.endpoint !== undefined;
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.force_path_style,
      credentials:
        config.access_key_id !== undefined && config.secret_access_key !== undefined
          ? { accessKeyId: config.access_key_id, secretAccessKey: config.secret_access_key }
          : undefined,
      // Dispatch retries with its own backoff and records each attempt; SDK retries would hide them.
      maxAttempts: 1,
      // S3-compatible servers often reject the checksum trailers the SDK adds by default for AWS.
      ...(custom ? { requestChecksumCalculation: 'WHEN_REQUIRED' as const, responseChecksumValidation: 'WHEN_REQUIRED' as const } : {}),
    });
  }

  async upload(fileName: string, bytes: Buffer, mimeType: string, signal: AbortSignal): Promise<DriverResult> {
    const command = new PutObjectCommand({ Bucket: this.bucket, Key: fileName, Body: bytes, ContentType: mimeType, ContentLength: bytes.length });
    const out = await this.send({ operation: 'upload', fileName }, signal, (options) => this.client.send(command, options));
    return { bucket: this.bucket, etag: out.ETag };
  }

  async delete(fileName: string, signal: AbortSignal): Promise<DriverResult> {
    const command = new DeleteObjectCommand({ Bucket: this.bucket, Key: fileName });
    await this.send({ operation: 'delete', fileName }, signal, (options) => this.client.send(command, options));
    return { bucket: this.bucket };
  }

  async copy(fileName: string, destination: string, signal: AbortSignal): Promise<DriverResult> {
    const command = new CopyObjectCommand({ Bucket: this.bucket, Key: destination, CopySource: copySource(this.bucket, fileName) });
    const out = await this.send({ operation: 'copy', fileName }, signal, (options) => this.client.send(command, options));
    return { bucket: this.bucket, etag: out.CopyObjectResult?.ETag };
  }

  /** S3 has no rename: a copy, then a delete of the source once the copy is in place. */
  async move(fileName: string, destination: string, signal: AbortSignal): Promise<DriverResult> {
    const copied = await this.copy(fileName, destination, signal);
    await this.delete(fileName, signal);
    return copied;
  }

  close(): void {
    this.client.destroy();
  }

  private async send<T>(request: S3Request, signal: AbortSignal, call: (options: SendOptions) => Promise<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.config.timeout);
    try {
      return await call({ abortSignal: AbortSignal.any([signal, timeout]) });
    } catch (error) {
      throw classifyS3Error(timeout.aborted ? { name: 'TimeoutError' } : error, request, this.config.timeout);
    }
  }
}
