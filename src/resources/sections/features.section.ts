import type { ExpressionNode } from '../../expressions/ast';
import { findExpressionProblems } from '../../expressions';
import { mayHoldExpression, parseTemplate } from '../../expressions/parser';
import { Check, Invalid } from '../app-field-checks';
import type { RegistryProblem } from '../registry-errors';
import { childPath, isPlainObject } from '../registry-utils';
import { DATABASE_OPERATIONS } from './databases.section';
import { GRAPH_OPERATIONS } from './graphs.section';
import { checkOneOf, checkString } from './checks';
import { listOf, object, optional, raw, scalar, Spec } from './section-spec';

/**
 * The `features` section (DESIGN §4): features declared as ordered steps, each a call into another
 * namespace. A tag not declared here may instead be served by a `@FeatureHandler(tag)` of the host app.
 *
 * ```yaml
 * features:
 *   generate_daily_report:
 *     steps:
 *       - id: fetch                              # unique in the feature; `$Sequence{fetch}{…}` reads its result
 *         namespace: actions                     # and the target fields of that namespace (STEP_TARGETS)
 *         app: mailer
 *         event: update_user
 *         input: { params: { id: "$Input{userId}" } }
 *       - id: notify
 *         namespace: notifications
 *         notification: user-notifications
 *         event: send_reminder
 *         when: "$Sequence{fetch}{status}"       # optional: the step runs when this is truthy
 *         input: { email: { recipients: ["$Input{email}"] } }
 * ```
 */

/**
 * The namespaces a step may call, with the field naming the resource and the field naming what is
 * done to it: the same pair as that namespace's dispatch body. Features do not nest.
 */
export const STEP_TARGETS = {
  actions: { target: 'app', name: 'event' },
  notifications: { target: 'notification', name: 'event' },
  storage: { target: 'storage', name: 'event' },
  events: { target: 'broker', name: 'event' },
  'database-operations': { target: 'database', name: 'operation' },
  'database-actions': { target: 'database', name: 'event' },
  'graph-operations': { target: 'graph', name: 'operation' },
  'graph-actions': { target: 'graph', name: 'event' },
} as const;
export type StepNamespace = keyof typeof STEP_TARGETS;
export const STEP_NAMESPACES = Object.keys(STEP_TARGETS) as StepNamespace[];

const TARGET_FIELDS = ['app', 'notification', 'storage', 'broker', 'database', 'graph'] as const;
type TargetField = (typeof TARGET_FIELDS)[number];

/**
 * Storage operations a step may run. An upload's bytes are staged when it is dispatched and never sit
 * in the registry, so a step cannot upload.
 */
export const STEP_STORAGE_EVENTS = ['delete', 'copy', 'move'] as const;

/** One step as `registry.entry(product, env, 'features', tag)` returns it. */
export type FeatureStep = {
  id: string;
  namespace: StepNamespace;
  event?: string;
  operation?: string;
  /** The step's input; its expressions see the feature's input and the results of earlier steps. */
  input: Record<string, unknown>;
  /** An expression: the step runs only when it evaluates to a truthy value. */
  when?: string;
} & Partial<Record<TargetField, string>>;

export interface ResolvedFeature {
  steps: FeatureStep[];
}

/** A step id is read back in `$Sequence{id}` and carried in the step's occurrence id `<job>:<n>:<id>`. */
const STEP_ID = /^[A-Za-z0-9_-]{1,64}$/;
const checkStepId: Check<string> = (value) =>
  typeof value === 'string' && STEP_ID.test(value) ? value : new Invalid('must be a step id: 1 to 64 letters, digits, _ or -');

const name = optional(scalar(checkString));

export const FEATURES_SECTION: Spec = object({
  steps: listOf(
    object({
      id: scalar(checkStepId),
      namespace: scalar(checkOneOf(STEP_NAMESPACES)),
      ...Object.fromEntries(TARGET_FIELDS.map((field) => [field, name])),
      event: name,
      operation: name,
      input: optional(raw(), {}),
      when: optional(scalar(checkString)),
    }),
    { nonEmpty: true },
  ),
});

