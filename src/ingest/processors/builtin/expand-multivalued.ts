// expand_multivalued (ODS "Expand multivalued field"): a field holding several values joined by a
// separator ("a;b;c") becomes one record per value (trimmed, empty values left out).
import { registerProcessor } from '../registry.ts';
import { FIELD, text, withField } from './shared.ts';

registerProcessor({
  type: 'expand_multivalued', label: 'Expand multivalued field', category: 'generic',
  description: 'Makes one record per value of a field whose values are joined by a separator.',
  params: [FIELD, { name: 'separator', kind: 'string', label: 'Separator', default: ';' }],
  plan(p, fields) {
    const field = String(p.field);
    const sep = typeof p.separator === 'string' ? p.separator : ';';
    return {
      fields: withField(fields, field, 'text'),
      apply: (rec) => {
        const s = text(rec[field]);
        const parts = s === null ? [] : s.split(sep).map((x) => x.trim()).filter(Boolean);
        if (parts.length === 0) return { ...rec, [field]: null };
        return parts.map((v) => ({ ...rec, [field]: v }));
      },
    };
  },
});
