// join_dataset (ODS "Join datasets"): fields of another dataset of this portal copied into each
// record whose key equals that dataset's key (compared as text; the first match wins; no match, nulls).
import { registerProcessor } from '../registry.ts';
import { FIELD, fieldOf, text } from './shared.ts';
import { copiedFields, extend } from './joined-fields.ts';
import type { Rec } from '../types.ts';

registerProcessor({
  type: 'join_dataset', label: 'Join datasets', category: 'generic',
  description: 'Adds fields of another dataset of the portal, matching a field of this dataset to a field of that one.',
  params: [
    FIELD,
    { name: 'dataset', kind: 'dataset', label: 'Other dataset', required: true },
    { name: 'remote_field', kind: 'string', label: 'Key field of the other dataset', required: true },
    { name: 'fields', kind: 'list', label: 'Fields to copy (all when empty)', help: 'fields of the other dataset' },
  ],
  async plan(p, fields, ctx) {
    const field = String(p.field);
    const other = await ctx.readDataset(String(p.dataset), 'dataset');
    const key = fieldOf(other.fields, String(p.remote_field), 'remote_field').name;
    const copied = copiedFields(fields, other.fields, (p.fields as string[] | null) ?? null, key, 'fields');
    const index = new Map<string, Rec>();
    for (const r of other.records) {
      const k = text(r[key]);
      if (k !== null && !index.has(k)) index.set(k, r);
    }
    return {
      fields: [...fields, ...copied],
      apply: (rec) => {
        const k = text(rec[field]);
        return extend(rec, copied, k === null ? undefined : index.get(k));
      },
    };
  },
});
