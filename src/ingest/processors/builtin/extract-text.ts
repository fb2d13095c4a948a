// extract_text (ODS "Extract text"): the first match of a regular expression in a field (its first
// group when it has one) written to a new field; no match gives null.
import { registerProcessor } from '../registry.ts';
import { FIELD, textStep } from './shared.ts';
import { userRegex } from './regex-replace.ts';

registerProcessor({
  type: 'extract_text', label: 'Extract text', category: 'text',
  description: 'Writes the first match of a regular expression (or of its first group) to a new field.',
  params: [FIELD, { name: 'regex', kind: 'string', label: 'Regular expression', required: true }, { name: 'output_field', kind: 'new_field', label: 'New field', required: true }],
  plan(p, fields) {
    const re = userRegex(String(p.regex), '', 'regex');
    return textStep(fields, String(p.field), String(p.output_field), (s) => {
      const m = re.exec(s);
      return m ? (m[1] ?? m[0]) : null;
    });
  },
});
