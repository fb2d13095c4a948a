// expression (ODS "Expression"): a field set to the value of an ODSQL expression over the record
// (arithmetic, comparisons, AND/OR/NOT, and a few functions: see odsql-eval.ts), e.g.
// `round(price * 1.2, 2)` or `concat(upper(city), " (", code, ")")`. No eval: a parser and a tree walk.
// SQL form: the expression's SQL twin (odsql-sql.ts), made the output type as as() does; none when the
// expression has no twin or a text would have to become a number (JS's Number() parsing).
import { registerProcessor } from '../registry.ts';
import { compileOdsql } from '../odsql-eval.ts';
import { odsqlToSql, truth } from '../odsql-sql.ts';
import { asText, type Typed } from '../sql-forms.ts';
import { StepFailure, type Value } from '../types.ts';
import { withField } from './shared.ts';

const TYPES = ['text', 'double', 'int', 'boolean'] as const;

function as(type: (typeof TYPES)[number], v: Value, field: string): Value {
  if (v === null) return null;
  switch (type) {
    case 'text': return typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v);
    case 'boolean': return Boolean(v);
    default: {
      const n = typeof v === 'number' ? v : Number(v);
      if (typeof v === 'boolean' || !Number.isFinite(n)) throw new StepFailure(field, `the expression gave ${JSON.stringify(v)}, not a number`);
      return type === 'int' ? Math.trunc(n) : n;
    }
  }
}

/** as() in SQL; null when it has no twin. A boolean made a number fails in JS: such records go to JS. */
function asSql(type: (typeof TYPES)[number], v: Typed, jsOnly: string[]): string | null {
  const nothing = `CAST(NULL AS ${{ text: 'VARCHAR', boolean: 'BOOLEAN', int: 'BIGINT', double: 'DOUBLE' }[type]})`;
  if (v.kind === 'null') return nothing;
  switch (type) {
    case 'text': return asText(v, jsOnly);
    case 'boolean': return truth(v);
    default:
      if (v.kind === 'text') return null;
      if (v.kind === 'boolean') { jsOnly.push(`(${v.sql} IS NOT NULL)`); return nothing; }
      if (type === 'double') return v.sql;
      jsOnly.push(`(abs(trunc(${v.sql})) > 9007199254740991)`); // past 2^53 the JS value cannot be stored
      return `CAST(trunc(${v.sql}) AS BIGINT)`;
  }
}

registerProcessor({
  type: 'expression', label: 'Expression', category: 'generic',
  description: 'Sets a field to the value of an ODSQL expression over the record.',
  params: [
    { name: 'expression', kind: 'expression', label: 'Expression', required: true, help: 'e.g. round(price * 1.2, 2)' },
    { name: 'output_field', kind: 'new_field', label: 'Field to write', required: true },
    { name: 'output_type', kind: 'enum', label: 'Type of the result', options: TYPES, default: 'text' },
  ],
  plan(p, fields) {
    const run = compileOdsql(String(p.expression), fields, 'expression');
    const out = String(p.output_field);
    const type = (p.output_type ?? 'text') as (typeof TYPES)[number];
    return { fields: withField(fields, out, type), apply: (rec) => ({ ...rec, [out]: as(type, run(rec), out) }) };
  },
  toSql(p, fields, sql) {
    const jsOnly: string[] = [];
    const v = odsqlToSql(String(p.expression), fields, sql, jsOnly);
    const value = v && asSql((p.output_type ?? 'text') as (typeof TYPES)[number], v, jsOnly);
    return value === null || value === undefined ? null : { values: { [String(p.output_field)]: value }, jsOnly };
  },
});
