/** Lifecycle of a job row (DESIGN §2). */
export const JOB_STATUSES = ['scheduled', 'queued', 'running', 'completed', 'failed', 'cancelled', 'paused'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses after which a job never runs again. */
export const FINISHED_STATUSES: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

/**
 * Outcome of one attempt of one occurrence. `skipped` records occurrences missed during downtime;
 * `cached` a success that reused an identical run's result instead of calling the target (DESIGN §6).
 */
export const RUN_STATUSES = ['running', 'completed', 'failed', 'skipped', 'cached'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const NAMESPACES = [
  'actions',
  'features',
  'notifications',
  'storage',
  'events',
  'database-actions',
  'database-operations',
  'graph-actions',
  'graph-operations',
] as const;
export type Namespace = (typeof NAMESPACES)[number];
