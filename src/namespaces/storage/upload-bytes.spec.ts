import { InvalidRequestError } from '../../common/errors/domain-errors';
import { decodeUpload, UploadTooLargeError } from './upload-bytes';

const thrown = (run: () => unknown): Error => {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
};

describe('decodeUpload', () => {
  it.each([
    ['', ''],
    ['aGk=', 'hi'],
    ['aGk', 'hi'],
    ['aGV', 'he'],
    ['aGVsbG8=', 'hello'],
    ['aGVs\nbG8=\r\n', 'hello'],
    ['AA==', '\u0000'],
  ])('decodes %j', (text, expected) => {
    expect(decodeUpload(text, 100).toString('latin1')).toBe(expected);
  });

  it.each(['not base64!', 'aGk=aGk=', 'aG=k', 'aGk===', 'a', 'aGk=a', 'aG-_', '=', '==', 'aGVsbG8.'])('refuses %j naming input.buffer', (text) => {
    const error = thrown(() => decodeUpload(text, 100));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ field: 'input.buffer', httpStatus: 400, message: 'input.buffer must be base64 (standard alphabet)' });
  });

  it('counts the cap on decoded bytes, padded or not', () => {
    const ten = Buffer.alloc(10, 1).toString('base64');
    expect(decodeUpload(ten, 10)).toHaveLength(10);
    expect(decodeUpload(ten.replace(/=+$/, ''), 10)).toHaveLength(10);
    const error = thrown(() => decodeUpload(Buffer.alloc(11).toString('base64'), 10));
    expect(error).toBeInstanceOf(UploadTooLargeError);
    expect(error).toMatchObject({ httpStatus: 413, field: 'input.buffer', code: 'UPLOAD_TOO_LARGE', message: 'input.buffer is 11 bytes once decoded; at most 10 are accepted' });
  });

  it('handles a 10 MiB upload without recursion', () => {
    const text = Buffer.alloc(10 * 1024 * 1024 + 1, 3).toString('base64');
    expect(thrown(() => decodeUpload(text, 10 * 1024 * 1024))).toBeInstanceOf(UploadTooLargeError);
    expect(decodeUpload(text, 11 * 1024 * 1024)).toHaveLength(10 * 1024 * 1024 + 1);
  });
});
