import fc from 'fast-check';
import { findPrototypeKey } from './prototype-keys';

const parse = (json: string): unknown => JSON.parse(json);

describe('findPrototypeKey', () => {
  it('finds __proto__ at any depth, in objects and arrays, with its path', () => {
    expect(findPrototypeKey(parse('{"__proto__":{"x":1}}'))).toBe('__proto__');
    expect(findPrototypeKey(parse('{"a":{"b":[1,{"__proto__":null}]}}'))).toBe('a.b.1.__proto__');
    expect(findPrototypeKey(parse('[{"__proto__":1}]'))).toBe('0.__proto__');
  });

  it('finds constructor.prototype, and leaves a constructor without prototype alone', () => {
    expect(findPrototypeKey(parse('{"constructor":{"prototype":{"x":1}}}'))).toBe('constructor.prototype');
    expect(findPrototypeKey(parse('{"input":{"constructor":{"prototype":null}}}'))).toBe('input.constructor.prototype');
    expect(findPrototypeKey(parse('{"constructor":"Ada"}'))).toBeNull();
    expect(findPrototypeKey(parse('{"constructor":{"name":"Ada"}}'))).toBeNull();
    expect(findPrototypeKey(parse('{"prototype":{"x":1}}'))).toBeNull();
  });

  it('accepts scalars, null and ordinary values', () => {
    for (const value of [null, 1, 'x', true, [], {}, { proto: 1, __proto: 2, '__proto__ ': 3 }]) expect(findPrototypeKey(value)).toBeNull();
  });

  it('walks a very deep body without overflowing the stack', () => {
    const depth = 200_000;
    const deep = parse(`${'['.repeat(depth)}{"__proto__":1}${']'.repeat(depth)}`);
    expect(findPrototypeKey(deep)).toMatch(/__proto__$/);
  });

  it('finds nothing in any JSON value without those keys, and always finds one that was planted', () => {
    const safeKey = fc.string().filter((k) => k !== '__proto__' && k !== 'constructor');
    const json = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 0 }), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(safeKey, tie('value'), { maxKeys: 4 })),
    })).value;
    fc.assert(
      fc.property(json, (value) => {
        const body = parse(JSON.stringify(value));
        expect(findPrototypeKey(body)).toBeNull();
        const planted = parse(`{"data":${JSON.stringify(value) ?? 'null'},"__proto__":{}}`);
        expect(findPrototypeKey(planted)).toBe('__proto__');
      }),
      { numRuns: 300 },
    );
  });
});
