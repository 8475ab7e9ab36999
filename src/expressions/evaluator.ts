import { ExpressionNode, ReferenceNode, ReferenceRoot, Template } from './ast';
import { ExpressionError } from './expression-error';
import { convertArgument, FUNCTIONS } from './functions';
import { ArgumentError, childValue, toText, toTyped } from './values';

/** What a run's expressions can see. */
export interface ExpressionScope {
  /** The job's input as dispatched: `$Input{…}` (and a feature's input for its steps). */
  input?: unknown;
  /** The session data kept with the job: `$Session{…}`. */
  session?: unknown;
  /** Results of earlier feature steps by step id: `$Sequence{step}{…}`. */
  sequence?: Record<string, unknown>;
  /** The run's time: every `$Now()` of one evaluation gives this same instant. */
  now: Date;
}

const SCOPE_KEYS: Record<ReferenceRoot, 'input' | 'session' | 'sequence'> = { Input: 'input', Session: 'session', Sequence: 'sequence' };

/** A string that is exactly one expression takes its typed value; otherwise values are formatted in. */
export function evaluateTemplate(template: Template, scope: ExpressionScope): unknown {
  const { parts } = template;
  if (parts.length === 1 && typeof parts[0] !== 'string') return toTyped(evaluateNode(parts[0], scope));
  let text = '';
  for (const part of parts) text += typeof part === 'string' ? part : toText(evaluateNode(part, scope));
  return text;
}

function evaluateNode(node: ExpressionNode, scope: ExpressionScope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'reference':
      return resolveReference(node, scope);
    case 'call': {
      const spec = FUNCTIONS[node.name];
      try {
        const args = node.args.map((arg, index) => convertArgument(spec, index, evaluateNode(arg, scope)));
        return spec.apply(args, scope.now);
      } catch (error) {
        if (error instanceof ArgumentError) throw new ExpressionError(`${node.source}: ${error.message}`, node.column);
        throw error;
      }
    }
  }
}

function resolveReference(node: ReferenceNode, scope: ExpressionScope): unknown {
  const key = SCOPE_KEYS[node.root];
  let value: unknown = scope[key];
  for (const segment of node.segments) {
    value = childValue(value, segment);
    if (value === undefined) break;
  }
  if (value === undefined) {
    const why = scope[key] === undefined && node.root === 'Session' ? ' (the job has no session)' : '';
    throw new ExpressionError(`${node.source}: no value at ${[key, ...node.segments].join('.')}${why}`, node.column);
  }
  return value;
}
