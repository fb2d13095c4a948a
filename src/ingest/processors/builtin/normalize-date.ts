// normalize_date (ODS "Normalize date"): text dates read by one or more formats (tried in order)
// and published as a date, or a datetime read in a time zone (UTC by default). A value no format
// reads fails the record, naming the formats.
import { isValidTimeZone } from '../../../query/index.ts';
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { StepFailure } from '../types.ts';
import { FIELD, str, text, withField } from './shared.ts';
import { compileFormat, instantOf, isoDate } from './date-formats.ts';

registerProcessor({
  type: 'normalize_date', label: 'Normalize date', category: 'date',
  description: 'Reads dates written in given formats (e.g. %d/%m/%Y) and publishes them as dates or datetimes.',
  params: [
    FIELD,
    { name: 'input_formats', kind: 'list', label: 'Formats, tried in order', required: true, help: 'comma-separated, e.g. "%d/%m/%Y, %Y%m%d"' },
    { name: 'output_type', kind: 'enum', label: 'Published as', options: ['date', 'datetime'], default: 'date' },
    { name: 'timezone', kind: 'string', label: 'Time zone of the values (datetimes)', default: 'UTC' },
    { name: 'output_field', kind: 'new_field', label: 'Output field (the same field when empty)' },
  ],
  plan(p, fields) {
    const field = String(p.field);
    const formats = p.input_formats as string[];
    const readers = formats.map((f) => {
      const r = compileFormat(f);
      if (typeof r === 'string') throw invalidParam('input_formats', `"${f}": ${r}`);
      return r;
    });
    const zone = String(p.timezone ?? 'UTC');
    if (!isValidTimeZone(zone)) throw invalidParam('timezone', `"${zone}" is not an IANA time zone (e.g. Europe/Paris)`);
    const type = p.output_type === 'datetime' ? 'datetime' : 'date';
    const out = str(p.output_field) ?? field;
    return {
      fields: withField(fields, out, type),
      apply: (rec) => {
        const s = text(rec[field]);
        if (s === null || s.trim() === '') return { ...rec, [out]: null };
        for (const read of readers) {
          const w = read(s);
          if (w) return { ...rec, [out]: type === 'date' ? isoDate(w) : instantOf(w, zone).toISOString() };
        }
        throw new StepFailure(field, `${JSON.stringify(s)} does not match the format${formats.length > 1 ? 's' : ''} ${formats.join(', ')}`);
      },
    };
  },
});
