// Full-text search terms: normalisation shared with the SQL side (lowercase, accents stripped),
// splitting into terms, stems and stop words, prefix (`film*`) and fuzziness rules of
// search()/suggest(), and the word pattern a term matches (used by SQL and by catalog ranking).
import type { Ctx } from './scope.ts';
import { fieldNode } from './scope.ts';
import { isStopWord, stemsOf, type StemLanguage, STEM_LANGUAGES } from './stems.ts';
import type { SearchTerm, TextMode, TField } from './typed.ts';

/** Lowercase and strip combining marks: what strip_accents(lower(x)) does in SQL. */
export function normaliseText(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().normalize('NFC');
}

export interface TermOptions {
  /** Stemmer languages (bare strings and search()); LIKE passes none: its words match as typed. */
  readonly stems?: readonly StemLanguage[];
}

/**
 * Splits search text into terms. Stop words are dropped unless nothing else is left.
 * words (bare strings): a term of 3+ letters matches words beginning with it or with one of its
 *   stems ("airport" finds "airports", "cities" finds "city"); the last term is always a prefix
 *   (so a search finds what suggest() proposed); `term*` is a prefix; shorter terms match whole words.
 * fuzzy (search()): the last term is a prefix (of the word or a stem), others allow 1 edit
 *   (length > 2) or 2 edits (length > 5) or begin with a stem. prefix (suggest()): every term is a prefix.
 */
export function searchTerms(text: string, mode: TextMode, o: TermOptions = {}): SearchTerm[] {
  if (mode === 'startswith') return text === '' ? [] : [{ text, prefix: true, fuzz: 0, prefixes: [] }];
  const words = text.toLowerCase().split(/[^\p{L}\p{M}\p{N}_*]+/u).filter((w) => w.replace(/\*/g, '') !== '');
  const kept = words.filter((w) => !isStopWord(normaliseText(w)));
  const raw = kept.length ? kept : words;
  return raw.map((w, i) => {
    const star = w.endsWith('*');
    const lower = w.replace(/\*/g, '');
    const word = normaliseText(lower);
    const last = i === raw.length - 1;
    const stemmed = o.stems && word.length >= 3 ? minimalPrefixes(word, stemsOf(lower, o.stems)) : [];
    if (mode === 'words') return { text: word, prefix: star || (o.stems ? last || stemmed.length > 0 : false), fuzz: 0, prefixes: stemmed };
    if (mode === 'prefix') return { text: word, prefix: true, fuzz: 0, prefixes: [] };
    const fuzz = last || star ? 0 : word.length > 5 ? 2 : word.length > 2 ? 1 : 0;
    return { text: word, prefix: last || star, fuzz, prefixes: star ? [] : stemmed };
  });
}

/** The word and its stems, normalised, none a prefix of another (the word first when it stays). */
function minimalPrefixes(word: string, stems: string[]): string[] {
  const all = [...new Set([word, ...stems.map(normaliseText)])];
  return all.filter((p) => !all.some((q) => q !== p && p.startsWith(q)));
}

/** The words a term matches, as a regex over normalised text (nonWord: the dialect's class). */
export function termPattern(term: SearchTerm, nonWord: string): string {
  const alts = term.prefixes.length ? term.prefixes : [term.text];
  const body = alts.length === 1 ? escapeRegex(alts[0]) : `(${alts.map(escapeRegex).join('|')})`;
  return `(^|${nonWord})${body}${term.prefix ? '' : `($|${nonWord})`}`;
}

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Stemmer languages of a scope: its dataset's language when known, else English and French. */
export function scopeStems(ctx: Ctx): readonly StemLanguage[] {
  return ctx.stemLanguages ?? STEM_LANGUAGES;
}

/** The given text fields, or every visible text field when none is given. */
export function textFieldsOrAll(ctx: Ctx, explicit: TField[]): TField[] {
  if (explicit.length) return explicit;
  return ctx.fields.filter((f) => f.type === 'text').map(fieldNode);
}

/** A bare search string's terms as JavaScript patterns over normalised text (stems of both languages). */
export function searchTermMatchers(text: string): RegExp[] {
  return searchTerms(text, 'words', { stems: STEM_LANGUAGES }).map((t) => new RegExp(termPattern(t, '[^\\p{L}\\p{N}_]'), 'u'));
}
