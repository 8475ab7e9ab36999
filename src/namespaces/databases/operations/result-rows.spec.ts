import { capRows, numericValue } from './result-rows';

describe('capRows', () => {
  it('keeps every row within the caps, with binary as base64', () => {
    expect(capRows([{ a: 1, b: Buffer.from('hi') }])).toEqual({ rows: [{ a: 1, b: 'aGk=' }] });
  });

  it('stops at 1000 rows and at the byte cap, saying how many were returned', () => {
    const many = Array.from({ length: 1500 }, (_, i) => ({ i }));
    expect(capRows(many).truncated).toEqual({ returned: 1500, kept: 1000 });
    const wide = Array.from({ length: 10 }, () => ({ text: 'x'.repeat(100) }));
    const capped = capRows(wide, 500);
    expect(capped.rows).toHaveLength(4);
    expect(capped.truncated).toEqual({ returned: 10, kept: 4 });
  });
});

describe('numericValue', () => {
  it.each<[unknown, unknown]>([
    ['3', 3],
    ['4.0000', 4],
    ['-2.5', -2.5],
    ['123456789012345', 123456789012345],
    ['1234567890123456789', '1234567890123456789'],
    ['abc', 'abc'],
    [7, 7],
    [null, null],
  ])('%j → %j', (input, output) => expect(numericValue(input)).toEqual(output));
});
