import { findReference } from './input-references';

describe('findReference', () => {
  it.each([
    ['a whole-string reference', { to: '$Session{user}{email}' }, { path: 'input.to', column: 1, source: '$Session{user}{email}' }],
    ['one inside text', { body: { greeting: 'Hi $Session{user}{name}!' } }, { path: 'input.body.greeting', column: 4, source: '$Session{user}{name}' }],
    ['one nested in a call, in a list', { to: ['a@shop.test', '$Lowercase($Trim($Session{user}{email}))'] }, { path: 'input.to[1]', column: 18, source: '$Session{user}{email}' }],
  ])('finds %s', (_, input, expected) => {
    expect(findReference(input, 'Session')).toEqual(expected);
  });

  it.each([
    ['other roots', { a: '$Input{x}', b: '$Sequence{step}{body}', c: '$Now()' }],
    ['an escaped reference', { a: '$$Session{user}' }],
    ['object keys', { $Session: 1, '$Session{user}': 2 }],
    ['plain dollars and non-strings', { price: 'costs $5', n: 5, nothing: null, yes: true }],
    ['a malformed string', { a: '$Session{user' }],
  ])('finds nothing in %s', (_, input) => {
    expect(findReference(input, 'Session')).toBeUndefined();
  });

  it('reports the first reference in document order', () => {
    expect(findReference({ a: 'x', b: ['$Input{y}', '$Session{first}'], c: '$Session{second}' }, 'Session')?.source).toBe('$Session{first}');
  });
});
