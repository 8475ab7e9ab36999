/**
 * Operator table of the filter language.
 *
 * Lower-case (Mongo-style) names:
 *   $eq $ne $gt $gte $lt $lte $in $nin $like $exists $between $and $or $not
 *
 * Upper-case aliases (exact spelling, nothing else is accepted):
 *   $EQ, $NE, $NOT_EQUAL, $GT, $GTE, $LT, $LTE, $IN, $NIN, $NOT_IN, $LIKE,
 *   $EXISTS, $IS_NULL, $BETWEEN, $AND, $OR, $NOT
 *
 * `$IS_NULL` has no lower-case spelling; it maps to the internal `$isNull`
 * op (true → IS NULL, false → IS NOT NULL), the mirror image of `$exists`.
 *
 * A Map is used rather than an object literal so that keys such as
 * `constructor` or `__proto__` can never resolve through the prototype chain.
 */
export type ColumnOp =
  | '$eq'
  | '$ne'
  | '$gt'
  | '$gte'
  | '$lt'
  | '$lte'
  | '$in'
  | '$nin'
  | '$like'
  | '$exists'
  | '$isNull'
  | '$between'
  | '$not';

export type LogicalOp = '$and' | '$or' | '$not';

export type CanonicalOp = ColumnOp | LogicalOp;

const LOWER_CASE: readonly CanonicalOp[] = [
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$like',
  '$exists',
  '$between',
  '$and',
  '$or',
  '$not',
];

export const UPPER_CASE_ALIASES: ReadonlyMap<string, CanonicalOp> = new Map<string, CanonicalOp>([
  ['$EQ', '$eq'],
  ['$NE', '$ne'],
  ['$NOT_EQUAL', '$ne'],
  ['$GT', '$gt'],
  ['$GTE', '$gte'],
  ['$LT', '$lt'],
  ['$LTE', '$lte'],
  ['$IN', '$in'],
  ['$NIN', '$nin'],
  ['$NOT_IN', '$nin'],
  ['$LIKE', '$like'],
  ['$EXISTS', '$exists'],
  ['$IS_NULL', '$isNull'],
  ['$BETWEEN', '$between'],
  ['$AND', '$and'],
  ['$OR', '$or'],
  ['$NOT', '$not'],
]);

export const OPERATORS: ReadonlyMap<string, CanonicalOp> = new Map<string, CanonicalOp>([
  ...LOWER_CASE.map((op): [string, CanonicalOp] => [op, op]),
  ...UPPER_CASE_ALIASES,
]);

/** Operators that combine whole filters; only valid at filter level. */
export const LOGICAL_OPS: ReadonlySet<CanonicalOp> = new Set<CanonicalOp>(['$and', '$or', '$not']);

/** Binary comparisons rendered as `column <op> :param`. */
export const COMPARISON_SQL: ReadonlyMap<CanonicalOp, string> = new Map<CanonicalOp, string>([
  ['$eq', '='],
  ['$ne', '<>'],
  ['$gt', '>'],
  ['$gte', '>='],
  ['$lt', '<'],
  ['$lte', '<='],
]);

export function resolveOperator(key: string): CanonicalOp | undefined {
  return OPERATORS.get(key);
}
