// concatenate (ODS "Concatenate text"): the text of several fields joined by a separator into a new
// field; empty values are left out (so no doubled separators), all empty gives null. SQL form:
// concat_ws over the texts with '' made null (concat_ws leaves nulls out), '' made null again.
import { registerProcessor } from '../registry.ts';
import { fieldText, wellFormed } from '../sql-forms.ts';
import { fieldOf, text, withField } from './shared.ts';

registerProcessor({
  type: 'concatenate', label: 'Concatenate text', category: 'text',
  description: 'Joins the values of several fields, in order, with a separator, into a new text field.',
  params: [
    { name: 'fields', kind: 'fields', label: 'Fields to join', required: true },
    { name: 'new_field', kind: 'new_field', label: 'New field', required: true },
    { name: 'separator', kind: 'string', label: 'Separator', default: ' ' },
  ],
  plan(p, fields) {
    const names = p.fields as string[];
    const to = String(p.new_field);
    const sep = typeof p.separator === 'string' ? p.separator : '';
    return {
      fields: withField(fields, to, 'text'),
      apply: (rec) => {
        const parts = names.map((n) => text(rec[n])).filter((s): s is string => s !== null && s !== '');
        return { ...rec, [to]: parts.length ? parts.join(sep) : null };
      },
    };
  },
  toSql(p, fields, sql) {
    const sep = typeof p.separator === 'string' ? p.separator : '';
    if (!wellFormed(sep)) return null;
    const jsOnly: string[] = [];
    const parts: string[] = [];
    for (const n of p.fields as string[]) {
      const t = fieldText(fieldOf(fields, n, 'fields'), sql, jsOnly);
      if (t === null) return null;
      parts.push(`nullif(${t}, '')`);
    }
    return { values: { [String(p.new_field)]: `nullif(concat_ws(${sql.text(sep)}, ${parts.join(', ')}), '')` }, jsOnly };
  },
});
