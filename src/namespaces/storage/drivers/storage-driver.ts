/** What a driver adds to a run's result (a bucket, an ETag…); the executor adds the rest. */
export type DriverResult = Record<string, unknown>;

/**
 * One kind of storage (a folder, an S3 bucket). File names reach a driver already checked by
 * `storagePathProblem`. A driver throws `NonRetryableError` for failures a retry cannot fix and lets
 * the others (network, timeouts, full disks) surface as they are, so that the job retries.
 */
export interface StorageDriver {
  /** Writes the whole file or nothing, replacing one of the same name. */
  upload(fileName: string, bytes: Buffer, mimeType: string, signal: AbortSignal): Promise<DriverResult>;
  /** Succeeds when the file is already gone, so that a redelivered run does not fail. */
  delete(fileName: string, signal: AbortSignal): Promise<DriverResult>;
  /** Replaces a file already at `destination`. */
  copy(fileName: string, destination: string, signal: AbortSignal): Promise<DriverResult>;
  move(fileName: string, destination: string, signal: AbortSignal): Promise<DriverResult>;
  /** Releases connections when the app shuts down. */
  close(): void;
}
