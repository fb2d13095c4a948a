// normalize_unicode (ODS "Normalize Unicode values"): a text put in one Unicode normalisation form
// (NFC by default), optionally with accents and other combining marks removed.
// SQL form: NFC without accent removal only, as DuckDB's nfc_normalize (utf8proc); NFD, NFKC, NFKD
// and strip_accents (which is not "remove \p{M}") have no DuckDB twin, so they stay JS. Both engines
// follow Unicode's normalisation stability: they can only part on characters one of their Unicode
// versions does not assign yet.
import { registerProcessor } from '../registry.ts';
import { FIELD, textStep, textStepSql } from './shared.ts';

const MARKS = /\p{M}+/gu;

registerProcessor({
  type: 'normalize_unicode', label: 'Normalize Unicode values', category: 'text',
  description: 'Puts text in a Unicode normalisation form (NFC, NFD, NFKC, NFKD); can remove accents.',
  params: [
    FIELD,
    { name: 'form', kind: 'enum', label: 'Normalisation form', options: ['NFC', 'NFD', 'NFKC', 'NFKD'], default: 'NFC' },
    { name: 'remove_accents', kind: 'boolean', label: 'Remove accents', default: false },
  ],
  plan(p, fields) {
    const form = String(p.form ?? 'NFC');
    const strip = p.remove_accents === true;
    return textStep(fields, String(p.field), null, (s) => {
      if (!strip) return s.normalize(form);
      const decomposed = s.normalize(form.startsWith('NFK') ? 'NFKD' : 'NFD').replace(MARKS, '');
      return decomposed.normalize(form);
    });
  },
  toSql(p, fields, sql) {
    if (String(p.form ?? 'NFC') !== 'NFC' || p.remove_accents === true) return null;
    return textStepSql(fields, String(p.field), null, sql, (s) => `nfc_normalize(${s})`);
  },
});
