// expand_json_array (ODS "Expand JSON array"): a record whose field holds a JSON array becomes one
// record per element, the element (as text, or JSON text) in place of the array; an empty or null
// array keeps the record with null.
import { registerProcessor } from '../registry.ts';
import { StepFailure } from '../types.ts';
import { FIELD, text, withField } from './shared.ts';
import { jsonOf } from './json-path.ts';

registerProcessor({
  type: 'expand_json_array', label: 'Expand JSON array', category: 'generic',
  description: 'Makes one record per element of a JSON array field.',
  params: [FIELD],
  plan(p, fields) {
    const field = String(p.field);
    return {
      fields: withField(fields, field, 'text'),
      apply: (rec) => {
        const v = rec[field] === undefined || rec[field] === null ? null : jsonOf(rec[field], field);
        if (v === null) return { ...rec, [field]: null };
        if (!Array.isArray(v)) throw new StepFailure(field, 'the value is JSON but not an array');
        if (v.length === 0) return { ...rec, [field]: null };
        return v.map((el) => ({ ...rec, [field]: text(el) }));
      },
    };
  },
});
