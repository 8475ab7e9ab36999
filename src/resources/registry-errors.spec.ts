import { formatProblem, RegistryValidationError, UnknownResourceError } from './registry-errors';

describe('RegistryValidationError', () => {
  it('lists every problem, indented, under one heading', () => {
    const error = new RegistryValidationError(['a.b: is required', 'c: is not a known key']);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('RegistryValidationError');
    expect(error.problems).toEqual(['a.b: is required', 'c: is not a known key']);
    expect(error.message).toBe('Invalid resource registry:\n  a.b: is required\n  c: is not a known key');
  });

  it('formats structured problems, leaving the path off for the document as a whole', () => {
    expect(formatProblem({ path: 'x.y', message: 'bad' })).toBe('x.y: bad');
    expect(formatProblem({ path: '', message: 'bad' })).toBe('bad');
    expect(RegistryValidationError.fromProblems([{ path: 'p', message: 'm' }]).problems).toEqual(['p: m']);
  });
});

describe('UnknownResourceError', () => {
  it.each([
    [UnknownResourceError.product('shop2'), 'product', 'shop2', 'product', "Unknown product 'shop2'"],
    [UnknownResourceError.env('shop', 'stg'), 'env', 'stg', 'env', "Unknown env 'stg' for product 'shop'"],
    [UnknownResourceError.inProduct('app', 'mailer2', 'shop'), 'app', 'mailer2', 'app', "Unknown app 'mailer2' in product 'shop'"],
    [
      UnknownResourceError.event('shop', 'mailer', 'foo'),
      'event',
      'foo',
      'event',
      "Unknown event 'foo' for app 'mailer' in product 'shop'",
    ],
    [
      UnknownResourceError.inProduct('broker', 'bus2', 'shop'),
      'broker',
      'bus2',
      'broker',
      "Unknown broker 'bus2' in product 'shop'",
    ],
    [
      UnknownResourceError.inProduct('storage', 'x', 'shop', 'storage'),
      'storage',
      'x',
      'storage',
      "Unknown storage 'x' in product 'shop'",
    ],
  ])('%#: carries kind, name, field and message', (error, kind, name, field, message) => {
    expect(error).toBeInstanceOf(UnknownResourceError);
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe(kind);
    expect(error.name).toBe(name);
    expect(error.field).toBe(field);
    expect(error.message).toBe(message);
  });

  it('keeps the class name at the head of its stack and text form', () => {
    const error = UnknownResourceError.product('shop2');
    expect(String(error)).toBe("UnknownResourceError: Unknown product 'shop2'");
    expect(error.stack?.split('\n')[0]).toBe("UnknownResourceError: Unknown product 'shop2'");
    expect(error.stack).toContain('registry-errors');
  });
});
