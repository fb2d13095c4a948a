// json_extractor (ODS "Extract from JSON"): the value at a dotted path of a JSON field written to
// a new field: text, or JSON text when the value is an object or array.
import { registerProcessor } from '../registry.ts';
import { FIELD, text, withField } from './shared.ts';
import { atPath, jsonOf } from './json-path.ts';

registerProcessor({
  type: 'json_extractor', label: 'Extract from JSON', category: 'text',
  description: 'Writes the value found at a path (e.g. "address.city" or "items.0.name") of a JSON field to a new field.',
  params: [FIELD, { name: 'json_path', kind: 'string', label: 'Path (dot-separated)', required: true }, { name: 'output_field', kind: 'new_field', label: 'New field', required: true }],
  plan(p, fields) {
    const from = String(p.field);
    const to = String(p.output_field);
    const path = String(p.json_path).replace(/^\$\.?/, '');
    return {
      fields: withField(fields, to, 'text'),
      apply: (rec) => ({ ...rec, [to]: rec[from] === null || rec[from] === undefined ? null : text(atPath(jsonOf(rec[from], from), path)) }),
    };
  },
});
