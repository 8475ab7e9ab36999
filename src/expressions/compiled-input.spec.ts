import { CompiledInput, compileInput, evaluateInput, ExpressionError, hasExpressions } from './index';

const now = new Date('2026-03-15T12:00:00Z');

describe('compileInput / evaluateInput', () => {
  it('resolves expressions anywhere in a value and shares the parts without any', () => {
    const untouched = { seen: true, tags: ['x'] };
    const input = {
      email: { recipients: ['$Session{user}{email}', 'ops@shop.test'], subject: { userId: '$Session{user}{id}' } },
      body: untouched,
      filter: { createdAt: { $lt: '$DateAdd($Now(), -30, "days")' } },
      count: 3,
    };
    const compiled = compileInput(input);
    const result = compiled.evaluate({ session: { user: { email: 'ann@shop.test', id: 7 } }, now }) as typeof input;
    expect(result).toEqual({
      email: { recipients: ['ann@shop.test', 'ops@shop.test'], subject: { userId: 7 } },
      body: untouched,
      filter: { createdAt: { $lt: '2026-02-13T12:00:00.000Z' } },
      count: 3,
    });
    expect(result.body).toBe(untouched);
    expect(input.email.recipients[0]).toBe('$Session{user}{email}');
  });

  it('gives a fresh date on each evaluation of the same compiled input', () => {
    const compiled = compileInput({ filter: { before: '$DateAdd($Now(), -30, "days")' } });
    const first = compiled.evaluate({ now: new Date('2026-03-01T03:00:00Z') });
    const second = compiled.evaluate({ now: new Date('2026-03-02T03:00:00Z') });
    expect(first).toEqual({ filter: { before: '2026-01-30T03:00:00.000Z' } });
    expect(second).toEqual({ filter: { before: '2026-01-31T03:00:00.000Z' } });
  });

  it('returns a value without expressions as the same object, compiled or not', () => {
    const input = { body: { note: 'costs $5', list: [1, 'a'] } };
    const compiled = compileInput(input);
    expect(compiled).toBeInstanceOf(CompiledInput);
    expect(compiled.hasExpressions).toBe(false);
    expect(compiled.evaluate({ now })).toBe(input);
    expect(evaluateInput(input, { now })).toBe(input);
    expect(hasExpressions(input)).toBe(false);
    for (const value of [null, 1, true, 'x', [], {}]) expect(evaluateInput(value, { now })).toBe(value);
  });

  it('counts an escaped expression as something to evaluate', () => {
    expect(hasExpressions({ a: ['$$Input{x}'] })).toBe(true);
    expect(evaluateInput({ a: ['$$Input{x}'] }, { now })).toEqual({ a: ['$Input{x}'] });
  });

  it('names the path and what is missing when a reference has no value', () => {
    const input = { email: { recipients: ['$Session{user}{email}'] } };
    const attempt = (scope: Parameters<typeof evaluateInput>[1]) => () => evaluateInput(input, scope);
    expect(attempt({ session: { user: { id: 1 } }, now })).toThrow(
      expect.objectContaining({ path: 'input.email.recipients[0]', column: 1, message: '$Session{user}{email}: no value at session.user.email' }),
    );
    expect(attempt({ now })).toThrow('$Session{user}{email}: no value at session.user.email (the job has no session)');
    expect(() => evaluateInput('step: $Sequence{fetch}{body}', { sequence: {}, now })).toThrow(
      expect.objectContaining({ column: 7, message: '$Sequence{fetch}{body}: no value at sequence.fetch.body' }),
    );
  });

  it('locates a failing function call inside nested expressions', () => {
    let thrown: ExpressionError | undefined;
    try {
      evaluateInput({ q: 'x $Uppercase($DateAdd($Input{when}, 1, "days"))' }, { input: { when: 'soon' }, now });
    } catch (error) {
      thrown = error as ExpressionError;
    }
    expect(thrown).toBeInstanceOf(ExpressionError);
    expect(thrown?.toProblem()).toEqual({
      path: 'input.q',
      column: 14,
      message: '$DateAdd($Input{when}, 1, "days"): argument 1 must be a date (ISO 8601 text or epoch milliseconds), got text',
    });
    expect(thrown?.message).not.toContain('soon');
  });

  it('does not reach into prototypes', () => {
    expect(() => evaluateInput('$Input{constructor}', { input: {}, now })).toThrow('no value at input.constructor');
    expect(() => evaluateInput('$Input{a}{length}', { input: { a: [1] }, now })).toThrow('no value at input.a.length');
    const input = JSON.parse('{"__proto__": "$Input{x}"}') as Record<string, unknown>;
    const result = evaluateInput(input, { input: { x: 'polluted' }, now }) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toBe('polluted');
  });

  it('keeps the compiled form of a frozen value, which cannot change between runs', () => {
    const step = Object.freeze({ params: Object.freeze({ id: '$Input{userId}' }) });
    expect(evaluateInput(step, { input: { userId: 'u1' }, now })).toEqual({ params: { id: 'u1' } });
    expect(evaluateInput(step, { input: { userId: 'u2' }, now })).toEqual({ params: { id: 'u2' } });
  });

  it('evaluates a large input without expressions quickly', () => {
    const input = { rows: Array.from({ length: 10_000 }, (_, i) => ({ id: i, name: `row ${i}`, price: '$5' })) };
    const started = performance.now();
    for (let i = 0; i < 20; i++) expect(evaluateInput(input, { now })).toBe(input);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
