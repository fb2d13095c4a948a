// regex_replace (ODS "Replace via regular expression"): matches of a regular expression replaced,
// $1… naming its groups. The pattern is checked when the processor is configured. SQL form:
// regexp_replace with the pattern rewritten for RE2 where the two engines match alike (regex-re2.ts);
// other patterns stay JS.
import { registerProcessor } from '../registry.ts';
import { invalidParam } from '../plan.ts';
import { astral, nonAscii } from '../sql-forms.ts';
import { toRe2 } from './regex-re2.ts';
import { FIELD, str, TARGET, textStep, textStepSql } from './shared.ts';

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
  toSql(p, fields, sql) {
    const ci = p.case_insensitive === true;
    const re2 = toRe2(String(p.regex), typeof p.replace === 'string' ? p.replace : '', ci);
    if (!re2) return null;
    return textStepSql(fields, String(p.field), str(p.output_field), sql, (s, jsOnly) => {
      jsOnly.push(astral(s, sql));
      if (ci) jsOnly.push(nonAscii(s, sql));
      return `regexp_replace(${s}, ${sql.text(re2.pattern)}, ${sql.text(re2.rewrite)}, '${ci ? 'gi' : 'g'}')`;
    });
  },
});
