import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { randomBytes } from 'node:crypto';

export type Role = 'all' | 'api' | 'worker';

/** Typed configuration of one Dispatch process. Every field has a default, see {@link loadConfig}. */
export interface DispatchConfig {
  /** MySQL/MariaDB URL; the database is created at start-up when missing. */
  databaseUrl: string;
  /** Redis URL for Bull. */
  redisUrl: string;
  /** Bull key prefix, so several deployments or test files can share one Redis. */
  queuePrefix: string;
  port: number;
  role: Role;
  resourcesFile: string;
  /** Occurrences run at once per worker process. */
  workerConcurrency: number;
  /**
   * Occurrences a worker takes from Redis ahead of a free run slot, so that claiming the next ones
   * overlaps the runs in progress instead of waiting for them. Default: `defaultPrefetch`.
   */
  workerPrefetch: number;
  /** Occurrences due within this many ms live in Redis; later ones only in MySQL. */
  horizonMs: number;
  /** How often the reconciler copies due rows from MySQL into Redis. */
  reconcileIntervalMs: number;
  /** How long shutdown waits for running occurrences. */
  shutdownTimeoutMs: number;
  /** Bull lock on an active occurrence; a dead worker's occurrence is retaken after it lapses. */
  lockDurationMs: number;
  /** Runs older than this many days are pruned. */
  runRetentionDays: number;
  /** Largest JSON body accepted. */
  bodyLimit: string;
  /** HTTP processes sharing the port (ROLE=api or all): one Node thread serves one core. */
  apiProcesses: number;
  /** A ROLE=worker process serves `GET /metrics` on this port (it has no other HTTP); unset: none. */
  metricsPort?: number;
  /** Run pending migrations at start-up; off in processes whose parent has already run them. */
  migrateOnStart: boolean;
  /** `NODE_ENV`; `production` refuses to serve HTTP without API keys. */
  nodeEnv: string;
  /** Keys of the dispatch scope (`API_KEYS`). With no key of either scope the service is open. */
  apiKeys: string[];
  /** Keys of the admin scope (`ADMIN_API_KEYS`); they may also use every dispatch endpoint. */
  adminApiKeys: string[];
  /** Requests per minute per API key (per client address without one); 0 turns limiting off. */
  rateLimitPerMinute: number;
  /** Proxy hops in front of the service whose `X-Forwarded-For` is believed, for the client address. */
  trustProxy: number;
  /** Level of the JSON logs: trace, debug, info, warn, error, fatal or silent. */
  logLevel: LogLevelName;
  /** Signs session tokens (and keys session data unless `sessionEncryptionKey` is set). Never log it. */
  sessionSecret: string;
  /** True when SESSION_SECRET was unset and this process made up its own: its tokens die with it. */
  sessionSecretGenerated: boolean;
  /** Keys the encryption of session data kept with jobs; `sessionSecret` when absent. */
  sessionEncryptionKey?: string;
}

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** A comma-separated list of keys: printable, no spaces, long enough not to be guessed. */
const API_KEY_LIST = /^\s*[\x21-\x2b\x2d-\x7e]{16,}\s*(,\s*[\x21-\x2b\x2d-\x7e]{16,}\s*)*,?\s*$/;
const keyList = (value: string | undefined): string[] => (value ?? '').split(',').map((k) => k.trim()).filter(Boolean);

