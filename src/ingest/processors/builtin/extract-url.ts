// extract_url (ODS "Extract URLs"): the http(s) URLs found in a text, written to a new field
// (the first one, or all joined by a separator). Trailing sentence punctuation is not part of a URL.
import { registerProcessor } from '../registry.ts';
import { FIELD, textStep } from './shared.ts';

const URLS = /\bhttps?:\/\/[^\s<>"']+/gi;

registerProcessor({
  type: 'extract_url', label: 'Extract URLs', category: 'text',
  description: 'Finds the http(s) URLs in a text and writes the first one (or all of them) to a new field.',
  params: [
    FIELD,
    { name: 'output_field', kind: 'new_field', label: 'New field', required: true },
    { name: 'all', kind: 'boolean', label: 'Keep every URL (joined by the separator)', default: false },
    { name: 'separator', kind: 'string', label: 'Separator', default: ';' },
  ],
  plan(p, fields) {
    const all = p.all === true;
    const sep = typeof p.separator === 'string' ? p.separator : ';';
    return textStep(fields, String(p.field), String(p.output_field), (s) => {
      const urls = (s.match(URLS) ?? []).map((u) => u.replace(/[.,;:!?)\]]+$/, ''));
      if (!urls.length) return null;
      return all ? urls.join(sep) : urls[0];
    });
  },
});
