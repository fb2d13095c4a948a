// copy_field (ODS "Copy a field"): a field's value copied into another field (new or existing), same type.
// SQL form: the column under the new name.
import { registerProcessor } from '../registry.ts';
import { FIELD, fieldOf, withField } from './shared.ts';

registerProcessor({
  type: 'copy_field', label: 'Copy a field', category: 'generic',
  description: 'Copies the value of a field into another field, created when it does not exist.',
  params: [FIELD, { name: 'new_field', kind: 'new_field', label: 'New field', required: true }],
  plan(p, fields) {
    const from = String(p.field);
    const to = String(p.new_field);
    const src = fieldOf(fields, from, 'field');
    return { fields: withField(fields, to, src.type), apply: (rec) => ({ ...rec, [to]: structuredClone(rec[from] ?? null) }) };
  },
  toSql: (p, _fields, sql) => ({ values: { [String(p.new_field)]: sql.col(String(p.field)) }, jsOnly: [] }),
});