/**
 * What the schema cannot see one field at a time: unique ids, the target fields of each step's
 * namespace, operations the namespace knows, expressions that parse, and `$Sequence{id}` naming only
 * steps that ran before. `path` is the feature's key path, so problems point at the key to fix.
 */
export function featureProblems(path: string, feature: ResolvedFeature): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const earlier = new Set<string>();
  const ids = feature.steps.map((step) => step.id);
  feature.steps.forEach((step, index) => {
    const at = childPath(childPath(path, 'steps'), index);
    const fail = (field: string, message: string) => problems.push({ path: field === '' ? at : childPath(at, field), message });
    if (earlier.has(step.id)) fail('id', `repeats step id '${step.id}' (ids must be unique in a feature)`);
    problems.push(...targetProblems(at, step));
    if (!isPlainObject(step.input)) fail('input', 'must be a map');
    const expressions: Array<[string, unknown]> = [['input', step.input]];
    if (step.when !== undefined) expressions.push(['when', step.when]);
    for (const [field, value] of expressions) {
      for (const problem of findExpressionProblems(value, childPath(at, field))) {
        problems.push({ path: problem.path, message: `column ${problem.column}: ${problem.message}` });
      }
      for (const ref of references(value, childPath(at, field))) {
        if (ref.root === 'Session') {
          problems.push({ path: ref.path, message: `column ${ref.column}: a step cannot read $Session; pass the value in the feature's input and read it with $Input{…}` });
        } else if (ref.root === 'Sequence' && !earlier.has(ref.step)) {
          const why = ref.step === step.id ? 'this step itself' : ids.includes(ref.step) ? `step '${ref.step}', which runs after this one` : `no step '${ref.step}' of this feature`;
          problems.push({ path: ref.path, message: `column ${ref.column}: $Sequence{${ref.step}} names ${why}; only earlier steps have results` });
        }
      }
    }
    earlier.add(step.id);
  });
  return problems;
}

function targetProblems(at: string, step: FeatureStep): RegistryProblem[] {
  const problems: RegistryProblem[] = [];
  const { target, name: nameField } = STEP_TARGETS[step.namespace];
  const wanted: string[] = [target, nameField];
  for (const field of [...TARGET_FIELDS, 'event', 'operation'] as const) {
    const given = step[field] !== undefined;
    if (!given && wanted.includes(field)) problems.push({ path: childPath(at, field), message: `is required in a step of namespace ${step.namespace}` });
    if (given && !wanted.includes(field)) problems.push({ path: childPath(at, field), message: `is not a field of a step of namespace ${step.namespace} (it takes ${target} and ${nameField})` });
  }
  const value = step[nameField];
  if (value === undefined) return problems;
  const known: readonly string[] | undefined =
    step.namespace === 'storage' ? STEP_STORAGE_EVENTS
    : step.namespace === 'database-operations' ? DATABASE_OPERATIONS
    : step.namespace === 'graph-operations' ? GRAPH_OPERATIONS
    : undefined;
  if (known && !known.includes(value)) problems.push({ path: childPath(at, nameField), message: `must be one of ${known.join(', ')}` });
  return problems;
}

interface Reference {
  root: 'Input' | 'Session' | 'Sequence';
  /** The first segment: for `$Sequence`, the step id. */
  step: string;
  path: string;
  column: number;
}

/** Every reference in the strings of a value that parse; malformed ones are reported by findExpressionProblems. */
function references(value: unknown, path: string): Reference[] {
  if (typeof value === 'string') {
    if (!mayHoldExpression(value)) return [];
    let parts;
    try {
      parts = parseTemplate(value).parts;
    } catch {
      return [];
    }
    const found: Reference[] = [];
    const visit = (node: ExpressionNode) => {
      if (node.kind === 'reference') found.push({ root: node.root, step: node.segments[0], path, column: node.column });
      if (node.kind === 'call') node.args.forEach(visit);
    };
    for (const part of parts) if (typeof part !== 'string') visit(part);
    return found;
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => references(item, childPath(path, index)));
  if (isPlainObject(value)) return Object.entries(value).flatMap(([key, item]) => references(item, childPath(path, key)));
  return [];
}
