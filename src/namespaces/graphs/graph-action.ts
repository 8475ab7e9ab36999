import { UnknownResourceError } from '../../resources';
import type { GraphActionTemplate, ResolvedGraph } from '../../resources/sections/graphs.section';
import type { DatabaseAction } from '../../resources/sections/databases.section';
import { checkActionInput, fillTemplate, placeholderValues } from '../databases/actions/action-template';
import { InputProblem } from '../databases/operations/input-problem';
import { GraphInputError, parseGraphArgs } from './graph-input';
import type { GraphArgs, GraphOperation } from './graph-operations';

export interface GraphRef {
  product: string;
  env: string;
  graph: string;
}

/** An action ready to run: its operation and checked arguments. */
export interface PreparedGraphAction<O extends GraphOperation = GraphOperation> {
  operation: O;
  args: GraphArgs[O];
}

/** The named action of a graph; an unknown name is a 404 on `event`. */
export function findGraphAction(graph: ResolvedGraph, ref: GraphRef, event: string): GraphActionTemplate {
  const action = Object.hasOwn(graph.actions, event) ? graph.actions[event] : undefined;
  if (!action) throw new UnknownResourceError('action', event, 'event', `Unknown action '${event}' for graph '${ref.graph}' in product '${ref.product}'`);
  return action;
}

/**
 * Fills an action's `{{placeholder}}`s from `input.query`, then `input.data` (as database actions do:
 * a whole `{{x}}` keeps its value's type, keys are never filled), then checks the operation's arguments.
 * Throws GraphInputError naming the request field: the placeholder at fault, or `input` when the filled
 * action does not fit its operation.
 */
export function prepareGraphAction(event: string, action: GraphActionTemplate, input: unknown): PreparedGraphAction {
  const { operation, ...template } = action;
  let filled: unknown;
  try {
    const checked = checkActionInput(input);
    // Graph templates have no `sql`: the placeholders are the {{x}} of their strings, found like a database template's.
    const values = placeholderValues(event, template as unknown as DatabaseAction, checked);
    filled = fillTemplate(template, values, `action '${event}'`);
  } catch (error) {
    if (error instanceof InputProblem) throw new GraphInputError(error.field, error.message);
    throw error;
  }
  try {
    return { operation, args: parseGraphArgs(operation, filled) };
  } catch (error) {
    if (error instanceof GraphInputError) {
      throw new GraphInputError('input', `action '${event}' (${operation}) cannot run with this input: ${error.message.replace(/^input\./, '')}`);
    }
    throw error;
  }
}
