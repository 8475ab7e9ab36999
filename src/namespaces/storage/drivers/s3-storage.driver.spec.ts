import { NonRetryableError } from '../../../scheduler/retry-policy';
import { classifyS3Error, copySource } from './s3-storage.driver';

const request = { operation: 'copy' as const, fileName: 'a/b.txt' };
const s3Error = (name: string, status?: number, message = 'details') => Object.assign(new Error(message), { name, $metadata: { httpStatusCode: status } });

describe('classifyS3Error', () => {
  it.each([
    [s3Error('NoSuchKey', 404), "input.fileName 'a/b.txt' does not exist"],
    [s3Error('NoSuchBucket', 404), "copy of input.fileName 'a/b.txt' failed: the bucket does not exist"],
    [s3Error('AccessDenied', 403, 'Access Denied'), "copy of input.fileName 'a/b.txt' failed: AccessDenied (HTTP 403): Access Denied"],
    [s3Error('CredentialsProviderError'), "copy of input.fileName 'a/b.txt' failed: no AWS credentials were found; set access_key_id and secret_access_key"],
  ])('gives up at once on %s', (error, message) => {
    const classified = classifyS3Error(error, request, 1000);
    expect(classified).toBeInstanceOf(NonRetryableError);
    expect(classified.message).toBe(message);
  });

  it.each([
    [s3Error('SlowDown', 503, 'Reduce your request rate'), "copy of input.fileName 'a/b.txt' failed: SlowDown (HTTP 503): Reduce your request rate"],
    [s3Error('RequestTimeout', 408, 'timeout'), "copy of input.fileName 'a/b.txt' failed: RequestTimeout (HTTP 408): timeout"],
    [s3Error('TooManyRequests', 429, 'slow'), "copy of input.fileName 'a/b.txt' failed: TooManyRequests (HTTP 429): slow"],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }), "copy of input.fileName 'a/b.txt' failed: Error: connect ECONNREFUSED 127.0.0.1:1"],
    [{ name: 'TimeoutError' }, "copy of input.fileName 'a/b.txt' timed out after 1000 ms"],
  ])('lets a retry try again after %s', (error, message) => {
    const classified = classifyS3Error(error, request, 1000);
    expect(classified).not.toBeInstanceOf(NonRetryableError);
    expect(classified.message).toBe(message);
  });
});

describe('copySource', () => {
  it('encodes each segment of the key and keeps the slashes', () => {
    expect(copySource('uploads', 'a b/ü?#.txt')).toBe('uploads/a%20b/%C3%BC%3F%23.txt');
  });
});
