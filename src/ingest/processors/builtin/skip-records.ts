// skip_records (ODS "Skip records"): records left out when a field holds a value (exactly, or
// containing it), or, an Agora extension, when an ODSQL condition over the record is true.
// SQL form: a keep predicate, from the condition's SQL twin (odsql-sql.ts) or the field's text.
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { compileOdsql } from '../odsql-eval.ts';
import { odsqlToSql } from '../odsql-sql.ts';
import { fieldText, wellFormed } from '../sql-forms.ts';
import { fieldOf, str, text } from './shared.ts';
import type { Rec } from '../types.ts';

registerProcessor({
  type: 'skip_records', label: 'Skip records', category: 'generic',
  description: 'Leaves out the records whose field matches a value, or for which an ODSQL condition is true.',
  params: [
    { name: 'field', kind: 'field', label: 'Field' },
    { name: 'value', kind: 'string', label: 'Value that means the record is skipped' },
    { name: 'exact_match', kind: 'boolean', label: 'Exact match (else: contains)', default: true },
    { name: 'condition', kind: 'condition', label: 'Or an ODSQL condition', help: 'e.g. status = "closed" and count < 1' },
  ],
  plan(p, fields) {
    const cond = str(p.condition);
    const field = str(p.field);
    if ((cond === null) === (field === null)) throw invalidParam(cond ? 'field' : 'condition', 'give either field (with value) or condition');
    let skip: (r: Rec) => boolean;
    if (cond !== null) {
      const test = compileOdsql(cond, fields, 'condition');
      skip = (r) => test(r) === true;
    } else {
      const value = str(p.value);
      const exact = p.exact_match !== false;
      skip = (r) => {
        const s = text(r[field!]);
        if (value === null) return s === null || s === '';
        return s !== null && (exact ? s === value : s.includes(value));
      };
    }
    return { fields: [...fields], apply: (rec) => (skip(rec) ? null : rec) };
  },
  toSql(p, fields, sql) {
    const jsOnly: string[] = [];
    const cond = str(p.condition);
    if (cond !== null) {
      const v = odsqlToSql(cond, fields, sql, jsOnly);
      // Skipped only when the condition is true itself (test(r) === true): another kind never skips.
      return v && { values: {}, keep: v.kind === 'boolean' ? `NOT coalesce(${v.sql}, false)` : 'true', jsOnly };
    }
    const s = fieldText(fieldOf(fields, String(p.field), 'field'), sql, jsOnly);
    const value = str(p.value);
    if (s === null || (value !== null && !wellFormed(value))) return null;
    const keep = value === null ? `NOT (${s} IS NULL OR ${s} = '')`
      : p.exact_match !== false ? `NOT coalesce(${s} = ${sql.text(value)}, false)` : `NOT coalesce(contains(${s}, ${sql.text(value)}), false)`;
    return { values: {}, keep, jsOnly };
  },
});
