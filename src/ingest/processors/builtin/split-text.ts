// split_text (ODS "Split text"): a text field cut at a separator; the parts go, in order, into the
// new fields named (missing parts are null; with one new field left, it keeps the rest unsplit).
import { registerProcessor } from '../registry.ts';
import type { PField } from '../types.ts';
import { FIELD, text, withField } from './shared.ts';

registerProcessor({
  type: 'split_text', label: 'Split text', category: 'text',
  description: 'Splits a text at a separator into several new fields (the last one keeps the rest).',
  params: [
    FIELD,
    { name: 'separator', kind: 'string', label: 'Separator', required: true },
    { name: 'new_fields', kind: 'new_fields', label: 'New fields, in order', required: true, help: 'comma-separated names; need not exist' },
  ],
  plan(p, fields) {
    const from = String(p.field);
    const sep = String(p.separator);
    const targets = p.new_fields as string[];
    const out = targets.reduce<PField[]>((fs, t) => withField(fs, t, 'text'), [...fields]);
    return {
      fields: out,
      apply: (rec) => {
        const s = text(rec[from]);
        const parts = s === null ? [] : s.split(sep);
        const res = { ...rec };
        targets.forEach((t, i) => {
          const last = i === targets.length - 1;
          const v = last ? parts.slice(i).join(sep) : parts[i];
          res[t] = v === undefined || (last && i >= parts.length) ? null : v;
        });
        return res;
      },
    };
  },
});
