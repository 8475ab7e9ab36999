import fc from 'fast-check';
import { findJsonShapeProblem, MAX_JSON_DEPTH } from './json-shape';

const parse = (json: string): unknown => JSON.parse(json);
const nested = (depth: number, open = '[', close = ']') => parse(`${open.repeat(depth)}1${close.repeat(depth)}`);

describe('findJsonShapeProblem', () => {
  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, naming where`, () => {
    expect(findJsonShapeProblem(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(findJsonShapeProblem(nested(MAX_JSON_DEPTH + 1))).toEqual({
      field: Array(MAX_JSON_DEPTH).fill('0').join('.'),
      message: `${Array(MAX_JSON_DEPTH).fill('0').join('.')} is nested deeper than ${MAX_JSON_DEPTH} levels`,
    });
    expect(findJsonShapeProblem(nested(3, '{"a":', '}'), 2)).toEqual({ field: 'a.a', message: 'a.a is nested deeper than 2 levels' });
  });

  it('walks a very deep body without overflowing the stack', () => {
    expect(findJsonShapeProblem(nested(200_000))?.message).toMatch(/is nested deeper than/);
  });

  it('refuses a lone surrogate in a value or a key, and accepts a well-formed pair', () => {
    expect(findJsonShapeProblem(parse('{"input":{"body":["ok","a\\udfffb"]}}'))).toEqual({
      field: 'input.body.1',
      message: 'input.body.1 holds a lone UTF-16 surrogate: strings must be Unicode text',
    });
    expect(findJsonShapeProblem(parse('{"x\\ud800":1}'))?.field).toBe('x\ud800');
    expect(findJsonShapeProblem(parse('"\\ud800"'))?.field).toBe('body');
    expect(findJsonShapeProblem(parse('{"emoji":"\\ud83d\\ude00","text":"é\\u0000"}'))).toBeNull();
  });

  it('accepts every JSON value of well-formed text within the depth', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 10 }), (value) => {
        expect(findJsonShapeProblem(parse(JSON.stringify(value)))).toBeNull();
      }),
    );
  });
});
