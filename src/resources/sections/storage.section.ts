import { Check, Invalid } from '../app-field-checks';
import type { RegistryProblem } from '../registry-errors';
import { childPath, isPlainObject } from '../registry-utils';
import { checkBoolean, checkDuration, checkString, checkUrl } from './checks';
import { byType, optional, scalar, Spec } from './section-spec';

/** A folder of the host's file system; file names are paths below it. */
export interface LocalStorageConfig {
  type: 'local';
  /** Resolved against the working directory when relative. */
  root: string;
}

/** A bucket of S3 or of an S3-compatible server (MinIO, Ceph, R2, s3rver…). */
export interface S3StorageConfig {
  type: 's3';
  bucket: string;
  /** @default 'us-east-1' */
  region: string;
  /** Absent: AWS itself. */
  endpoint?: string;
  /** Both keys or neither; without them the SDK's default credential chain applies (env, instance role…). */
  access_key_id?: string;
  secret_access_key?: string;
  /** `http://host/bucket/key` rather than `http://bucket.host/key`; most S3-compatible servers need it. @default false */
  force_path_style: boolean;
  /** Per request, in ms. @default 60000 */
  timeout: number;
}

/** One entry of a product's `storage` section, as `ResourceRegistry.entry` returns it for one env. */
export type StorageConfig = LocalStorageConfig | S3StorageConfig;

export const STORAGE_TYPES = ['local', 's3'] as const;
export const DEFAULT_S3_REGION = 'us-east-1';
export const DEFAULT_S3_TIMEOUT_MS = 60_000;
const MAX_S3_TIMEOUT_MS = 10 * 60_000;

// S3's own naming rule; a name it would refuse is better caught at start-up than on the first run.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const checkBucket: Check<string> = (value) =>
  typeof value === 'string' && BUCKET_NAME.test(value)
    ? value
    : new Invalid('must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens');

const checkHttpUrl = checkUrl(['http:', 'https:']);

/** Keys live in their own fields, so that they are never logged with the endpoint. */
const checkEndpoint: Check<string> = (value) => {
  const url = checkHttpUrl(value);
  if (url instanceof Invalid) return url;
  const parsed = new URL(url);
  if (parsed.username !== '' || parsed.password !== '') return new Invalid('must not hold credentials; use access_key_id and secret_access_key');
  if (parsed.search !== '' || parsed.hash !== '') return new Invalid('must be a URL without a query or fragment');
  return url;
};

/** The schema of the `storage` section (DESIGN §4). */
export const STORAGE_SECTION: Spec = byType({
  local: {
    root: scalar(checkString),
  },
  s3: {
    bucket: scalar(checkBucket),
    region: optional(scalar(checkString), DEFAULT_S3_REGION),
    endpoint: optional(scalar(checkEndpoint)),
    access_key_id: optional(scalar(checkString)),
    secret_access_key: optional(scalar(checkString)),
    force_path_style: optional(scalar(checkBoolean), false),
    timeout: optional(scalar(checkDuration(MAX_S3_TIMEOUT_MS)), DEFAULT_S3_TIMEOUT_MS),
  },
});

/**
 * The schema checks fields one by one; an s3 entry with one key of the pair and not the other would
 * otherwise load and then sign every request with half a credential.
 */
export function storageCredentialProblems(product: string, section: Record<string, unknown>): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  for (const [name, entry] of Object.entries(section)) {
    if (!isPlainObject(entry) || entry.type !== 's3') continue;
    const hasKey = Object.hasOwn(entry, 'access_key_id');
    if (hasKey === Object.hasOwn(entry, 'secret_access_key')) continue;
    const path = childPath(childPath(childPath(childPath('products', product), 'storage'), name), hasKey ? 'secret_access_key' : 'access_key_id');
    problems.push({
      path,
      message: `is required with ${hasKey ? 'access_key_id' : 'secret_access_key'}; give both keys, or neither to use the default AWS credential chain`,
    });
  }
  return problems;
}
