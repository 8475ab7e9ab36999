import { ConfigError } from '../../config/dispatch-config';
import { DEFAULT_MAX_UPLOAD_BYTES, storageOptionsFromEnv } from './storage-options';

describe('storageOptionsFromEnv', () => {
  it('defaults the upload cap to 10 MiB', () => {
    expect(storageOptionsFromEnv({})).toEqual({ maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES });
    expect(storageOptionsFromEnv({ STORAGE_MAX_UPLOAD_BYTES: '' })).toEqual({ maxUploadBytes: 10_485_760 });
  });

  it('reads STORAGE_MAX_UPLOAD_BYTES', () => {
    expect(storageOptionsFromEnv({ STORAGE_MAX_UPLOAD_BYTES: '1048576' })).toEqual({ maxUploadBytes: 1_048_576 });
  });

  it.each(['0', '-1', '1.5', '10mb', 'abc', '1073741825'])('stops start-up on %j, naming the variable', (value) => {
    expect(() => storageOptionsFromEnv({ STORAGE_MAX_UPLOAD_BYTES: value })).toThrow(ConfigError);
    expect(() => storageOptionsFromEnv({ STORAGE_MAX_UPLOAD_BYTES: value })).toThrow(
      'STORAGE_MAX_UPLOAD_BYTES: must be a whole number of bytes from 1 to 1073741824',
    );
  });
});
