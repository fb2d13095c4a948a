// What differs between SQL engines, as small overridable hooks of the default compiler. A dialect
// never sees user text: it composes SQL fragments and placeholders the compiler hands it.
import type { DateFormatToken } from '../query/analyze/typed.ts';

export type DatePart = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond' | 'quarter' | 'isodow';
export type SqlCastType = 'text' | 'bigint' | 'double' | 'boolean' | 'date' | 'timestamptz' | 'timestamp';

/** Lets a dialect bind a constant while it renders (date_format patterns, regexes). */
export type Bind = (value: string | number | boolean) => string;

export interface Dialect {
  readonly name: 'duckdb' | 'postgres';
  /** A plain scan without ORDER BY returns rows in insertion order (DuckDB's preserve_insertion_order). */
  readonly keepsInsertionOrder: boolean;
  quoteIdent(name: string): string;
  /** Placeholder for the n-th bound parameter (1-based). */
  placeholder(n: number): string;
  cast(sql: string, type: SqlCastType): string;
  /** Lowercase and accent-stripped text, as query/analyze/search.ts normaliseText does in JS. */
  normalize(sql: string): string;
  /** Regular-expression match (pattern is a bound placeholder using \pL-style classes). */
  regexMatch(sql: string, pattern: string): string;
  /** The regex class of characters that are not word characters. */
  readonly nonWordClass: string;
  /** True when some word of text is within `maxEdits` (a placeholder) edits of term. */
  fuzzyWord(text: string, term: string, maxEdits: string): string;
  /** Wall-clock TIMESTAMP of a TIMESTAMPTZ in a time zone (tz is a placeholder). */
  localTime(sql: string, tz: string): string;
  /** TIMESTAMPTZ for a wall-clock TIMESTAMP in a time zone. */
  zonedTime(sql: string, tz: string): string;
  datePart(part: DatePart, sql: string): string;
  /** Start of the unit containing a TIMESTAMP/DATE ('week' starts on Monday). */
  truncate(unit: 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year', sql: string): string;
  /** Whole seconds since the epoch of a TIMESTAMP/DATE (for fixed-width date histograms). */
  epochSeconds(sql: string): string;
  /** TIMESTAMP from seconds since the epoch. */
  fromEpochSeconds(sql: string): string;
  /** date_format rendering of numeric pattern tokens; names are handled by the compiler. */
  formatDate(sql: string, tokens: readonly DateFormatToken[], bind: Bind): string;
  /** {lon, lat} value for a point. */
  point(lon: string, lat: string): string;
  listContains(list: string, value: string): string;
  /** True when an integer expression is one of `ids` (bound as one parameter; a hashed semi-join, not a
   *  scan of the list per row). `ids` is not empty: an empty set is FALSE, decided by the caller. */
  idIn(sql: string, ids: readonly number[], bind: Bind): string;
  /** True when pred (using `elem` as the element) holds for some element of list. */
  listAny(list: string, elem: string, pred: string): string;
  listToText(list: string): string;
  /** A text list (VARCHAR[] / text[]) from a JSON array text (a placeholder), for the stores' writes. */
  textListFromJson(json: string): string;
  /** A GROUP BY key for a JSON-valued expression (a point, a shape): PostgreSQL's json has no equality. */
  groupableJson(sql: string): string;
  /** The items of list that are not in dropped (both text lists), in their order. */
  listWithout(list: string, dropped: string): string;
  /** Number of true items among boolean SQL expressions, without deep nesting. */
  countTrue(items: readonly string[]): string;
  percentile(sql: string, fraction: string): string;
  /** Deterministic pseudo-random order key from row key expressions and a seed placeholder. */
  randomKey(keys: readonly string[], seed: string): string;
  /** json_format(): compact JSON when valid, else the fallback expression. */
  jsonFormat(sql: string, fallback: string): string;
  /** Text of a number value (used in range labels). */
  numberText(sql: string): string;
  /** ISO 8601 text of a DATE, or of a TIMESTAMP (wall clock, no zone). */
  isoText(sql: string, kind: 'date' | 'timestamp'): string;
  /** The first `depth` parts of a text split on `sep` (a placeholder), joined by it again: a hierarchical facet's level. */
  pathPrefix(sql: string, sep: string, depth: number): string;
  /** Rows of one element per list item, as a table expression `(… ) AS alias(col)` for facets. */
  unnestSelect(list: string): string;
  /** round(x, digits) half away from zero, as a double. */
  round(sql: string, digits: string): string;
  /** envelope()'s inner aggregate: the points the hull is computed from (per group). */
  hullInput(lon: string, lat: string): string;
  /** envelope()'s outer step: GeoJSON Polygon text of the convex hull of a hullInput column. */
  ringFromPoints(listColumn: string): string;
  /** A TIMESTAMP/DATE plus n units (n and unit come from the analyzer, never from user text). */
  addInterval(sql: string, n: number, unit: 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year'): string;
}
