// What processors' SQL forms share (types.ts SqlStep): a value as JS's text() writes it, the checks
// that send a record to the JS path where DuckDB and JS part (astral characters, non-ASCII case
// mapping, numbers JS writes otherwise), and the JS whitespace set. SQL text only, built from a
// SqlContext's columns and bound parameters; no I/O.
import type { PField, SqlContext } from './types.ts';

/** The static kinds a SQL form tracks: what JS value a column or expression holds. */
export type SqlKind = 'text' | 'number' | 'boolean' | 'null';

export interface Typed { sql: string; kind: SqlKind }

/** What String.prototype.trim removes and what \s matches in a JS regular expression. */
export const JS_SPACE = '\t\n\u000b\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff';
/** The same as an RE2 class body. */
export const RE2_SPACE = [...JS_SPACE].map((c) => `\\x{${c.codePointAt(0)!.toString(16)}}`).join('');

/** A field's value as the JS path holds it: text (dates are "YYYY-MM-DD" there), a number or a
 *  boolean; null for datetime and other types, which no SQL form reads. */
export function fieldValue(f: PField, sql: SqlContext): Typed | null {
  const c = sql.col(f.name);
  switch (f.type) {
    case 'text': return { sql: c, kind: 'text' };
    case 'date': return { sql: `CAST(${c} AS VARCHAR)`, kind: 'text' };
    case 'int': return { sql: `CAST(${c} AS DOUBLE)`, kind: 'number' };
    case 'double': return { sql: c, kind: 'number' };
    case 'boolean': return { sql: c, kind: 'boolean' };
    default: return null;
  }
}

/** A value as text, as String() writes it in JS. A number is written only when it is an integer
 *  below 2^53 in size (every digit exact; past it JS writes the shortest round-trip digits, 1e17 + 16
 *  as 100000000000000020); any other number (1.5, 2^60) sends its record to JS. */
export function asText(v: Typed, jsOnly: string[]): string {
  switch (v.kind) {
    case 'text': return v.sql;
    case 'null': return 'CAST(NULL AS VARCHAR)';
    case 'boolean': return `CASE WHEN ${v.sql} THEN 'true' WHEN NOT ${v.sql} THEN 'false' END`;
    default: {
      const whole = `(${v.sql} = trunc(${v.sql}) AND abs(${v.sql}) <= 9007199254740991)`;
      jsOnly.push(`(${v.sql} IS NOT NULL AND NOT ${whole})`);
      return `CASE WHEN ${whole} THEN CAST(CAST(${v.sql} AS BIGINT) AS VARCHAR) END`;
    }
  }
}

/** A field's text as JS's text() gives it (shared.ts), or null when that field's type has no SQL form. */
export function fieldText(f: PField, sql: SqlContext, jsOnly: string[]): string | null {
  const v = fieldValue(f, sql);
  return v ? asText(v, jsOnly) : null;
}

/** True on text holding a character past U+FFFF: JS sees two UTF-16 units there, DuckDB one code point. */
export const astral = (s: string, sql: SqlContext): string => `coalesce(regexp_matches(${s}, ${sql.text('[\\x{10000}-\\x{10FFFF}]')}), false)`;

/** True on text holding a character past ASCII (where the engines' case mappings part). */
export const nonAscii = (s: string, sql: SqlContext): string => `coalesce(regexp_matches(${s}, ${sql.text('[^\\x{0}-\\x{7f}]')}), false)`;

/** A JS string DuckDB receives unchanged: no lone surrogate (it would become U+FFFD on the way). */
export function wellFormed(s: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
