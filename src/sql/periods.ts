// Comparisons with date literals, which denote periods (`date'2021'` is all of 2021, in the request
// time zone): `=` means inside the period, `>` after it, `<` before it, `>=` from its start, `<=`
// up to its end. DATE values compare with calendar days, others with instants.
import type { CompareOp } from '../query/ast.ts';
import type { Period } from '../query/dates.ts';
import type { ValueType } from '../query/analyze/typed.ts';
import type { ExprCompiler } from './expr.ts';

export function periodBound(p: Period, which: 'start' | 'end', kind: 'date' | 'datetime', c: ExprCompiler): string {
  if (kind === 'date') return c.b.typed(which === 'start' ? p.startDate : p.endDate, 'date');
  return c.b.typed(new Date(which === 'start' ? p.start : p.end).toISOString(), 'timestamptz');
}

export function comparePeriod(left: () => string, leftType: ValueType, op: CompareOp, p: Period, c: ExprCompiler): string {
  const kind = leftType === 'date' ? 'date' : 'datetime';
  if (p.precision === 'instant' && kind === 'datetime') {
    const sqlOp = op === '!=' ? '<>' : op;
    return `(${left()} ${sqlOp} ${periodBound(p, 'start', kind, c)})`;
  }
  const start = () => periodBound(p, 'start', kind, c);
  const end = () => periodBound(p, 'end', kind, c);
  switch (op) {
    case '=': return `(${left()} >= ${start()} AND ${left()} < ${end()})`;
    case '!=': return `(${left()} < ${start()} OR ${left()} >= ${end()})`;
    case '>': return `(${left()} >= ${end()})`;
    case '>=': return `(${left()} >= ${start()})`;
    case '<': return `(${left()} < ${start()})`;
    case '<=': return `(${left()} < ${end()})`;
  }
}
