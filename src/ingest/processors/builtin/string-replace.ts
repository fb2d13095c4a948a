// string_replace (ODS "Replace text", the Automation API's example processor): every occurrence of
// `old` in the field's text replaced by `new` (plain text, not a pattern). SQL form: replace(), the
// same left-to-right, non-overlapping search (none when a text holds a lone surrogate: DuckDB cannot).
import { registerProcessor } from '../registry.ts';
import { wellFormed } from '../sql-forms.ts';
import { FIELD, textStep, textStepSql } from './shared.ts';

registerProcessor({
  type: 'string_replace', label: 'Replace text', category: 'text',
  description: 'Replaces every occurrence of a text by another in a field.',
  params: [FIELD, { name: 'old', kind: 'string', label: 'Text to replace', required: true }, { name: 'new', kind: 'string', label: 'Replacement', default: '' }],
  plan(p, fields) {
    const old = String(p.old);
    const by = typeof p.new === 'string' ? p.new : '';
    return textStep(fields, String(p.field), null, (s) => s.split(old).join(by));
  },
  toSql(p, fields, sql) {
    const old = String(p.old);
    const by = typeof p.new === 'string' ? p.new : '';
    if (!wellFormed(old) || !wellFormed(by)) return null;
    return textStepSql(fields, String(p.field), null, sql, (s) => `replace(${s}, ${sql.text(old)}, ${sql.text(by)})`);
  },
});
