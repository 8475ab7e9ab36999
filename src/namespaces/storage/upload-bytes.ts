import { DomainError, InvalidRequestError } from '../../common/errors/domain-errors';

export class UploadTooLargeError extends DomainError {
  readonly code = 'UPLOAD_TOO_LARGE';
  readonly httpStatus = 413;
  readonly field = 'input.buffer';
  constructor(bytes: number, max: number) {
    super(`input.buffer is ${bytes} bytes once decoded; at most ${max} are accepted`);
  }
}

// Standard alphabet, padding optional. Buffer.from() alone would skip any character it does not know
// and store a different file than the client sent. A flat character class: a pattern with groups
// would recurse per quantum and overflow the stack on a 10 MB upload.
const BASE64_CHARS = /^[A-Za-z0-9+/]*(={0,2})$/;
const WHITESPACE = /\s/;

/**
 * The bytes of an upload from its base64 text. Line breaks (as `base64` and MIME encoders write them)
 * are ignored. The size is checked before decoding, so an oversize body is refused without a copy.
 */
export function decodeUpload(text: string, maxBytes: number): Buffer {
  const compact = WHITESPACE.test(text) ? text.replace(/\s+/g, '') : text;
  const padding = BASE64_CHARS.exec(compact)?.[1].length;
  // Padded text comes in whole 4-character quanta; unpadded text cannot end one character into one.
  if (padding === undefined || (padding > 0 ? compact.length % 4 !== 0 : compact.length % 4 === 1)) {
    throw new InvalidRequestError('input.buffer', 'input.buffer must be base64 (standard alphabet)');
  }
  const size = Math.floor(((compact.length - padding) * 3) / 4);
  if (size > maxBytes) throw new UploadTooLargeError(size, maxBytes);
  return Buffer.from(compact, 'base64');
}
