import { JobEntity } from './entities/job.entity';
import { planClaim } from './occurrence-claim';
import { normalizeSchedule, ScheduleInput } from './schedule';

const T0 = Date.parse('2026-06-01T00:00:00Z');

function job(input: ScheduleInput, nextRunAt: number): JobEntity {
  const j = new JobEntity();
  j.schedule = normalizeSchedule(input, T0);
  j.recurring = Boolean(input.cron || input.every);
  j.nextRunAt = new Date(nextRunAt);
  return j;
}

describe('planClaim', () => {
  it('has nothing after a one-off job', () => {
    expect(planClaim(job({ start_at: T0 }, T0), 1, T0)).toEqual({ nextRunAt: null, skipped: 0 });
  });

  it('chains the next interval from the due time, not from now, so a late start does not drift', () => {
    expect(planClaim(job({ every: 60_000 }, T0), 1, T0 + 250)).toEqual({ nextRunAt: T0 + 60_000, skipped: 0 });
  });

  it('stops at the limit', () => {
    const j = job({ every: 1000, limit: 3 }, T0 + 2000);
    expect(planClaim(j, 2, T0 + 2000).nextRunAt).toBe(T0 + 3000);
    expect(planClaim(j, 3, T0 + 2000)).toEqual({ nextRunAt: null, skipped: 0 });
  });

  it('stops at the end date', () => {
    const j = job({ every: 1000, endDate: T0 + 1500 }, T0 + 1000);
    expect(planClaim(j, 2, T0 + 1000)).toEqual({ nextRunAt: null, skipped: 0 });
  });

  it('after downtime: this run is the catch-up, the missed run times are skipped, the schedule goes on from now', () => {
    const j = job({ every: 1000 }, T0);
    expect(planClaim(j, 1, T0 + 4500)).toEqual({ nextRunAt: T0 + 5000, skipped: 4 });
  });

  it('counts skipped cron run times in the zone', () => {
    const j = job({ cron: '0 * * * *', tz: 'Europe/Berlin' }, T0);
    expect(planClaim(j, 1, T0 + 3 * 3_600_000 + 60_000)).toEqual({ nextRunAt: T0 + 4 * 3_600_000, skipped: 3 });
  });
});
