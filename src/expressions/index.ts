/**
 * Expressions in job inputs (DESIGN §6): `$Input{…}`, `$Session{…}`, `$Sequence{step}{…}`, `$Now()`
 * and functions, parsed at dispatch and evaluated at each run. Pure: no Nest, no I/O.
 */
export { CompiledInput, compileInput, evaluateInput, findExpressionProblems, hasExpressions } from './compiled-input';
export type { ExpressionScope } from './evaluator';
export { ExpressionError, formatExpressionProblem } from './expression-error';
export type { ExpressionProblem } from './expression-error';
export { DATE_UNITS } from './dates';
export type { DateUnit } from './dates';
export { EXPRESSION_FUNCTION_NAMES } from './functions';
export { MAX_NESTING as MAX_EXPRESSION_NESTING, REFERENCE_ROOTS } from './parser';
