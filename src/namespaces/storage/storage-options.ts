import { ConfigError } from '../../config/dispatch-config';

/** Settings of the storage namespace, read from the environment once at start-up. */
export interface StorageOptions {
  /** Largest upload accepted, counted on the decoded bytes. @default 10485760 (10 MiB) */
  maxUploadBytes: number;
}

export const STORAGE_OPTIONS = Symbol('STORAGE_OPTIONS');
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Uploads are held in memory while they are decoded, staged and sent, so the cap has a ceiling. */
export const MAX_UPLOAD_BYTES_CEILING = 1024 * 1024 * 1024;

/** Reads `STORAGE_MAX_UPLOAD_BYTES`; a bad value stops start-up naming the variable. */
export function storageOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StorageOptions {
  const raw = env.STORAGE_MAX_UPLOAD_BYTES;
  if (raw === undefined || raw === '') return { maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES };
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_UPLOAD_BYTES_CEILING) {
    throw new ConfigError(`Invalid configuration:\n  STORAGE_MAX_UPLOAD_BYTES: must be a whole number of bytes from 1 to ${MAX_UPLOAD_BYTES_CEILING}`);
  }
  return { maxUploadBytes: value };
}
