// Full-text search terms: normalisation shared with the SQL side (lowercase, accents stripped),
// splitting into terms, prefix (`film*`) and fuzziness rules of search()/suggest(). No SQL.
import type { Ctx } from './scope.ts';
import { fieldNode } from './scope.ts';
import type { SearchTerm, TextMode, TField } from './typed.ts';

/** Lowercase and strip combining marks: what strip_accents(lower(x)) does in SQL. */
export function normaliseText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
}

/** Splits search text into terms. words: `term*` is a prefix; fuzzy: the last term is a prefix,
 *  others allow 1 edit (length > 2) or 2 edits (length > 5); prefix: every term is a prefix. */
export function searchTerms(text: string, mode: TextMode): SearchTerm[] {
  if (mode === 'startswith') return text === '' ? [] : [{ text, prefix: true, fuzz: 0 }];
  const raw = normaliseText(text).split(/[^\p{L}\p{N}_*]+/u).filter((w) => w.replace(/\*/g, '') !== '');
  return raw.map((w, i) => {
    const star = w.endsWith('*');
    const word = w.replace(/\*/g, '');
    if (mode === 'words') return { text: word, prefix: star, fuzz: 0 };
    if (mode === 'prefix') return { text: word, prefix: true, fuzz: 0 };
    const last = i === raw.length - 1;
    const fuzz = last || star ? 0 : word.length > 5 ? 2 : word.length > 2 ? 1 : 0;
    return { text: word, prefix: last || star, fuzz };
  });
}

/** The given text fields, or every visible text field when none is given. */
export function textFieldsOrAll(ctx: Ctx, explicit: TField[]): TField[] {
  if (explicit.length) return explicit;
  return ctx.fields.filter((f) => f.type === 'text').map(fieldNode);
}
