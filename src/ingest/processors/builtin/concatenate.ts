// concatenate (ODS "Concatenate text"): the text of several fields joined by a separator into a new
// field; empty values are left out (so no doubled separators), all empty gives null.
import { registerProcessor } from '../registry.ts';
import { text, withField } from './shared.ts';

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
});
