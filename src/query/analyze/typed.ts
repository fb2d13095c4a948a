// The typed tree the analyzer produces and plan/ and sql/ consume: names resolved to catalog
// fields, every node typed, constants (dates, geometries, search terms) prepared. Frozen plain data.
import type { Field, FieldType } from '../../core/types.ts';
import type { ArithOp, CompareOp } from '../ast.ts';
import type { Period } from '../dates.ts';
import type { BBox, Geometry } from '../geo.ts';
import type { FunctionName } from '../functions.ts';

export type ValueType = FieldType | 'null';

export interface TField { readonly kind: 'field'; readonly type: FieldType; readonly field: Field; readonly multivalued: boolean }
export interface TLiteral { readonly kind: 'literal'; readonly type: ValueType; readonly value: string | number | boolean | null }
/** A date literal or now(): the period it denotes (see query/dates.ts). */
export interface TPeriod { readonly kind: 'period'; readonly type: 'datetime'; readonly period: Period; readonly text: string }
export interface TCall {
  readonly kind: 'call'; readonly type: ValueType; readonly fn: FunctionName; readonly args: readonly TExpr[];
  readonly distinct: boolean; readonly aggregate: boolean; readonly options: CallOptions;
}
export interface TArith { readonly kind: 'arith'; readonly type: ValueType; readonly op: ArithOp; readonly left: TExpr; readonly right: TExpr }
export interface TNeg { readonly kind: 'neg'; readonly type: ValueType; readonly operand: TExpr }
export interface TCompare { readonly kind: 'compare'; readonly type: 'boolean'; readonly op: CompareOp; readonly left: TExpr; readonly right: TExpr }
export interface TLogic { readonly kind: 'logic'; readonly type: 'boolean'; readonly op: 'and' | 'or'; readonly items: readonly TExpr[] }
export interface TNot { readonly kind: 'not'; readonly type: 'boolean'; readonly operand: TExpr }
export interface TInList { readonly kind: 'in_list'; readonly type: 'boolean'; readonly expr: TExpr; readonly values: readonly TExpr[] }
export interface TInRange {
  readonly kind: 'in_range'; readonly type: 'boolean'; readonly expr: TExpr;
  readonly low: TExpr; readonly high: TExpr; readonly lowInclusive: boolean; readonly highInclusive: boolean;
}
export interface TIsNull { readonly kind: 'is_null'; readonly type: 'boolean'; readonly expr: TExpr; readonly negated: boolean }
/** Some element of a multivalued field equals the value (negated: no element does; null stays unknown). */
export interface TContains { readonly kind: 'contains'; readonly type: 'boolean'; readonly field: TField; readonly value: TExpr; readonly negated: boolean }
export interface TConst { readonly kind: 'const_bool'; readonly type: 'boolean'; readonly value: boolean }
/** Word search over text fields (bare strings, LIKE, search(), suggest(), startswith()). */
export interface TTextMatch {
  readonly kind: 'text_match'; readonly type: 'boolean'; readonly mode: TextMode;
  readonly fields: readonly TField[]; readonly terms: readonly SearchTerm[];
}

export type TextMode = 'words' | 'fuzzy' | 'prefix' | 'startswith';
/** text is lowercased and stripped of accents, except for startswith (kept verbatim). */
/** prefixes: the word beginnings (the term and its stems) that also match it; [] = the text only. */
export interface SearchTerm { readonly text: string; readonly prefix: boolean; readonly fuzz: 0 | 1 | 2; readonly prefixes: readonly string[] }

export type TExpr =
  | TField | TLiteral | TPeriod | TCall | TArith | TNeg | TCompare | TLogic | TNot | TInList | TInRange
  | TIsNull | TContains | TConst | TTextMatch;

/** Constants the analyzer prepared for a call, by function family. */
export interface CallOptions {
  /** Geo predicates and distance(). */
  readonly geometry?: Geometry;
  readonly bbox?: BBox;
  readonly meters?: number;
  /** Static range bounds (null = *), or an equal width (number or interval). */
  readonly bounds?: readonly (number | TPeriod | null)[];
  readonly width?: number;
  readonly interval?: { readonly n: number; readonly unit: IntervalUnit };
  /** geo_cluster cell size in degrees. */
  readonly cell?: number;
  /** date_format parsed pattern and language; percentile fraction; round digits; random seed. */
  readonly pattern?: readonly DateFormatToken[];
  readonly lang?: string;
  readonly fraction?: number;
  readonly digits?: number;
  readonly seed?: number;
  /** The request time zone, for date functions on datetimes. */
  readonly timezone?: string;
}

export type IntervalUnit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A Joda date_format pattern, tokenized: literal text or a field symbol (e.g. 'yyyy', 'MM', 'EEEE'). */
export type DateFormatToken = { readonly literal: string } | { readonly symbol: string; readonly names?: readonly string[] };

export const NUMERIC: ReadonlySet<ValueType> = new Set<ValueType>(['int', 'double']);
export const TEMPORAL: ReadonlySet<ValueType> = new Set<ValueType>(['date', 'datetime']);

export function freeze<T extends object>(n: T): T {
  return Object.freeze(n);
}
