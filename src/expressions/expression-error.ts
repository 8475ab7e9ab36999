/** One malformed expression found in an input, as a 400 at dispatch reports it. */
export interface ExpressionProblem {
  /** Where the string sits in the input: `input.body.since`, `input.email.recipients[0]`. */
  path: string;
  /** 1-based position in that string of the character at fault (usually the `$` of the expression). */
  column: number;
  message: string;
}

/**
 * A malformed expression (raised when an input is compiled) or one that cannot be evaluated (raised
 * at a run: a missing value, a wrong argument). `message` names the problem only; `path` and `column`
 * locate it, and `formatExpressionProblem` puts the three together for an answer or a run error.
 */
export class ExpressionError extends Error {
  override readonly name = 'ExpressionError';

  constructor(
    message: string,
    readonly column: number,
    readonly path: string = '',
  ) {
    super(message);
  }

  /** The same error located in a field of the input; the parser itself only knows the column. */
  at(path: string): ExpressionError {
    return new ExpressionError(this.message, this.column, path);
  }

  toProblem(): ExpressionProblem {
    return { path: this.path, column: this.column, message: this.message };
  }
}

/** `input.body.since, column 5: unknown function $Foo` */
export function formatExpressionProblem(problem: ExpressionProblem): string {
  return `${problem.path === '' ? '' : `${problem.path}, `}column ${problem.column}: ${problem.message}`;
}

/** A key path in the form problem messages use: `input.body.since`, `input.list[0]`. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent === '' ? key : `${parent}.${key}`;
}
