// normalize_unicode (ODS "Normalize Unicode values"): a text put in one Unicode normalisation form
// (NFC by default), optionally with accents and other combining marks removed.
import { registerProcessor } from '../registry.ts';
import { FIELD, textStep } from './shared.ts';

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
});
