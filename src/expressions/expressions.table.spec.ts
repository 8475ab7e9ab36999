import { evaluateInput } from './index';

/** The evaluator's behaviour, one line per case: input string → value after evaluation. */

const scope = {
  input: { userId: 'user_123', email: ' John@Example.COM ', count: 3, price: '2.50', tags: ['a', 'b', 'c'], when: '2026-01-31T10:00:00Z', nested: { deep: { value: 42 } }, empty: null, yes: true },
  session: { user: { email: 'ann@shop.test', id: 7, roles: ['admin', 'ops'] } },
  sequence: { fetch: { status: 200, body: { name: 'Ann', items: [{ sku: 'x1' }, { sku: 'x2' }] } } },
  now: new Date('2026-03-15T12:34:56.789Z'),
};

const cases: Array<[string, unknown]> = [
  // references, typed
  ['$Input{userId}', 'user_123'],
  ['$Input{count}', 3],
  ['$Input{yes}', true],
  ['$Input{empty}', null],
  ['$Input{tags}', ['a', 'b', 'c']],
  ['$Input{tags}{1}', 'b'],
  ['$Input{nested}{deep}', { value: 42 }],
  ['$Input{nested}{deep}{value}', 42],
  ['$Session{user}{email}', 'ann@shop.test'],
  ['$Session{user}{id}', 7],
  ['$Session{user}{roles}{0}', 'admin'],
  ['$Sequence{fetch}{status}', 200],
  ['$Sequence{fetch}{body}{name}', 'Ann'],
  ['$Sequence{fetch}{body}{items}{1}{sku}', 'x2'],
  // interpolated
  ['Hello $Sequence{fetch}{body}{name}!', 'Hello Ann!'],
  ['user $Session{user}{id} of $Input{count}', 'user 7 of 3'],
  ['flag=$Input{yes}', 'flag=true'],
  ['[$Input{empty}]', '[]'],
  ['tags: $Input{tags}', 'tags: ["a","b","c"]'],
  ['obj: $Input{nested}{deep}', 'obj: {"value":42}'],
  [' $Input{count}', ' 3'],
  ['$Input{count}$Input{count}', '33'],
  ['at $Now()', 'at 2026-03-15T12:34:56.789Z'],
  // plain text and escapes
  ['costs $5', 'costs $5'],
  ['$', '$'],
  ['$$', '$$'],
  ['a $ b', 'a $ b'],
  ['${HOME}', '${HOME}'],
  ['$$Input{userId}', '$Input{userId}'],
  ['price: $$Add(1, 2)', 'price: $Add(1, 2)'],
  ['$$$Input{userId}', '$$Input{userId}'],
  ['$$5 and $Input{count}', '$$5 and 3'],
  ['Input{userId}', 'Input{userId}'],
  // $Now and $DateAdd
  ['$Now()', '2026-03-15T12:34:56.789Z'],
  ['$DateAdd($Now(), -30, "days")', '2026-02-13T12:34:56.789Z'],
  ['$DateAdd($Now(), 90, "seconds")', '2026-03-15T12:36:26.789Z'],
  ['$DateAdd($Now(), 2, "minutes")', '2026-03-15T12:36:56.789Z'],
  ['$DateAdd($Now(), -13, "hours")', '2026-03-14T23:34:56.789Z'],
  ['$DateAdd($Now(), 2, "weeks")', '2026-03-29T12:34:56.789Z'],
  ['$DateAdd($Now(), 1, "day")', '2026-03-16T12:34:56.789Z'],
  ['$DateAdd($Now(), 1, "years")', '2027-03-15T12:34:56.789Z'],
  ['$DateAdd($Input{when}, 1, "months")', '2026-02-28T10:00:00.000Z'],
  ['$DateAdd("2028-01-31T00:00:00Z", 1, "months")', '2028-02-29T00:00:00.000Z'],
  ['$DateAdd("2026-03-31", -1, "months")', '2026-02-28T00:00:00.000Z'],
  ['$DateAdd("2026-05-31T08:00:00Z", 1, "months")', '2026-06-30T08:00:00.000Z'],
  ['$DateAdd("2028-02-29T00:00:00Z", 1, "years")', '2029-02-28T00:00:00.000Z'],
  ['$DateAdd("2028-02-29T00:00:00Z", 4, "years")', '2032-02-29T00:00:00.000Z'],
  ['$DateAdd("2026-12-31T23:59:59Z", 1, "seconds")', '2027-01-01T00:00:00.000Z'],
  ['$DateAdd(1767225600000, 1, "days")', '2026-01-02T00:00:00.000Z'],
  ['$DateAdd("2026-01-31T10:00", "2", "months")', '2026-03-31T10:00:00.000Z'],
  ['$DateAdd("2026-01-31T10:00:00+02:00", 1, "hours")', '2026-01-31T09:00:00.000Z'],
  // DST: 2027-03-14 in New York jumps 02:00 EST → 03:00 EDT; 2026-11-01 falls back 02:00 EDT → 01:00 EST.
  ['$DateAdd("2027-03-13T17:00:00Z", 1, "days", "America/New_York")', '2027-03-14T16:00:00.000Z'],
  ['$DateAdd("2027-03-13T17:00:00Z", 24, "hours", "America/New_York")', '2027-03-14T17:00:00.000Z'],
  ['$DateAdd("2027-03-13T07:30:00Z", 1, "days", "America/New_York")', '2027-03-14T07:30:00.000Z'],
  ['$DateAdd("2026-10-31T05:30:00Z", 1, "days", "America/New_York")', '2026-11-01T05:30:00.000Z'],
  ['$DateAdd("2026-10-31T16:00:00Z", 1, "days", "America/New_York")', '2026-11-01T17:00:00.000Z'],
  ['$DateAdd("2027-02-14T14:00:00Z", 1, "months", "America/New_York")', '2027-03-14T13:00:00.000Z'],
  ['$DateAdd("2026-01-31T23:30:00Z", 1, "months", "Europe/Paris")', '2026-02-28T23:30:00.000Z'],
  ['$DateAdd("2026-01-31T22:30:00Z", 1, "months")', '2026-02-28T22:30:00.000Z'],
  // $Format
  ['$Format($Now(), "YYYY-MM-DD")', '2026-03-15'],
  ['$Format($Now(), "D/M/YY H:m:s.SSS")', '15/3/26 12:34:56.789'],
  ['$Format($Now(), "dddd, MMMM D [at] h:mm A")', 'Sunday, March 15 at 12:34 PM'],
  ['$Format($Now(), "ddd MMM DD hh a")', 'Sun Mar 15 12 pm'],
  ['$Format($Now(), "HH:mm Z", "America/New_York")', '08:34 -04:00'],
  ['$Format($Now(), "HH:mmZZ", "Asia/Kolkata")', '18:04+0530'],
  ['$Format("2026-01-01T00:00:00Z", "X x")', '1767225600 1767225600000'],
  ['$Format($DateAdd($Now(), -1, "days"), "YYYY-MM-DD")', '2026-03-14'],
  // text functions
  ['$Concat("a", "-", $Input{count}, true, null)', 'a-3true'],
  ['$Concat($Input{tags})', '["a","b","c"]'],
  ['$Uppercase($Session{user}{email})', 'ANN@SHOP.TEST'],
  ['$Lowercase($Trim($Input{email}))', 'john@example.com'],
  ['$Trim("  x y  ")', 'x y'],
  ['$Substring("dispatch", 0, 4)', 'disp'],
  ['$Substring("dispatch", 4)', 'atch'],
  ['$Substring("dispatch", -3)', 'tch'],
  ['$Substring("héllo wörld", 1, 5)', 'éllo'],
  ['$Replace("a-b-c", "-", "+")', 'a+b+c'],
  ['$Replace($Session{user}{email}, "@", " at ")', 'ann at shop.test'],
  ['$Split("a,b,,c", ",")', ['a', 'b', '', 'c']],
  ['$Split("abc", "")', ['a', 'b', 'c']],
  ['$Join($Input{tags}, " | ")', 'a | b | c'],
  ['$Join($Input{tags})', 'a,b,c'],
  ['$Join($Split("x y z", " "), "")', 'xyz'],
  ['$Uppercase(12)', '12'],
  ['$Concat("say \\"hi\\"", \' and \\\'bye\\\'\')', 'say "hi" and \'bye\''],
  // numbers
  ['$Add(1, 2)', 3],
  ['$Add($Input{count}, $Input{price}, -0.5)', 5],
  ['$Subtract(10, $Input{count})', 7],
  ['$Subtract(1.5e3, 0.5)', 1499.5],
  ['total: $Add($Input{count}, 1)', 'total: 4'],
  // $Length and $Pick
  ['$Length("héllo")', 5],
  ['$Length($Input{tags})', 3],
  ['$Length($Session{user})', 3],
  ['$Pick($Sequence{fetch}{body}, "items", 0, "sku")', 'x1'],
  ['$Pick($Input{nested}, "deep")', { value: 42 }],
  // nesting
  ['$Uppercase($Substring($Concat($Sequence{fetch}{body}{name}, "-", $Input{userId}), 0, 5))', 'ANN-U'],
  ['$Length($Split($Join($Input{tags}, ","), ","))', 3],
  ['$Format($DateAdd($DateAdd($Now(), 1, "months"), -1, "days"), "YYYY-MM-DD")', '2026-04-14'],
  ['$Add($Length($Input{tags}), $Length($Session{user}{roles}), $Subtract(10, 4))', 11],
  ['$Concat( "a" ,  $Trim( " b " ) )', 'ab'],
  ['Report for $Uppercase($Session{user}{roles}{1}) due $Format($DateAdd($Now(), 7, "days"), "MMM D")', 'Report for OPS due Mar 22'],
];

describe('expressions: evaluation table', () => {
  it('has at least 60 cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));

  it.each(cases)('%s', (text, expected) => {
    expect(evaluateInput(text, scope)).toEqual(expected);
  });
});
