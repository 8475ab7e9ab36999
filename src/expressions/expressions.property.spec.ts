import fc from 'fast-check';
import { compileInput, evaluateInput, ExpressionError, findExpressionProblems } from './index';
import { dateAdd, DateUnit } from './dates';

const now = new Date('2026-03-15T12:00:00Z');

/** Strings made of the grammar's own characters, so that the parser's error paths are actually reached. */
const grammarish = fc
  .array(
    fc.oneof(
      fc.constantFrom('$', '$$', '$Input', '$Session', '$Sequence', '$Now', '$DateAdd', '$Concat', '$Pick', '$Foo', '$x'),
      fc.constantFrom('{', '}', '(', ')', ',', '"', "'", '\\', ' ', '-', '1', '2.5', 'true', 'null', '"days"', 'a', 'é', '😀'),
      fc.string({ maxLength: 4 }),
    ),
    { maxLength: 30 },
  )
  .map((pieces) => pieces.join(''));

function onlyExpressionErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    expect(error.column).toBeGreaterThanOrEqual(1);
  }
}

describe('expressions: properties', () => {
  it('parsing never throws anything but an ExpressionError, on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), grammarish), (text) => {
        onlyExpressionErrors(() => compileInput(text));
        const problems = findExpressionProblems(text);
        expect(problems.length).toBeLessThanOrEqual(1);
        for (const problem of problems) expect(problem.column).toBeLessThanOrEqual(text.length + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('evaluation never throws anything but an ExpressionError, whatever the data', () => {
    fc.assert(
      fc.property(grammarish, fc.jsonValue(), (text, data) => {
        onlyExpressionErrors(() => evaluateInput(text, { input: data, session: data, sequence: { a: data }, now }));
      }),
      { numRuns: 2000 },
    );
  });

  it('a string without expressions comes back as it was', () => {
    fc.assert(
      fc.property(fc.string().filter((text) => !text.includes('$')), (text) => {
        expect(evaluateInput(text, { now })).toBe(text);
      }),
    );
  });

  it('$DateAdd(d, n, unit) then -n gives d back, for seconds to days (UTC)', () => {
    const units: DateUnit[] = ['seconds', 'minutes', 'hours', 'days'];
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -100_000, max: 100_000 }),
        fc.constantFrom(...units),
        (date, amount, unit) => {
          const text = `$DateAdd($DateAdd($Input{d}, ${amount}, "${unit}"), ${-amount}, "${unit}")`;
          expect(evaluateInput(text, { input: { d: date.toISOString() }, now })).toBe(date.toISOString());
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('in a zone, elapsed units (seconds to hours) always go back to the same instant', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -10_000, max: 10_000 }),
        fc.constantFrom<DateUnit>('seconds', 'minutes', 'hours'),
        fc.constantFrom('America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'),
        (date, amount, unit, zone) => {
          expect(dateAdd(dateAdd(date, amount, unit, zone), -amount, unit, zone).getTime()).toBe(date.getTime());
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('in a zone, adding days keeps the wall-clock time except inside a skipped hour', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: -400, max: 400 }),
        (date, days) => {
          const zone = 'Europe/Berlin';
          const wall = (d: Date) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(d);
          const moved = dateAdd(date, days, 'days', zone);
          const [hour] = wall(date).split(':').map(Number);
          // Berlin skips 02:00-02:59 once a year; a time in it moves forward by the skipped hour.
          if (hour !== 2) expect(wall(moved)).toBe(wall(date));
        },
      ),
      { numRuns: 1000 },
    );
  });
});
