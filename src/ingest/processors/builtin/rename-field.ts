// rename_field (ODS "Rename a field"): the field keeps its values and place under a new name.
// SQL form: the column under the new name.
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { FIELD } from './shared.ts';

registerProcessor({
  type: 'rename_field', label: 'Rename a field', category: 'generic',
  description: 'Gives a field a new technical name; its values and position are kept.',
  params: [FIELD, { name: 'new_name', kind: 'new_field', label: 'New name', required: true }],
  plan(p, fields) {
    const from = String(p.field);
    const to = String(p.new_name);
    if (from !== to && fields.some((f) => f.name === to)) throw invalidParam('new_name', `a field "${to}" exists already`);
    return {
      fields: fields.map((f) => (f.name === from ? { ...f, name: to, label: f.label === f.name ? to : f.label } : f)),
      apply: (rec) => {
        const { [from]: v, ...rest } = rec;
        return { ...rest, [to]: v ?? null };
      },
    };
  },
  toSql: (p, _fields, sql) => ({ values: { [String(p.new_name)]: sql.col(String(p.field)) }, jsOnly: [] }),
});
