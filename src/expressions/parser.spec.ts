import { compileInput, ExpressionError, findExpressionProblems, formatExpressionProblem, MAX_EXPRESSION_NESTING } from './index';

/** Malformed expressions: each is refused at compile time with its column and a message naming the fault. */
const errors: Array<[string, number, string]> = [
  ['$Foo()', 1, 'unknown function $Foo'],
  ['x $Foo(1, 2)', 3, 'unknown function $Foo'],
  ['$Bar{a}', 1, 'unknown reference $Bar'],
  ['$dateAdd($Now(), 1, "days")', 1, 'unknown function $dateAdd (did you mean $DateAdd?)'],
  ['$input{a}', 1, 'unknown reference $input (did you mean $Input?)'],
  ['$Input(a)', 1, '$Input is a reference: write $Input{field}'],
  ['$Now{x}', 1, '$Now is a function: write $Now(…)'],
  ['$Input{a', 7, 'unclosed { in $Input'],
  ['$Input{a}{', 10, 'unclosed { in $Input'],
  ['$Session{}', 9, 'empty {} in $Session: name a field'],
  ['$Input{a{b}', 9, 'unexpected { inside {} of $Input'],
  ['$Trim("x"', 6, 'unclosed ( of $Trim'],
  ['$Trim(', 6, 'unclosed ( of $Trim'],
  ['$Concat("a" "b")', 13, 'expected , or ) in the arguments of $Concat'],
  ['$Concat("a",)', 13, 'missing argument in $Concat'],
  ['$Concat(, "a")', 9, 'missing argument in $Concat'],
  ['$Concat(days)', 9, 'text arguments are quoted: write "days"'],
  ['$Concat(@)', 9, 'expected an argument of $Concat: an expression, a quoted string, a number, true, false or null'],
  ['$Concat($5)', 9, 'expected an expression after $ in the arguments of $Concat'],
  ['$Concat("abc)', 9, 'unclosed string'],
  ['$Concat("a\\qb")', 11, 'unknown escape in a string: use \\\\, \\", \\\', \\n, \\t or \\r'],
  ['$Now(1)', 1, '$Now takes no arguments, got 1'],
  ['$Trim()', 1, '$Trim takes 1 argument, got 0'],
  ['$Substring("a")', 1, '$Substring takes 2 to 3 arguments, got 1'],
  ['$DateAdd($Now(), 1)', 1, '$DateAdd takes 3 to 4 arguments, got 2'],
  ['$Add(1)', 1, '$Add takes at least 2 arguments, got 1'],
  ['$DateAdd($Now(), 1, "fortnights")', 21, '$DateAdd: argument 3 must be one of seconds, minutes, hours, days, weeks, months, years'],
  ['$DateAdd($Now(), 1.5, "days")', 18, '$DateAdd: argument 2 must be a whole number'],
  ['$DateAdd($Now(), 1, "days", "Mars/Olympus")', 29, '$DateAdd: argument 4 must be an IANA time zone such as "Europe/Paris" or "UTC"'],
  ['$DateAdd("yesterday", 1, "days")', 10, '$DateAdd: argument 1 must be a date (ISO 8601 text or epoch milliseconds), got text'],
  ['$Add(1, "two")', 9, '$Add: argument 2 must be a number, got text'],
  ['$Join("a,b")', 7, '$Join: argument 1 must be a list, got text'],
  ['$Pick($Input{a}, "")', 18, '$Pick: argument 2 must be a field name or a list index'],
  ['ok $Input{a} then $Trim(1, 2)', 19, '$Trim takes 1 argument, got 2'],
];

describe('expressions: parse errors', () => {
  it.each(errors)('%s → column %d: %s', (text, column, message) => {
    const problems = findExpressionProblems({ body: { since: text } });
    expect(problems).toEqual([{ path: 'input.body.since', column, message }]);
    let thrown: unknown;
    try {
      compileInput({ body: { since: text } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExpressionError);
    expect(thrown).toMatchObject({ path: 'input.body.since', column, message });
  });

  it('counts arguments of functions that take a variable number', () => {
    expect(findExpressionProblems('$Pick($Input{a})', 'x')).toEqual([{ path: 'x', column: 1, message: '$Pick takes at least 2 arguments, got 1' }]);
  });

  it('reports every problem of a value with its path, in document order, and never throws', () => {
    const input = { email: { recipients: ['$Session{user}{email}', '$Sesion{user}'], subject: { at: '$Now(' } }, list: [[1, '$X()']] };
    expect(findExpressionProblems(input)).toEqual([
      { path: 'input.email.recipients[1]', column: 1, message: 'unknown reference $Sesion (did you mean $Session?)' },
      { path: 'input.email.subject.at', column: 5, message: 'unclosed ( of $Now' },
      { path: 'input.list[0][1]', column: 1, message: 'unknown function $X' },
    ]);
    expect(findExpressionProblems(input, 'body')[0].path).toBe('body.email.recipients[1]');
    expect(formatExpressionProblem(findExpressionProblems(input)[1])).toBe('input.email.subject.at, column 5: unclosed ( of $Now');
  });

  it('treats a $ that does not start an expression as text', () => {
    for (const text of ['costs $5', '$', '$$', '$ {a}', '$(a)', '${VAR}', 'a$b', '$1(x)', '$_x(1)', '€$€']) {
      expect(findExpressionProblems(text)).toEqual([]);
      expect(compileInput(text).hasExpressions).toBe(false);
    }
  });

  it('leaves object keys alone: Mongo-style operators stay as written', () => {
    const filter = { createdAt: { $lt: '$DateAdd($Now(), -30, "days")' }, $or: [{ $Foo: 1 }] };
    expect(findExpressionProblems(filter)).toEqual([]);
  });

  it('bounds nesting, so that no input can exhaust the stack', () => {
    const nested = (depth: number) => `${'$Trim('.repeat(depth)}"x"${')'.repeat(depth)}`;
    expect(findExpressionProblems(nested(MAX_EXPRESSION_NESTING + 1))).toEqual([]);
    const [problem] = findExpressionProblems(nested(MAX_EXPRESSION_NESTING + 2));
    expect(problem.message).toBe(`expressions are nested more than ${MAX_EXPRESSION_NESTING} levels deep`);
    expect(findExpressionProblems(nested(100_000))).toHaveLength(1);
  });
});
