import { Template } from './ast';
import { evaluateTemplate, ExpressionScope } from './evaluator';
import { childPath, ExpressionError, ExpressionProblem } from './expression-error';
import { mayHoldExpression, parseTemplate } from './parser';

/**
 * A JSON value with its expression strings parsed. Only the parts that hold expressions are kept as
 * nodes; everything else is shared with the original value, so evaluation copies no more than it
 * must and an input without expressions costs one walk at compile time and nothing per run.
 */
type Node =
  | { kind: 'template'; template: Template; path: string }
  | { kind: 'object'; source: Record<string, unknown>; fields: Array<[string, Node]> }
  | { kind: 'array'; source: unknown[]; items: Array<[number, Node]> };

export class CompiledInput {
  /** @internal Use `compileInput`. */
  constructor(
    /** The value as dispatched. */
    readonly source: unknown,
    private readonly root: Node | undefined,
  ) {}

  /** False when evaluation gives back `source` itself. */
  get hasExpressions(): boolean {
    return this.root !== undefined;
  }

  /** A new value with every expression resolved; throws ExpressionError naming the path and what is missing. */
  evaluate(scope: ExpressionScope): unknown {
    return this.root ? evaluateNode(this.root, scope) : this.source;
  }
}

/** Walks a value and parses every string that holds an expression; throws the first ExpressionError. */
export function compileInput(value: unknown, basePath = 'input'): CompiledInput {
  return new CompiledInput(value, compileNode(value, basePath, undefined));
}

/** Every malformed expression of a value, in document order; never throws. */
export function findExpressionProblems(value: unknown, basePath = 'input'): ExpressionProblem[] {
  const problems: ExpressionProblem[] = [];
  compileNode(value, basePath, problems);
  return problems;
}

/** True when evaluating `value` could change it: some string holds an expression (or an escaped one). */
export function hasExpressions(value: unknown): boolean {
  if (value instanceof CompiledInput) return value.hasExpressions;
  if (typeof value === 'string') return value.includes('$') && mayHoldExpression(value);
  if (Array.isArray(value)) return value.some(hasExpressions);
  if (isObject(value)) {
    for (const key in value) if (Object.hasOwn(value, key) && hasExpressions(value[key])) return true;
  }
  return false;
}

/**
 * `value` (raw or compiled) with every expression resolved against `scope`. A value without
 * expressions is returned as is after one cheap scan; pass a `CompiledInput` to skip even that.
 */
export function evaluateInput(value: unknown, scope: ExpressionScope): unknown {
  if (value instanceof CompiledInput) return value.evaluate(scope);
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'string' && hasExpressions(value) ? compileInput(value).evaluate(scope) : value;
  }
  // Frozen values (the registry's feature steps) cannot change, so their compiled form is kept.
  let compiled = frozenInputs.get(value);
  if (!compiled) {
    if (!hasExpressions(value)) return value;
    compiled = compileInput(value);
    if (Object.isFrozen(value)) frozenInputs.set(value, compiled);
  }
  return compiled.evaluate(scope);
}

const frozenInputs = new WeakMap<object, CompiledInput>();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** `problems` given: collect and go on; absent: throw the first. Undefined when nothing needs evaluating. */
function compileNode(value: unknown, path: string, problems: ExpressionProblem[] | undefined): Node | undefined {
  if (typeof value === 'string') {
    if (!value.includes('$') || !mayHoldExpression(value)) return undefined;
    try {
      return { kind: 'template', template: parseTemplate(value), path };
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      if (!problems) throw error.at(path);
      problems.push(error.at(path).toProblem());
      return undefined;
    }
  }
  if (Array.isArray(value)) {
    const items: Array<[number, Node]> = [];
    value.forEach((item, index) => {
      const node = compileNode(item, childPath(path, index), problems);
      if (node) items.push([index, node]);
    });
    return items.length > 0 ? { kind: 'array', source: value, items } : undefined;
  }
  if (isObject(value)) {
    const fields: Array<[string, Node]> = [];
    for (const key of Object.keys(value)) {
      const node = compileNode(value[key], childPath(path, key), problems);
      if (node) fields.push([key, node]);
    }
    return fields.length > 0 ? { kind: 'object', source: value, fields } : undefined;
  }
  return undefined;
}

function evaluateNode(node: Node, scope: ExpressionScope): unknown {
  switch (node.kind) {
    case 'template':
      try {
        return evaluateTemplate(node.template, scope);
      } catch (error) {
        throw error instanceof ExpressionError ? error.at(node.path) : error;
      }
    case 'array': {
      const copy = node.source.slice();
      for (const [index, item] of node.items) copy[index] = evaluateNode(item, scope);
      return copy;
    }
    case 'object': {
      const copy: Record<string, unknown> = { ...node.source };
      // defineProperty, not assignment: a JSON key named __proto__ must stay a plain field.
      for (const [key, field] of node.fields) {
        Object.defineProperty(copy, key, { value: evaluateNode(field, scope), enumerable: true, writable: true, configurable: true });
      }
      return copy;
    }
  }
}
