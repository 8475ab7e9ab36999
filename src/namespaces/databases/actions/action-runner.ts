import { Injectable } from '@nestjs/common';
import { UnknownResourceError } from '../../../resources';
import { DatabaseAction, DatabaseOperation, isSqlAction, ResolvedDatabase } from '../../../resources/sections/databases.section';
import { DatabaseConnections } from '../connections/database-connections';
import { InputProblem } from '../operations/input-problem';
import { checkOperationInput, OperationInput } from '../operations/operation-input';
import { DatabaseRef, OperationResult, OperationRunner } from '../operations/operation-runner';
import { capRows, CappedRows } from '../operations/result-rows';
import { runStatement } from '../operations/statement-runner';
import { dialectOf } from '../schema/sql-dialect';
import { ActionInput, bindSql, fillTemplate, PlaceholderValue, placeholderValues } from './action-template';

/** An action ready to run: an operation with its filled input, or SQL with its placeholder values. */
export type PreparedAction =
  | { kind: 'operation'; operation: DatabaseOperation; input: OperationInput }
  | { kind: 'sql'; sql: string; values: Map<string, PlaceholderValue> };

/** A run's result: the action's operation result, or for SQL the touched-row count and rows returned. */
export type ActionResult =
  | (OperationResult & { action: string })
  | ({ database: string; action: string; affected: number; count: number } & Partial<CappedRows>);

/** The named action of a registry database; a 404 naming it when there is none. */
export function findAction(database: ResolvedDatabase, ref: DatabaseRef, event: string): DatabaseAction {
  const action = database.actions && Object.hasOwn(database.actions, event) ? database.actions[event] : undefined;
  if (!action) {
    throw new UnknownResourceError('action', event, 'event', `Unknown action '${event}' for database '${ref.database}' in product '${ref.product}'`);
  }
  return action;
}

/**
 * Fills an action from the dispatch input and checks the result as an operation input would be. Throws
 * InputProblem naming the field; a template's own problem is reported with the action's name.
 */
export function prepareAction(name: string, action: DatabaseAction, input: ActionInput): PreparedAction {
  const values = placeholderValues(name, action, input);
  if (isSqlAction(action)) return { kind: 'sql', sql: action.sql, values };
  const { operation, ...template } = action;
  const filled = fillTemplate(template, values);
  try {
    return { kind: 'operation', operation, input: checkOperationInput(operation, filled) };
  } catch (error) {
    if (!(error instanceof InputProblem)) throw error;
    throw new InputProblem('input', `action '${name}' with this input: ${error.message}`);
  }
}

/** Runs a prepared action: templates through the operation runner, SQL bound and run as it stands. */
@Injectable()
export class ActionRunner {
  constructor(
    private readonly operations: OperationRunner,
    private readonly connections: DatabaseConnections,
  ) {}

  async run(ref: DatabaseRef, name: string, prepared: PreparedAction, signal?: AbortSignal): Promise<ActionResult> {
    if (prepared.kind === 'operation') return { action: name, ...(await this.operations.run(ref, prepared.operation, prepared.input, signal)) };
    const config = this.operations.database(ref);
    const dataSource = await this.connections.dataSource(ref.product, ref.env, ref.database);
    const bound = bindSql(prepared.sql, prepared.values, dialectOf(dataSource).kind);
    const outcome = await runStatement(dataSource, bound.sql, bound.parameters, config, signal);
    return { database: ref.database, action: name, affected: outcome.affected, count: outcome.rows.length, ...(outcome.rows.length > 0 && capRows(outcome.rows)) };
  }
}
