// The sql stage's one way in: the default compiler and the dialects.
export { compileCount, compilePlan, compileRecordIdBounds, GROUP_TOTAL_COLUMN, resultColumns } from './compile.ts';
export { compileShapeCandidates } from './geo.ts';
export type { Dialect } from './dialect.ts';
export { duckdbDialect } from './duckdb.ts';
export { postgresDialect } from './postgres.ts';
export { quoteIdent } from './quote.ts';
export { SqlBuilder } from './builder.ts';
export { ExprCompiler } from './expr.ts';
export { dialectFor } from './by-name.ts';
