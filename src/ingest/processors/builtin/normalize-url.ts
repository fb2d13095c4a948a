// normalize_url (ODS "Normalize URL"): a URL in its WHATWG canonical form (scheme and host
// lowercased, default port and dot segments removed, characters percent-encoded), "http://"
// added when no scheme is given. Text that is not a URL fails the record, naming it.
import { registerProcessor } from '../registry.ts';
import { StepFailure } from '../types.ts';
import { FIELD, textStep } from './shared.ts';

registerProcessor({
  type: 'normalize_url', label: 'Normalize URL', category: 'text',
  description: 'Rewrites URLs in canonical form, adding http:// when the scheme is missing.',
  params: [FIELD, { name: 'default_scheme', kind: 'enum', label: 'Scheme added when missing', options: ['http', 'https'], default: 'http' }],
  plan(p, fields) {
    const field = String(p.field);
    const scheme = String(p.default_scheme ?? 'http');
    return textStep(fields, field, null, (s) => {
      const t = s.trim();
      if (!t) return null;
      const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(t) && !/^[^/]+:\d+(\/|$)/.test(t) ? t : `${scheme}://${t}`;
      if (!URL.canParse(withScheme)) throw new StepFailure(field, `${JSON.stringify(s)} is not a URL`);
      return new URL(withScheme).href;
    });
  },
});