const int = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/** The environment as class-validator sees it; names are the variables a user sets. */
class EnvironmentVariables {
  @IsOptional() @IsString() @Matches(/^mysql:\/\//, { message: 'must be a mysql:// URL' })
  DATABASE_URL?: string;

  @IsOptional() @IsString() @Matches(/^rediss?:\/\//, { message: 'must be a redis:// URL' })
  REDIS_URL?: string;

  @IsOptional() @IsString() @Matches(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'must be 1-64 letters, digits, _ . : -' })
  QUEUE_PREFIX?: string;

  @IsOptional() @Transform(int) @IsInt() @Min(0) @Max(65535)
  PORT?: number;

  @IsOptional() @IsIn(['all', 'api', 'worker'])
  ROLE?: Role;

  @IsOptional() @IsString()
  RESOURCES_FILE?: string;

  @IsOptional() @Transform(int) @IsInt() @Min(1) @Max(1000)
  WORKER_CONCURRENCY?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(0) @Max(1000)
  WORKER_PREFETCH?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(1000)
  SCHEDULE_HORIZON_MS?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(100)
  RECONCILE_INTERVAL_MS?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(0)
  SHUTDOWN_TIMEOUT_MS?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(1000)
  WORKER_LOCK_MS?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(1)
  RUN_RETENTION_DAYS?: number;

  @IsOptional() @IsString() @Matches(/^\d+(b|kb|mb)$/i, { message: 'must look like 16mb, 512kb or 1000b' })
  BODY_LIMIT?: string;

  @IsOptional() @Transform(int) @IsInt() @Min(1) @Max(64)
  API_PROCESSES?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(1) @Max(65535)
  METRICS_PORT?: number;

  @IsOptional() @IsIn(['true', 'false'])
  MIGRATE_ON_START?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  SESSION_SECRET?: string;

  @IsOptional() @IsString() @MinLength(32, { message: 'must be at least 32 characters' })
  SESSION_ENCRYPTION_KEY?: string;

  @IsOptional() @IsString()
  NODE_ENV?: string;

  @IsOptional() @IsString() @Matches(API_KEY_LIST, { message: 'must be comma-separated keys of at least 16 printable characters, without spaces' })
  API_KEYS?: string;

  @IsOptional() @IsString() @Matches(API_KEY_LIST, { message: 'must be comma-separated keys of at least 16 printable characters, without spaces' })
  ADMIN_API_KEYS?: string;

  @IsOptional() @Transform(int) @IsInt() @Min(0)
  RATE_LIMIT_PER_MINUTE?: number;

  @IsOptional() @Transform(int) @IsInt() @Min(0) @Max(10)
  TRUST_PROXY?: number;

  @IsOptional() @IsIn(LOG_LEVELS)
  LOG_LEVEL?: LogLevelName;
}

export class ConfigError extends Error {}

let generatedSessionSecret: string | undefined;

/**
 * Four occurrences held ahead per run slot. When many fall due at once, the worker claims them in
 * batches of a few hundred while earlier ones run: 1,000 jobs due at one instant all started within
 * about 105 ms with this, against 120 ms with one per slot (concurrency 50, bench/lateness).
 */
export function defaultPrefetch(concurrency: number): number {
  return 4 * concurrency;
}

/** Reads and validates the environment once; a bad value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DispatchConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  if (!vars.SESSION_SECRET && env.NODE_ENV === 'production') {
    // A made-up secret would end every session at each restart and differ between processes.
    throw new ConfigError('Invalid configuration:\n  SESSION_SECRET: is required when NODE_ENV=production (at least 32 characters)');
  }
  // One per process, so that every loadConfig call of the process agrees on it.
  generatedSessionSecret ??= randomBytes(32).toString('base64url');
  const config: DispatchConfig = {
    databaseUrl: vars.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/dispatch',
    redisUrl: vars.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: vars.QUEUE_PREFIX ?? 'dispatch',
    port: vars.PORT ?? 3000,
    role: vars.ROLE ?? 'all',
    resourcesFile: vars.RESOURCES_FILE ?? 'resources.yaml',
    workerConcurrency: vars.WORKER_CONCURRENCY ?? 50,
    workerPrefetch: vars.WORKER_PREFETCH ?? defaultPrefetch(vars.WORKER_CONCURRENCY ?? 50),
    horizonMs: vars.SCHEDULE_HORIZON_MS ?? 5 * 60_000,
    reconcileIntervalMs: vars.RECONCILE_INTERVAL_MS ?? 30_000,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS ?? 30_000,
    lockDurationMs: vars.WORKER_LOCK_MS ?? 30_000,
    runRetentionDays: vars.RUN_RETENTION_DAYS ?? 30,
    bodyLimit: vars.BODY_LIMIT ?? '16mb',
    apiProcesses: vars.API_PROCESSES ?? 1,
    ...(vars.METRICS_PORT !== undefined && { metricsPort: vars.METRICS_PORT }),
    migrateOnStart: vars.MIGRATE_ON_START !== 'false',
    nodeEnv: vars.NODE_ENV ?? 'development',
    apiKeys: keyList(vars.API_KEYS),
    adminApiKeys: keyList(vars.ADMIN_API_KEYS),
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE ?? 6000,
    trustProxy: vars.TRUST_PROXY ?? 0,
    logLevel: vars.LOG_LEVEL ?? 'info',
    sessionSecret: vars.SESSION_SECRET ?? generatedSessionSecret,
    sessionSecretGenerated: !vars.SESSION_SECRET,
    ...(vars.SESSION_ENCRYPTION_KEY && { sessionEncryptionKey: vars.SESSION_ENCRYPTION_KEY }),
  };
  if (config.role !== 'worker') requireApiKeysInProduction(config);
  return config;
}

/**
 * An HTTP process in production must not be open to anyone who reaches its port: without a key of
 * either scope it refuses to start, naming the variables to set. A worker serves no HTTP and needs none.
 */
export function requireApiKeysInProduction(config: DispatchConfig): void {
  if (config.nodeEnv === 'production' && config.apiKeys.length === 0 && config.adminApiKeys.length === 0) {
    throw new ConfigError(
      'NODE_ENV=production but neither API_KEYS nor ADMIN_API_KEYS is set: set API_KEYS (dispatch scope) and/or ADMIN_API_KEYS (admin scope) to comma-separated keys',
    );
  }
}

export const DISPATCH_CONFIG = Symbol('DISPATCH_CONFIG');
