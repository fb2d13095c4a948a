// The query stage's one way in: ODSQL text to syntax trees (parser) and to typed trees (analyze),
// plus the function catalogue. Knows the dataset's fields, never SQL.
export { parseGroupBy, parseOrderBy, parseSelect, parseWhere, Parser } from './parser.ts';
export { stripPositions, type Clause, type Expr, type GroupItem, type OrderItem, type SelectItem } from './ast.ts';
export { FUNCTIONS, findFunction, functionCatalogue, type FunctionName, type FunctionSpec } from './functions.ts';
export {
  analyzeGroupItems, analyzeOrderItems, analyzeSelectItems, analyzeWhereExpr, containsAggregate, sameExpr,
  type OrderTerm, type OutputColumn,
} from './analyze/clauses.ts';
export type { Scope } from './analyze/scope.ts';
export type { TExpr } from './analyze/typed.ts';
export { isValidTimeZone } from './dates.ts';
export { normaliseText, searchTermMatchers } from './analyze/search.ts';
