// deduplicate: the records equal to an earlier one on the key fields (every field when none are
// named) are left out; the first one seen is kept. The seen keys are held for one run.
import { registerProcessor } from '../registry.ts';

registerProcessor({
  type: 'deduplicate', label: 'Deduplicate records', category: 'generic',
  description: 'Keeps the first of the records that have the same values in the key fields (all fields when empty).',
  params: [{ name: 'fields', kind: 'fields', label: 'Key fields (all when empty)' }],
  plan(p, fields) {
    const keys = (p.fields as string[] | null) ?? fields.map((f) => f.name);
    const seen = new Set<string>();
    return {
      fields: [...fields],
      apply: (rec) => {
        const k = JSON.stringify(keys.map((n) => rec[n] ?? null));
        if (seen.has(k)) return null;
        seen.add(k);
        return rec;
      },
    };
  },
});
