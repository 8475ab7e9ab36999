import { parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    [0, 0],
    [1500, 1500],
    ['250', 250],
    ['500ms', 500],
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    [' 10s ', 10_000],
    ['0s', 0],
  ])('reads %p as %p ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    [-1],
    [1.5],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [''],
    ['   '],
    ['s'],
    ['1.5s'],
    ['-5s'],
    ['30 s'],
    ['30S'],
    ['5M'],
    ['1w'],
    ['10sec'],
    ['1h30m'],
    ['99999999999999999999d'],
    [null],
    [undefined],
    [true],
    [{ ms: 5 }],
    [['5s']],
  ])('rejects %p', (input) => {
    expect(() => parseDuration(input)).toThrow('Invalid duration');
  });

  it('rejects a count that would overflow safe integers once scaled', () => {
    expect(() => parseDuration(`${Number.MAX_SAFE_INTEGER}d`)).toThrow('Invalid duration');
  });

  it('leaves the rejected value out of the error', () => {
    expect(() => parseDuration('hunter2')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }));
  });
});
