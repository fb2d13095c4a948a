// Full-text matching without a search extension: every term must match some field; a term matches
// a whole word, a word prefix or a word beginning with one of its stems, in the lowercased,
// accent-stripped text through a bound regex, or a word within 1–2 edits (Levenshtein) for fuzzy
// terms. startswith() compares raw values. The word pattern itself comes from the query stage.
import { termPattern } from '../query/analyze/search.ts';
import type { SearchTerm, TField, TTextMatch } from '../query/analyze/typed.ts';
import type { ExprCompiler } from './expr.ts';

export function compileTextMatch(e: TTextMatch, c: ExprCompiler): string {
  if (e.fields.length === 0) return 'FALSE';
  const perTerm = e.terms.map((term) => `(${e.fields.map((f) => termMatch(f, term, e.mode, c)).join(' OR ')})`);
  return perTerm.length === 1 ? perTerm[0] : `(${perTerm.join(' AND ')})`;
}

function termMatch(f: TField, term: SearchTerm, mode: TTextMatch['mode'], c: ExprCompiler): string {
  const d = c.b.dialect;
  const col = c.b.ident(f.field.name);
  if (mode === 'startswith') {
    if (f.multivalued) return d.listAny(col, '__e', `starts_with(__e, ${c.b.typed(term.text, 'text')})`);
    return `starts_with(${col}, ${c.b.typed(term.text, 'text')})`;
  }
  const text = d.normalize(f.multivalued ? d.listToText(col) : col);
  const regex = (t: SearchTerm) => d.regexMatch(text, c.b.typed(termPattern(t, d.nonWordClass), 'text'));
  if (term.fuzz === 0) return regex(term);
  const fuzzy = d.fuzzyWord(text, c.b.typed(term.text, 'text'), c.b.typed(term.fuzz, 'bigint'));
  return term.prefixes.length ? `(${fuzzy} OR ${regex({ ...term, prefix: true })})` : fuzzy;
}
