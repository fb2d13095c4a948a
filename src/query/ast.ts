// The ODSQL syntax tree: frozen plain data nodes with a `kind`, as the parser builds them, before any
// name or type is resolved. No catalog knowledge here; analyze/ turns these into typed nodes.

export type Clause = 'select' | 'where' | 'group_by' | 'order_by' | 'refine' | 'exclude' | 'facet';

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type ArithOp = '+' | '-' | '*' | '/' | '%';

/** Every node carries its offset in the clause text (0-based) for error messages. */
interface At { readonly pos: number }

export type Expr =
  | FieldRef | StringLit | NumberLit | BooleanLit | NullLit | DateLit | GeomLit | Quantity | Star
  | Call | Unary | Binary | Compare | Logical | Not | Like | InList | InRange | InField | IsNull | IsBool | FieldColon;

export interface FieldRef extends At { readonly kind: 'field'; readonly name: string; readonly quoted: boolean }
export interface StringLit extends At { readonly kind: 'string'; readonly value: string }
export interface NumberLit extends At { readonly kind: 'number'; readonly value: number; readonly raw: string }
export interface BooleanLit extends At { readonly kind: 'boolean'; readonly value: boolean }
export interface NullLit extends At { readonly kind: 'null' }
/** date'…' — an ISO 8601 date, possibly partial (`date'2021'`), or YYYY/MM/DD. */
export interface DateLit extends At { readonly kind: 'date'; readonly text: string }
/** geom'…' — WKT or GeoJSON geometry text. */
export interface GeomLit extends At { readonly kind: 'geom'; readonly text: string }
/** A number followed by a unit: `1km`, `100 yd`, `1 day`, `3M`. */
export interface Quantity extends At { readonly kind: 'quantity'; readonly value: number; readonly unit: string }
/** `*` as a function argument (count(*), search(*, …), range(f, *, 10)). */
export interface Star extends At { readonly kind: 'star' }
export interface NamedArg { readonly name: string; readonly value: Expr; readonly pos: number }
export interface Call extends At {
  readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[];
  readonly named: readonly NamedArg[]; readonly distinct: boolean;
}
export interface Unary extends At { readonly kind: 'unary'; readonly op: '-'; readonly operand: Expr }
export interface Binary extends At { readonly kind: 'binary'; readonly op: ArithOp; readonly left: Expr; readonly right: Expr }
export interface Compare extends At { readonly kind: 'compare'; readonly op: CompareOp; readonly left: Expr; readonly right: Expr }
export interface Logical extends At { readonly kind: 'logical'; readonly op: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
export interface Not extends At { readonly kind: 'not'; readonly operand: Expr }
export interface Like extends At { readonly kind: 'like'; readonly negated: boolean; readonly left: Expr; readonly pattern: Expr }
export interface InList extends At { readonly kind: 'in_list'; readonly negated: boolean; readonly expr: Expr; readonly values: readonly Expr[] }
/** `f IN [a..b]`, `]a..b[`, `[a TO b]`; a missing bound is null. */
export interface InRange extends At {
  readonly kind: 'in_range'; readonly negated: boolean; readonly expr: Expr;
  readonly low: Expr; readonly high: Expr; readonly lowInclusive: boolean; readonly highInclusive: boolean;
}
/** `<literal> IN <multivalued_field>`. */
export interface InField extends At { readonly kind: 'in_field'; readonly negated: boolean; readonly value: Expr; readonly field: FieldRef }
export interface IsNull extends At { readonly kind: 'is_null'; readonly negated: boolean; readonly expr: Expr }
export interface IsBool extends At { readonly kind: 'is_bool'; readonly negated: boolean; readonly expr: Expr; readonly value: boolean }
/** Legacy `field:value` equality (the official JS client uses it). */
export interface FieldColon extends At { readonly kind: 'field_colon'; readonly field: FieldRef; readonly value: Expr }

export type SelectItem =
  | { readonly kind: 'select_all'; readonly pos: number }
  | { readonly kind: 'include' | 'exclude'; readonly patterns: readonly string[]; readonly pos: number }
  | { readonly kind: 'select_expr'; readonly expr: Expr; readonly alias: string | null; readonly text: string; readonly pos: number };

export interface GroupItem { readonly kind: 'group_expr'; readonly expr: Expr; readonly alias: string | null; readonly text: string; readonly pos: number }
export interface OrderItem { readonly kind: 'order_expr'; readonly expr: Expr; readonly desc: boolean; readonly pos: number }

export type Node = Expr | SelectItem | GroupItem | OrderItem;

/** Builds a frozen node; nested arrays are frozen too. */
export function node<T extends object>(n: T): T {
  for (const v of Object.values(n)) if (Array.isArray(v)) Object.freeze(v);
  return Object.freeze(n);
}

/** The AST without positions, for golden files and debugging. */
export function stripPositions(n: unknown): unknown {
  if (Array.isArray(n)) return n.map(stripPositions);
  if (n === null || typeof n !== 'object') return n;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) if (k !== 'pos') out[k] = stripPositions(v);
  return out;
}
