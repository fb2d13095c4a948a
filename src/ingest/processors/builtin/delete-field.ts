// delete_field (ODS "Delete a field"): the fields named are left out of the published data.
// SQL form: the columns left out of the step's SELECT.
import { registerProcessor } from '../registry.ts';
import { withoutFields } from './shared.ts';

registerProcessor({
  type: 'delete_field', label: 'Delete a field', category: 'generic',
  description: 'Removes one or more fields (comma-separated names) from every record.',
  params: [{ name: 'field', kind: 'fields', label: 'Field(s)', required: true }],
  plan(p, fields) {
    const names = p.field as string[];
    return {
      fields: withoutFields(fields, names),
      apply: (rec) => {
        const out = { ...rec };
        for (const n of names) delete out[n];
        return out;
      },
    };
  },
  toSql: () => ({ values: {}, jsOnly: [] }),
});
