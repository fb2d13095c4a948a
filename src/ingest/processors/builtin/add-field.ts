// add_field (ODS "Add a field"): a new text field, empty or holding one fixed value, for later
// processors to fill. SQL form: the value as a bound parameter.
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { wellFormed } from '../sql-forms.ts';
import { str, withField } from './shared.ts';

registerProcessor({
  type: 'add_field', label: 'Add a field', category: 'generic',
  description: 'Adds a text field to every record, empty or with a fixed value.',
  params: [
    { name: 'field', kind: 'new_field', label: 'Field name', required: true },
    { name: 'value', kind: 'string', label: 'Value (empty when left out)' },
  ],
  plan(p, fields) {
    const name = String(p.field);
    if (fields.some((f) => f.name === name)) throw invalidParam('field', `a field "${name}" exists already`);
    const value = str(p.value);
    return { fields: withField(fields, name, 'text'), apply: (rec) => ({ ...rec, [name]: value }) };
  },
  toSql(p, _fields, sql) {
    const value = str(p.value);
    if (value !== null && !wellFormed(value)) return null;
    return { values: { [String(p.field)]: value === null ? 'CAST(NULL AS VARCHAR)' : sql.text(value) }, jsOnly: [] };
  },
});
