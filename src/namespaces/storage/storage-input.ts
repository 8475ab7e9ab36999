import { storagePathProblem } from './storage-path';

/** What a storage dispatch does; the body's `event`. */
export const STORAGE_OPERATIONS = ['upload', 'delete', 'copy', 'move'] as const;
export type StorageOperationName = (typeof STORAGE_OPERATIONS)[number];

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** `type/subtype` with optional `; name=value` parameters, as a Content-Type header takes it. */
export const MEDIA_TYPE = /^[\w!#$&^.+-]+\/[\w!#$&^.+-]+(?: *; *[\w!#$&^.+-]+=(?:[\w!#$&^.+-]+|"[^"\\\u0000-\u001f\u007f]*"))*$/;

/** Where an upload's bytes wait in the database until it runs: never in the job row, never in Redis. */
export interface StagedUploadRef {
  id: string;
  size: number;
  sha256: string;
}

/** One run's work, read from a job's stored input. */
export type StorageOperation =
  | { operation: 'upload'; fileName: string; mimeType: string; upload: StagedUploadRef }
  | { operation: 'delete'; fileName: string }
  | { operation: 'copy' | 'move'; fileName: string; destination: string };

/** A field of a storage input is wrong; `field` is its path in the request. */
export class StorageInputError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The input fields each operation takes from a client; any other is refused rather than ignored. */
const CLIENT_FIELDS: Record<StorageOperationName, { required: string[]; optional: string[] }> = {
  upload: { required: ['fileName', 'buffer'], optional: ['mimeType'] },
  delete: { required: ['fileName'], optional: [] },
  copy: { required: ['fileName', 'destination'], optional: [] },
  move: { required: ['fileName', 'destination'], optional: [] },
};

export function isStorageOperation(value: unknown): value is StorageOperationName {
  return (STORAGE_OPERATIONS as readonly unknown[]).includes(value);
}

/**
 * Checks a client's input against its operation: the fields it needs, none it does not use, and file
 * names that stay inside the storage. Types were checked by the DTO already.
 */
export function checkClientInput(event: StorageOperationName, input: Record<string, unknown>): void {
  if (input.operation !== undefined && input.operation !== event) {
    throw new StorageInputError('input.operation', `input.operation must be '${event}', the event, when given`);
  }
  const { required, optional } = CLIENT_FIELDS[event];
  for (const field of Object.keys(input)) {
    if (field === 'operation' || input[field] === undefined || required.includes(field) || optional.includes(field)) continue;
    throw new StorageInputError(`input.${field}`, `input.${field} is not accepted with ${event}`);
  }
  for (const field of required) {
    if (input[field] === undefined) throw new StorageInputError(`input.${field}`, `input.${field} is required for ${event}`);
  }
  checkNames(input);
}

/** A job's stored input as a run reads it, checked again since rows outlive the code that wrote them. */
export function readStorageOperation(event: string, input: Record<string, unknown>): StorageOperation {
  if (!isStorageOperation(event)) throw new StorageInputError('event', `event must be one of ${STORAGE_OPERATIONS.join(', ')}`);
  const fileName = requireString(input, 'fileName');
  if (event === 'delete') {
    checkNames({ fileName });
    return { operation: event, fileName };
  }
  if (event === 'copy' || event === 'move') {
    const destination = requireString(input, 'destination');
    checkNames({ fileName, destination });
    return { operation: event, fileName, destination };
  }
  checkNames({ fileName });
  const mimeType = input.mimeType === undefined ? DEFAULT_MIME_TYPE : requireString(input, 'mimeType');
  if (!MEDIA_TYPE.test(mimeType)) throw new StorageInputError('input.mimeType', 'input.mimeType must be a media type such as image/png');
  const upload = input.upload as Partial<StagedUploadRef> | undefined;
  if (typeof upload?.id !== 'string' || typeof upload.size !== 'number' || typeof upload.sha256 !== 'string') {
    throw new StorageInputError('input.upload', 'input.upload must name the staged bytes (id, size, sha256)');
  }
  return { operation: event, fileName, mimeType, upload: { id: upload.id, size: upload.size, sha256: upload.sha256 } };
}

function requireString(input: Record<string, unknown>, field: string): string {
  const value = input[field];
  if (typeof value !== 'string') throw new StorageInputError(`input.${field}`, `input.${field} must be a string`);
  return value;
}

function checkNames(input: Record<string, unknown>): void {
  for (const field of ['fileName', 'destination']) {
    const value = input[field];
    if (typeof value !== 'string') continue;
    const problem = storagePathProblem(value);
    if (problem) throw new StorageInputError(`input.${field}`, `input.${field} ${problem}`);
  }
  if (input.destination !== undefined && input.destination === input.fileName) {
    throw new StorageInputError('input.destination', 'input.destination must differ from input.fileName');
  }
}
