import { CallNode, ExpressionNode, ReferenceNode, ReferenceRoot, Template } from './ast';
import { ExpressionError } from './expression-error';
import { acceptsArgumentCount, arityText, convertArgument, FUNCTIONS } from './functions';
import { ArgumentError } from './values';

/**
 * The expression grammar.
 *
 *   template   := (text | expression | "$$")*
 *   expression := "$" Name ( "{" segment "}" )+      -- Name: Input, Session, Sequence
 *               | "$" Name "(" [ argument ( "," argument )* ] ")"
 *   argument   := expression | "string" | 'string' | number | true | false | null
 *
 * An expression starts where `$`, a name and `{` or `(` meet; any other `$` is plain text ("costs
 * $5"). `$$` before an expression keeps it as text: `$$Input{id}` reads `$Input{id}`. A name that is
 * not a reference or a function is an error rather than text, so that a typo fails at dispatch.
 */

export const REFERENCE_ROOTS: readonly ReferenceRoot[] = ['Input', 'Session', 'Sequence'];
/** Deeper nesting than any hand-written input needs; it bounds the parser's and evaluator's recursion. */
export const MAX_NESTING = 64;

const EXPRESSION_START = /\$([A-Za-z][A-Za-z0-9_]*)[({]/y;
const NUMBER = /-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?/y;
const KEYWORD = /(true|false|null)(?![A-Za-z0-9_])/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };

function startsExpression(text: string, index: number): boolean {
  EXPRESSION_START.lastIndex = index;
  return EXPRESSION_START.test(text);
}

/** True when `text` has something for the parser: an expression start or an escaped one. */
export function mayHoldExpression(text: string): boolean {
  for (let i = text.indexOf('$'); i !== -1; i = text.indexOf('$', i + 1)) if (startsExpression(text, i)) return true;
  return false;
}

/** Parses one string; throws ExpressionError with a 1-based column (and no path) when malformed. */
export function parseTemplate(text: string): Template {
  const parts: Template['parts'] = [];
  let literal = '';
  let index = 0;
  while (index < text.length) {
    const dollar = text.indexOf('$', index);
    if (dollar === -1) {
      literal += text.slice(index);
      break;
    }
    literal += text.slice(index, dollar);
    if (text[dollar + 1] === '$' && startsExpression(text, dollar + 1)) {
      literal += '$';
      index = dollar + 2;
    } else if (startsExpression(text, dollar)) {
      if (literal !== '') parts.push(literal);
      literal = '';
      const parser = new ExpressionParser(text, dollar);
      parts.push(parser.expression(0));
      index = parser.position;
    } else {
      literal += '$';
      index = dollar + 1;
    }
  }
  if (literal !== '' || parts.length === 0) parts.push(literal);
  return { parts };
}

class ExpressionParser {
  constructor(
    private readonly text: string,
    public position: number,
  ) {}

  private fail(message: string, index = this.position): never {
    throw new ExpressionError(message, index + 1);
  }

  expression(depth: number): ExpressionNode {
    const start = this.position;
    if (depth > MAX_NESTING) this.fail(`expressions are nested more than ${MAX_NESTING} levels deep`);
    WORD.lastIndex = start + 1;
    const name = (WORD.exec(this.text) as RegExpExecArray)[0];
    this.position = start + 1 + name.length;
    const opener = this.text[this.position];
    if ((REFERENCE_ROOTS as readonly string[]).includes(name)) {
      if (opener !== '{') this.fail(`$${name} is a reference: write $${name}{field}`, start);
      return this.reference(name as ReferenceRoot, start);
    }
    if (Object.hasOwn(FUNCTIONS, name)) {
      if (opener !== '(') this.fail(`$${name} is a function: write $${name}(…)`, start);
      return this.call(name, start, depth);
    }
    this.fail(`unknown ${opener === '{' ? 'reference' : 'function'} $${name}${suggestion(name)}`, start);
  }

  private reference(root: ReferenceRoot, start: number): ReferenceNode {
    const segments: string[] = [];
    while (this.text[this.position] === '{') {
      const open = this.position;
      const close = this.text.indexOf('}', open + 1);
      if (close === -1) this.fail(`unclosed { in $${root}`, open);
      const segment = this.text.slice(open + 1, close);
      if (segment === '') this.fail(`empty {} in $${root}: name a field`, open);
      const nested = segment.indexOf('{');
      if (nested !== -1) this.fail(`unexpected { inside {} of $${root}`, open + 1 + nested);
      segments.push(segment);
      this.position = close + 1;
    }
    return { kind: 'reference', root, segments, source: this.text.slice(start, this.position), column: start + 1 };
  }

  private call(name: string, start: number, depth: number): CallNode {
    const open = this.position;
    this.position += 1;
    const args: ExpressionNode[] = [];
    this.skipSpace();
    if (this.text[this.position] === ')') {
      this.position += 1;
    } else {
      for (;;) {
        args.push(this.argument(name, open, depth));
        this.skipSpace();
        const next = this.text[this.position];
        if (next === ')') {
          this.position += 1;
          break;
        }
        if (next === undefined) this.fail(`unclosed ( of $${name}`, open);
        if (next !== ',') this.fail(`expected , or ) in the arguments of $${name}`);
        this.position += 1;
      }
    }
    const spec = FUNCTIONS[name];
    if (!acceptsArgumentCount(spec, args.length)) this.fail(`$${name} takes ${arityText(spec)}, got ${args.length}`, start);
    // Literal arguments are known now, so a bad unit or zone is a 400 at dispatch rather than a failed run.
    args.forEach((arg, index) => {
      if (arg.kind !== 'literal') return;
      try {
        convertArgument(spec, index, arg.value);
      } catch (error) {
        if (error instanceof ArgumentError) this.fail(`$${name}: ${error.message}`, arg.column - 1);
        throw error;
      }
    });
    return { kind: 'call', name, args, source: this.text.slice(start, this.position), column: start + 1 };
  }

  private argument(name: string, open: number, depth: number): ExpressionNode {
    this.skipSpace();
    const at = this.position;
    const char = this.text[at];
    if (char === undefined) this.fail(`unclosed ( of $${name}`, open);
    if (char === '$') {
      if (!startsExpression(this.text, at)) this.fail(`expected an expression after $ in the arguments of $${name}`);
      return this.expression(depth + 1);
    }
    if (char === '"' || char === "'") return { kind: 'literal', value: this.string(char), column: at + 1 };
    for (const [pattern, read] of [
      [NUMBER, Number],
      [KEYWORD, (word: string) => (word === 'null' ? null : word === 'true')],
    ] as const) {
      pattern.lastIndex = at;
      const match = pattern.exec(this.text);
      if (match) {
        this.position = pattern.lastIndex;
        return { kind: 'literal', value: read(match[0]), column: at + 1 };
      }
    }
    if (char === ',' || char === ')') this.fail(`missing argument in $${name}`);
    WORD.lastIndex = at;
    const word = WORD.exec(this.text);
    if (word) this.fail(`text arguments are quoted: write "${word[0]}"`);
    this.fail(`expected an argument of $${name}: an expression, a quoted string, a number, true, false or null`);
  }

  private string(quote: string): string {
    const open = this.position;
    let value = '';
    for (let i = open + 1; i < this.text.length; i++) {
      const char = this.text[i];
      if (char === quote) {
        this.position = i + 1;
        return value;
      }
      if (char === '\\') {
        const escaped = ESCAPES[this.text[i + 1]];
        if (escaped === undefined) this.fail('unknown escape in a string: use \\\\, \\", \\\', \\n, \\t or \\r', i);
        value += escaped;
        i += 1;
      } else {
        value += char;
      }
    }
    this.fail('unclosed string', open);
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }
}

/** A known name the author probably meant: same letters in another case, or one typo away (two in longer names). */
function suggestion(name: string): string {
  const lower = name.toLowerCase();
  const known = [...REFERENCE_ROOTS, ...Object.keys(FUNCTIONS)];
  const match = known.find((candidate) => candidate.toLowerCase() === lower) ?? known.find((candidate) => editDistance(candidate.toLowerCase(), lower) <= (name.length > 4 ? 2 : 1));
  return match ? ` (did you mean $${match}?)` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
