// Word stems for full-text search: the Snowball stemmers of English and French (@orama/stemmers),
// stop words of both. Takes lowercase words with their accents (the stemmers need them).
import { stemmer as englishStem } from '@orama/stemmers/english';
import { stemmer as frenchStem } from '@orama/stemmers/french';

export type StemLanguage = 'en' | 'fr';
export const STEM_LANGUAGES: readonly StemLanguage[] = ['en', 'fr'];

const STOP_WORDS = new Set([
  'a', 'an', 'and', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to', 'with',
  'au', 'aux', 'd', 'de', 'des', 'du', 'en', 'et', 'l', 'la', 'le', 'les', 'ou', 'un', 'une',
]);

/** A stem shorter than this is too broad a prefix ("données" → "don"); the word itself is kept. */
const MIN_STEM = 4;

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word);
}

/** The languages whose stemmers apply to a dataset of this language (both when unknown). */
export function stemLanguagesFor(language: string | null | undefined): readonly StemLanguage[] {
  const base = (language ?? '').toLowerCase().slice(0, 2);
  return base === 'en' || base === 'fr' ? [base] : STEM_LANGUAGES;
}

/** A lowercase word's stems (accents kept) in the given languages, too-short ones left out. */
export function stemsOf(word: string, langs: readonly StemLanguage[]): string[] {
  const out: string[] = [];
  for (const lang of langs) {
    const stem = lang === 'en' ? englishStem(word) : frenchStem(word);
    if (stem.length < MIN_STEM && stem !== word) continue;
    out.push(stem);
    // Snowball's English step 1c turns a final y into i ("city" → "citi"): the word may end in y.
    if (lang === 'en' && stem.endsWith('i')) out.push(`${stem.slice(0, -1)}y`);
  }
  return out;
}
