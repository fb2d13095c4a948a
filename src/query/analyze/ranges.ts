// range() in group_by: static ranges (`range(f, *, 10, 50, *)`, bounds may be date literals) and
// equal-width ranges (`range(f, 5)`, `range(date, 1 day)`). Validates and prepares the bounds.
import type { Call } from '../ast.ts';
import { odsqlError } from '../errors.ts';
import type { FunctionName } from '../functions.ts';
import { analyzeValue, periodOf, requireType } from './expr.ts';
import type { Ctx } from './scope.ts';
import { NUMERIC, TEMPORAL, type CallOptions, type IntervalUnit, type TExpr, type TPeriod, type ValueType } from './typed.ts';

const UNIT_NAMES: Record<string, IntervalUnit> = {
  ms: 'millisecond', millisecond: 'millisecond', milliseconds: 'millisecond',
  s: 'second', second: 'second', seconds: 'second', m: 'minute', minute: 'minute', minutes: 'minute',
  h: 'hour', hour: 'hour', hours: 'hour', d: 'day', day: 'day', days: 'day', w: 'week', week: 'week', weeks: 'week',
  M: 'month', month: 'month', months: 'month', q: 'quarter', quarter: 'quarter', quarters: 'quarter', y: 'year', year: 'year', years: 'year',
};
const CALENDAR_UNITS = new Set<IntervalUnit>(['week', 'month', 'quarter', 'year']);

type Make = (fn: FunctionName, type: ValueType, args: TExpr[], options: CallOptions) => TExpr;

export function analyzeRange(e: Call, ctx: Ctx, make: Make): TExpr {
  const fieldAst = e.args[0];
  if (fieldAst.kind !== 'field') throw odsqlError('ODSQL_TYPE', ctx.clause, fieldAst.pos, 'range() expects a field name first');
  const field = analyzeValue(fieldAst, ctx);
  requireType(field, new Set([...NUMERIC, ...TEMPORAL]), 'a numeric or date field', fieldAst.pos, ctx);
  const steps = e.args.slice(1);
  const temporal = TEMPORAL.has(field.type);
  if (steps.length === 1 && steps[0].kind === 'quantity') {
    const q = steps[0];
    const unit = UNIT_NAMES[q.unit];
    if (!temporal || !unit) throw odsqlError('ODSQL_TYPE', ctx.clause, q.pos, `Invalid range width ${q.value}${q.unit}`);
    if (!Number.isInteger(q.value) || q.value < 1 || (CALENDAR_UNITS.has(unit) && q.value !== 1)) {
      throw odsqlError('ODSQL_TYPE', ctx.clause, q.pos, `Interval ${q.value}${q.unit}: a positive integer is required, and 1 for weeks, months, quarters and years`);
    }
    return make('range', 'text', [field], { interval: { n: q.value, unit }, timezone: ctx.timezone });
  }
  if (steps.length === 1 && steps[0].kind === 'number') {
    if (temporal) throw odsqlError('ODSQL_TYPE', ctx.clause, steps[0].pos, 'A date range width needs a unit, e.g. 1 day');
    if (!(steps[0].value > 0)) throw odsqlError('ODSQL_TYPE', ctx.clause, steps[0].pos, 'The range width must be positive');
    return make('range', 'text', [field], { width: steps[0].value });
  }
  const bounds: (number | TPeriod | null)[] = [];
  steps.forEach((s, i) => {
    if (s.kind === 'star') {
      if (i !== 0 && i !== steps.length - 1) throw odsqlError('ODSQL_TYPE', ctx.clause, s.pos, '* can only be the first or the last range bound');
      bounds.push(null);
    } else if (s.kind === 'number' && !temporal) bounds.push(s.value);
    else if (temporal && (s.kind === 'date' || s.kind === 'string')) bounds.push(periodOf(s.kind === 'date' ? s.text : s.value, s.pos, ctx));
    else throw odsqlError('ODSQL_TYPE', ctx.clause, s.pos, temporal ? 'Expected a date literal bound' : 'Expected a number bound');
  });
  const finite = bounds.filter((b) => b !== null);
  if (finite.length === 0 || bounds.length < 2) throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, 'range() needs at least two bounds (or a width)');
  const key = (b: number | TPeriod) => (typeof b === 'number' ? b : b.period.start);
  for (let i = 1; i < finite.length; i++) {
    if (key(finite[i]!) <= key(finite[i - 1]!)) throw odsqlError('ODSQL_TYPE', ctx.clause, e.pos, 'range() bounds must be increasing');
  }
  return make('range', 'text', [field], { bounds, timezone: ctx.timezone });
}
