// expression (ODS "Expression"): a field set to the value of an ODSQL expression over the record
// (arithmetic, comparisons, AND/OR/NOT, and a few functions: see odsql-eval.ts), e.g.
// `round(price * 1.2, 2)` or `concat(upper(city), " (", code, ")")`. No eval: a parser and a tree walk.
import { registerProcessor } from '../registry.ts';
import { compileOdsql } from '../odsql-eval.ts';
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
});
