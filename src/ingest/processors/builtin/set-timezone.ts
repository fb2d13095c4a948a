// set_timezone (ODS "Set timezone"): datetimes written without an offset (which are read as UTC)
// re-read as wall-clock times of an IANA time zone; text values with an explicit offset are kept.
import { isValidTimeZone } from '../../../query/index.ts';
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { StepFailure } from '../types.ts';
import { FIELD, text, withField } from './shared.ts';
import { instantOf, wallOfUtc } from './date-formats.ts';

const NAIVE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;

registerProcessor({
  type: 'set_timezone', label: 'Set timezone', category: 'date',
  description: 'Reads datetimes that carry no offset as times of the given time zone.',
  params: [{ ...FIELD, types: ['datetime', 'text'] }, { name: 'timezone', kind: 'string', label: 'Time zone (IANA, e.g. Europe/Paris)', required: true }],
  plan(p, fields) {
    const field = String(p.field);
    const zone = String(p.timezone);
    if (!isValidTimeZone(zone)) throw invalidParam('timezone', `"${zone}" is not an IANA time zone (e.g. Europe/Paris)`);
    const typed = fields.find((f) => f.name === field)!.type === 'datetime';
    return {
      fields: withField(fields, field, 'datetime'),
      apply: (rec) => {
        const s = text(rec[field]);
        if (s === null || s.trim() === '') return { ...rec, [field]: null };
        if (typed) return { ...rec, [field]: instantOf(wallOfUtc(new Date(s)), zone).toISOString() };
        if (ZONED.test(s.trim())) {
          const t = Date.parse(s.trim().replace(' ', 'T'));
          if (Number.isNaN(t)) throw new StepFailure(field, `${JSON.stringify(s)} is not an ISO 8601 date and time`);
          return { ...rec, [field]: new Date(t).toISOString() };
        }
        const m = NAIVE.exec(s.trim());
        if (!m) throw new StepFailure(field, `${JSON.stringify(s)} is not an ISO 8601 date and time`);
        const w = { y: +m[1], mo: +m[2], d: +m[3], h: +m[4], mi: +m[5], s: +(m[6] ?? 0), ms: Number((m[7] ?? '0').padEnd(3, '0').slice(0, 3)) };
        return { ...rec, [field]: instantOf(w, zone).toISOString() };
      },
    };
  },
});
