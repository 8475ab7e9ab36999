import { describeValue, exceedsDepth, isPlainObject } from './plain-values';

describe('plain values', () => {
  it('takes literals and null-prototype objects as plain, and nothing else', () => {
    expect(isPlainObject({ a: 1 })).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    for (const value of [null, [], new Date(), Buffer.from('x'), new Map(), 'x', 1]) expect(isPlainObject(value)).toBe(false);
  });

  it('names what a message got', () => {
    expect([null, [], NaN, Infinity, 'x', 1, {}, true].map(describeValue)).toEqual(['null', 'array', 'NaN', 'Infinity', 'string', 'number', 'object', 'boolean']);
  });

  it('tells nesting deeper than a number of levels', () => {
    expect(exceedsDepth({ a: 1 }, 1)).toBe(false);
    expect(exceedsDepth({ a: { b: 1 } }, 2)).toBe(false);
    expect(exceedsDepth({ a: { b: {} } }, 2)).toBe(true);
    expect(exceedsDepth([[[]]], 2)).toBe(true);
    expect(exceedsDepth('scalar', 0)).toBe(false);
  });
});
