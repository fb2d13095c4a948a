// regex_replace (ODS "Replace via regular expression"): matches of a regular expression replaced,
// $1… naming its groups. The pattern is checked when the processor is configured.
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { FIELD, str, TARGET, textStep } from './shared.ts';

/** A user's pattern compiled, or a PROCESSOR_INVALID naming the parameter. */
export function userRegex(pattern: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (e) {
    throw invalidParam(where, `not a valid regular expression (${(e as Error).message})`);
  }
}

registerProcessor({
  type: 'regex_replace', label: 'Replace via regular expression', category: 'text',
  description: 'Replaces the matches of a regular expression; the replacement may use $1, $2… for groups.',
  params: [
    FIELD,
    { name: 'regex', kind: 'string', label: 'Regular expression', required: true },
    { name: 'replace', kind: 'string', label: 'Replacement', default: '' },
    { name: 'case_insensitive', kind: 'boolean', label: 'Ignore case', default: false },
    TARGET,
  ],
  plan(p, fields) {
    const re = userRegex(String(p.regex), p.case_insensitive ? 'gi' : 'g', 'regex');
    const by = typeof p.replace === 'string' ? p.replace : '';
    return textStep(fields, String(p.field), str(p.output_field), (s) => s.replace(re, by));
  },
});
