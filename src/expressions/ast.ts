/** The parsed form of a string that holds expressions; see `parser.ts` for the grammar. */

export type ReferenceRoot = 'Input' | 'Session' | 'Sequence';

export interface LiteralNode {
  kind: 'literal';
  value: string | number | boolean | null;
  column: number;
}

/** `$Input{a}{b}`: a path into one of the run's data sources. */
export interface ReferenceNode {
  kind: 'reference';
  root: ReferenceRoot;
  segments: string[];
  /** The expression as written, for error messages. */
  source: string;
  column: number;
}

/** `$DateAdd($Now(), -30, "days")` */
export interface CallNode {
  kind: 'call';
  name: string;
  args: ExpressionNode[];
  source: string;
  column: number;
}

export type ExpressionNode = LiteralNode | ReferenceNode | CallNode;

/**
 * A whole string: literal text and expressions in order. A template that is exactly one expression
 * (`parts.length === 1` and not text) evaluates to that expression's typed value.
 */
export interface Template {
  parts: Array<string | ExpressionNode>;
}
