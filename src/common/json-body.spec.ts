import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { bodyLimitBytes, parseJsonBody } from './json-body';

const parse = (text: string, contentType = 'application/json') => parseJsonBody(contentType, Buffer.from(text, 'utf8'));
const answer = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return { type: (error as Error).constructor, body: (error as BadRequestException).getResponse() };
  }
  throw new Error('no error');
};

describe('parseJsonBody', () => {
  it('reads UTF-8 JSON objects and arrays, with or without a charset, and an empty body as {}', () => {
    expect(parse('{"a":1,"b":"é"}')).toEqual({ a: 1, b: 'é' });
    expect(parse('[1,2]', 'application/json; charset=utf-8')).toEqual([1, 2]);
    expect(parse('{}', 'application/json; charset="UTF-8"')).toEqual({});
    expect(parse('')).toEqual({});
  });

  it.each(['{', '{"a":', "{'a':1}", 'null', '42', '"text"', 'true'])('answers 400 naming the body for %s', (text) => {
    expect(answer(() => parse(text))).toEqual({
      type: BadRequestException,
      body: { statusCode: 400, error: 'Bad Request', field: 'body', message: ['body is not valid JSON'] },
    });
  });

  it('answers 415 for a charset other than UTF-8, naming it', () => {
    expect(answer(() => parse('{}', 'application/json; charset=koi8-r'))).toEqual({
      type: UnsupportedMediaTypeException,
      body: { statusCode: 415, error: 'Unsupported Media Type', field: 'body', message: 'unsupported charset "KOI8-R"' },
    });
  });

  it('refuses prototype keys and bodies nested too deeply, naming where', () => {
    expect(answer(() => parse('{"input":{"__proto__":{"x":1}}}')).body).toMatchObject({ field: 'input.__proto__' });
    expect(answer(() => parse('{"a":{"constructor":{"prototype":{}}}}')).body).toMatchObject({ field: 'a.constructor.prototype' });
    expect(answer(() => parse(`{"a":${'['.repeat(100)}${']'.repeat(100)}}`)).body).toMatchObject({ statusCode: 400, field: expect.stringMatching(/^a(\.0)+$/) });
  });
});

describe('bodyLimitBytes', () => {
  it('reads sizes as BODY_LIMIT is written, and refuses what is not one', () => {
    expect(bodyLimitBytes('16mb')).toBe(16 * 1024 * 1024);
    expect(bodyLimitBytes('100kb')).toBe(102_400);
    expect(() => bodyLimitBytes('lots')).toThrow("BODY_LIMIT: 'lots' is not a size such as 16mb");
  });
});
