import { checkClientInput, readStorageOperation, StorageInputError } from './storage-input';

const failure = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof StorageInputError) return { field: error.field, message: error.message };
    throw error;
  }
  throw new Error('expected a StorageInputError');
};

describe('checkClientInput', () => {
  it('accepts what each operation takes', () => {
    expect(() => checkClientInput('upload', { fileName: 'a/b.txt', buffer: 'aGk=', mimeType: 'text/plain' })).not.toThrow();
    expect(() => checkClientInput('upload', { fileName: 'a.txt', buffer: '', operation: 'upload' })).not.toThrow();
    expect(() => checkClientInput('delete', { fileName: 'a.txt', destination: undefined })).not.toThrow();
    expect(() => checkClientInput('copy', { fileName: 'a.txt', destination: 'b/a.txt' })).not.toThrow();
    expect(() => checkClientInput('move', { fileName: 'a.txt', destination: 'b/a.txt' })).not.toThrow();
  });

  it.each<[string, Parameters<typeof checkClientInput>, string, string]>([
    ['an operation unlike the event', ['copy', { operation: 'move', fileName: 'a', destination: 'b' }], 'input.operation', "input.operation must be 'copy', the event, when given"],
    ['a missing buffer', ['upload', { fileName: 'a' }], 'input.buffer', 'input.buffer is required for upload'],
    ['a destination on an upload', ['upload', { fileName: 'a', buffer: '', destination: 'b' }], 'input.destination', 'input.destination is not accepted with upload'],
    ['a mimeType on a move', ['move', { fileName: 'a', destination: 'b', mimeType: 'text/plain' }], 'input.mimeType', 'input.mimeType is not accepted with move'],
    ['a missing destination', ['move', { fileName: 'a' }], 'input.destination', 'input.destination is required for move'],
    ['a climbing fileName', ['delete', { fileName: 'a/../../etc/passwd' }], 'input.fileName', "input.fileName must not contain '..' segments"],
    ['an absolute destination', ['copy', { fileName: 'a', destination: '/tmp/b' }], 'input.destination', 'input.destination must be a relative path, not an absolute one'],
    ['a move onto itself', ['move', { fileName: 'a/b', destination: 'a/b' }], 'input.destination', 'input.destination must differ from input.fileName'],
  ])('refuses %s', (_, args, field, message) => {
    expect(failure(() => checkClientInput(...args))).toEqual({ field, message });
  });
});

describe('readStorageOperation', () => {
  const upload = { id: '01900000-0000-7000-8000-000000000001', size: 2, sha256: 'ab'.repeat(32) };

  it('reads each operation from a stored input', () => {
    expect(readStorageOperation('upload', { fileName: 'a.txt', upload })).toEqual({ operation: 'upload', fileName: 'a.txt', mimeType: 'application/octet-stream', upload });
    expect(readStorageOperation('upload', { fileName: 'a.txt', mimeType: 'text/plain; charset=utf-8', upload })).toMatchObject({ mimeType: 'text/plain; charset=utf-8' });
    expect(readStorageOperation('delete', { fileName: 'a.txt' })).toEqual({ operation: 'delete', fileName: 'a.txt' });
    expect(readStorageOperation('move', { fileName: 'a.txt', destination: 'b.txt' })).toEqual({ operation: 'move', fileName: 'a.txt', destination: 'b.txt' });
  });

  it.each<[string, string, Record<string, unknown>, string, string]>([
    ['an unknown event', 'rename', { fileName: 'a' }, 'event', 'event must be one of upload, delete, copy, move'],
    ['a missing fileName', 'delete', {}, 'input.fileName', 'input.fileName must be a string'],
    ['a climbing name', 'copy', { fileName: 'a', destination: '../b' }, 'input.destination', "input.destination must not contain '..' segments"],
    ['an upload without staged bytes', 'upload', { fileName: 'a', buffer: 'aGk=' }, 'input.upload', 'input.upload must name the staged bytes (id, size, sha256)'],
    ['a header-breaking mimeType', 'upload', { fileName: 'a', mimeType: 'text/plain\r\nX-Evil: 1', upload }, 'input.mimeType', 'input.mimeType must be a media type such as image/png'],
  ])('refuses %s', (_, event, input, field, message) => {
    expect(failure(() => readStorageOperation(event, input))).toEqual({ field, message });
  });
});
