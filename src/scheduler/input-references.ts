import type { ExpressionNode, ReferenceRoot } from '../expressions/ast';
import { childPath } from '../expressions/expression-error';
import { mayHoldExpression, parseTemplate } from '../expressions/parser';

/** Where an input first refers to one of the run's data sources, as a 400 names it. */
export interface InputReference {
  /** `input.email.recipients[0]` */
  path: string;
  /** 1-based column of the reference in that string. */
  column: number;
  /** The reference as written: `$Session{user}{email}`. */
  source: string;
}

/**
 * The first `$<root>{…}` reference in a value, in document order, nested calls included. Used at
 * dispatch to refuse `$Session{…}` in a job that has no session, which could only fail at every run.
 * The value must already have passed `findExpressionProblems`: a malformed string is skipped here.
 */
export function findReference(value: unknown, root: ReferenceRoot, path = 'input'): InputReference | undefined {
  if (typeof value === 'string') {
    if (!value.includes('$') || !mayHoldExpression(value)) return undefined;
    let parts;
    try {
      parts = parseTemplate(value).parts;
    } catch {
      return undefined;
    }
    for (const part of parts) {
      const found = typeof part === 'string' ? undefined : inNode(part, root);
      if (found) return { path, ...found };
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findReference(value[i], root, childPath(path, i));
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      const found = findReference((value as Record<string, unknown>)[key], root, childPath(path, key));
      if (found) return found;
    }
  }
  return undefined;
}

function inNode(node: ExpressionNode, root: ReferenceRoot): Omit<InputReference, 'path'> | undefined {
  if (node.kind === 'reference') return node.root === root ? { column: node.column, source: node.source } : undefined;
  if (node.kind === 'call') {
    for (const arg of node.args) {
      const found = inNode(arg, root);
      if (found) return found;
    }
  }
  return undefined;
}
