import type { Schedule } from '../scheduler/schedule';
import { resumePlan, waitingStatus } from './job-lifecycle';

const NOW = Date.parse('2027-01-10T12:00:30Z');
const job = (over: { recurring: boolean; occurrence: number; schedule: Schedule; nextRunAt?: Date | null }) => ({ nextRunAt: null, ...over });

describe('resumePlan', () => {
  it("runs a one-off job whose occurrence ended (an admin retry) at its next occurrence, else at its own", () => {
    const oneOff = job({ recurring: false, occurrence: 1, schedule: { startAt: NOW - 1000 }, nextRunAt: new Date(NOW + 5000) });
    expect(resumePlan(oneOff, NOW, true)).toEqual({ runAt: NOW + 5000, occurrence: 2 });
    expect(resumePlan(oneOff, NOW, false)).toEqual({ runAt: NOW + 5000, occurrence: 1 });
  });

  it('runs a recurring job at its next cron time after now, not at the one missed while paused', () => {
    const plan = resumePlan(job({ recurring: true, occurrence: 2, schedule: { startAt: 0, cron: '* * * * *', tz: 'UTC' }, nextRunAt: new Date(NOW - 600_000) }), NOW);
    expect(plan).toEqual({ runAt: Date.parse('2027-01-10T12:01:00Z'), occurrence: 3 });
  });

  it('counts an every schedule from its grid after now', () => {
    const plan = resumePlan(job({ recurring: true, occurrence: 1, schedule: { startAt: NOW - 10_500, every: 1000 } }), NOW);
    expect(plan).toEqual({ runAt: NOW + 500, occurrence: 2 });
  });

  it('keeps a recurring job that never ran at its start time when that is still ahead', () => {
    const plan = resumePlan(job({ recurring: true, occurrence: 0, schedule: { startAt: NOW + 60_000, every: 5000 } }), NOW);
    expect(plan).toEqual({ runAt: NOW + 60_000, occurrence: 1 });
  });

  it('has nothing left to run once the limit is reached or the end date passed', () => {
    expect(resumePlan(job({ recurring: true, occurrence: 3, schedule: { startAt: 0, every: 1000, limit: 3 } }), NOW)).toEqual({ runAt: null });
    expect(resumePlan(job({ recurring: true, occurrence: 1, schedule: { startAt: 0, every: 1000, endDate: NOW - 1 } }), NOW)).toEqual({ runAt: null });
  });

  it('runs a one-off at its start time, or now when that passed while paused', () => {
    expect(resumePlan(job({ recurring: false, occurrence: 0, schedule: { startAt: NOW + 5000 }, nextRunAt: new Date(NOW + 5000) }), NOW)).toEqual({ runAt: NOW + 5000, occurrence: 1 });
    expect(resumePlan(job({ recurring: false, occurrence: 0, schedule: { startAt: NOW - 5000 }, nextRunAt: new Date(NOW - 5000) }), NOW)).toEqual({ runAt: NOW, occurrence: 1 });
  });
});

describe('waitingStatus', () => {
  it('is queued when due now and scheduled when due later', () => {
    expect(waitingStatus(NOW, NOW)).toBe('queued');
    expect(waitingStatus(NOW + 1, NOW)).toBe('scheduled');
  });
});
