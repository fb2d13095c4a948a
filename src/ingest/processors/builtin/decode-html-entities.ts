// decode_html_entities (ODS "Decode HTML entities"): named and numeric character references
// (&eacute;, &#233;, &#xE9;) turned into characters, with the `entities` library (the WHATWG list).
import { decodeHTML } from 'entities';
import { registerProcessor } from '../registry.ts';
import { FIELD, textStep } from './shared.ts';

registerProcessor({
  type: 'decode_html_entities', label: 'Decode HTML entities', category: 'text',
  description: 'Replaces HTML character references (&amp;eacute;, &amp;#233;) by the characters they stand for.',
  params: [FIELD],
  plan: (p, fields) => textStep(fields, String(p.field), null, (s) => decodeHTML(s)),
});
