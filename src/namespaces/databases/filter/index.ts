export { FilterError } from './filter-errors';
export {
  OPERATORS,
  UPPER_CASE_ALIASES,
  LOGICAL_OPS,
  COMPARISON_SQL,
  resolveOperator,
  type CanonicalOp,
  type ColumnOp,
  type LogicalOp,
} from './filter-operators';
export {
  translateFilter,
  backtickQuote,
  doubleQuote,
  MAX_FILTER_DEPTH,
  MAX_IN_VALUES,
  type TranslateOptions,
  type TranslatedFilter,
} from './filter-translator';
