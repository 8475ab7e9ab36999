import { pendingOccurrence } from './pending-occurrence';

describe('pendingOccurrence', () => {
  it('is the next occurrence of a recurring job, whatever became of the last one', () => {
    expect(pendingOccurrence({ recurring: true, occurrence: 0 }, false)).toBe(1);
    expect(pendingOccurrence({ recurring: true, occurrence: 3 }, false)).toBe(4);
    expect(pendingOccurrence({ recurring: true, occurrence: 3 }, true)).toBe(4);
  });

  it('is the only occurrence of a one-off job, also while a failed attempt of it waits to be retried', () => {
    expect(pendingOccurrence({ recurring: false, occurrence: 0 }, false)).toBe(1);
    expect(pendingOccurrence({ recurring: false, occurrence: 1 }, false)).toBe(1);
  });

  it('is the one after an ended occurrence of a one-off job: an admin retry gave it another', () => {
    expect(pendingOccurrence({ recurring: false, occurrence: 1 }, true)).toBe(2);
    expect(pendingOccurrence({ recurring: false, occurrence: 2 }, true)).toBe(3);
  });
});
