export { InvalidScheduleError } from './invalid-schedule.error';
export { MAX_STORED_INSTANT, normalizeSchedule, previewSchedule } from './normalize-schedule';
export { countRunsBetween, firstRunAt, isRecurring, nextRunAfter, upcomingRuns } from './schedule-times';
export type { Schedule, ScheduleInput } from './schedule.types';
