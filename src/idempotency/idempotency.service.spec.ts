import { hashRequest } from './idempotency.service';

describe('hashRequest', () => {
  it('ignores key order, so a repeat with reordered fields is a repeat', () => {
    expect(hashRequest('actions', { a: 1, b: { c: [1, 2], d: 'x' } })).toBe(hashRequest('actions', { b: { d: 'x', c: [1, 2] }, a: 1 }));
  });

  it('tells apart other values, array orders and namespaces', () => {
    const base = hashRequest('actions', { a: [1, 2] });
    expect(hashRequest('actions', { a: [2, 1] })).not.toBe(base);
    expect(hashRequest('actions', { a: [1, 2, 3] })).not.toBe(base);
    expect(hashRequest('events', { a: [1, 2] })).not.toBe(base);
  });
});
