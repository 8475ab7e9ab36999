import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, validateSync } from 'class-validator';

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
   * overlaps the runs in progress instead of waiting for them.
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
  /** Run pending migrations at start-up; off in processes whose parent has already run them. */
  migrateOnStart: boolean;
}

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

  @IsOptional() @IsIn(['true', 'false'])
  MIGRATE_ON_START?: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment once; a bad value stops start-up naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): DispatchConfig {
  const vars = plainToInstance(EnvironmentVariables, env, { excludeExtraneousValues: false });
  const errors = validateSync(vars, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return {
    databaseUrl: vars.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/dispatch',
    redisUrl: vars.REDIS_URL ?? 'redis://127.0.0.1:6379',
    queuePrefix: vars.QUEUE_PREFIX ?? 'dispatch',
    port: vars.PORT ?? 3000,
    role: vars.ROLE ?? 'all',
    resourcesFile: vars.RESOURCES_FILE ?? 'resources.yaml',
    workerConcurrency: vars.WORKER_CONCURRENCY ?? 50,
    workerPrefetch: vars.WORKER_PREFETCH ?? vars.WORKER_CONCURRENCY ?? 50,
    horizonMs: vars.SCHEDULE_HORIZON_MS ?? 5 * 60_000,
    reconcileIntervalMs: vars.RECONCILE_INTERVAL_MS ?? 30_000,
    shutdownTimeoutMs: vars.SHUTDOWN_TIMEOUT_MS ?? 30_000,
    lockDurationMs: vars.WORKER_LOCK_MS ?? 30_000,
    runRetentionDays: vars.RUN_RETENTION_DAYS ?? 30,
    bodyLimit: vars.BODY_LIMIT ?? '16mb',
    apiProcesses: vars.API_PROCESSES ?? 1,
    migrateOnStart: vars.MIGRATE_ON_START !== 'false',
  };
}

export const DISPATCH_CONFIG = Symbol('DISPATCH_CONFIG');
