// ODSQL parser: tokens to the frozen syntax tree of ast.ts, one entry point per clause. Operator
// precedence: OR < AND < NOT < predicate < + - < * / % < unary minus. No catalog knowledge.
// Nesting is bounded (MAX_DEPTH) so no input can exhaust the stack of any later stage.
import {
  node, type Clause, type CompareOp, type Expr, type FieldRef, type GroupItem, type NamedArg, type OrderItem, type SelectItem,
} from './ast.ts';
import { syntaxError } from './errors.ts';
import { tokenize, type Token } from './lexer.ts';

const UNITS = new Set([
  'mi', 'yd', 'ft', 'm', 'cm', 'km', 'mm',
  'ms', 'millisecond', 'milliseconds', 's', 'second', 'seconds', 'minute', 'minutes', 'h', 'hour', 'hours',
  'd', 'day', 'days', 'w', 'week', 'weeks', 'M', 'month', 'months', 'q', 'quarter', 'quarters', 'y', 'year', 'years',
]);
const COMPARE_OPS = new Set(['=', '!=', '<', '<=', '>', '>=']);
/** Deepest expression tree accepted: parentheses, calls, NOT, signs and operators all count. */
export const MAX_DEPTH = 100;
/** AND/OR chains longer than this are folded into balanced trees (same meaning, shallow). */
const BALANCE_FROM = 8;

export class Parser {
  private readonly tokens: Token[];
  private i = 0;
  private nesting = 0;
  constructor(private readonly text: string, private readonly clause: Clause) {
    this.tokens = tokenize(text, clause);
  }

  // ---- clause entry points -------------------------------------------------------------------

  parseWhere(): Expr {
    const e = this.expr();
    this.expectEnd();
    return e;
  }

  /** Runs a recursive step one level deeper, refusing input nested past MAX_DEPTH. */
  private nested<T>(step: () => T): T {
    if (++this.nesting > MAX_DEPTH) throw this.tooDeep(this.peek().pos);
    try { return step(); } finally { this.nesting--; }
  }

  private tooDeep(pos: number) {
    return syntaxError(this.clause, pos, `expression nested too deeply: at most ${MAX_DEPTH} levels of parentheses, function calls, NOT, signs and operators`);
  }

  /** A new expression node, refused when the tree under it is deeper than MAX_DEPTH. */
  private make<T extends Expr>(fields: T): T {
    const n = node(fields);
    let below = 0;
    for (const v of Object.values(n)) {
      for (const c of Array.isArray(v) ? v : [v]) {
        const child = c !== null && typeof c === 'object' ? ('kind' in c ? c : (c as { value?: unknown }).value) : undefined;
        if (child !== undefined) below = Math.max(below, this.depths.get(child as Expr) ?? 0);
      }
    }
    if (below + 1 > MAX_DEPTH) throw this.tooDeep(n.pos);
    this.depths.set(n, below + 1);
    return n;
  }
  private readonly depths = new WeakMap<object, number>();

  parseSelect(): SelectItem[] {
    return this.list(() => this.selectItem());
  }

  parseGroupBy(): GroupItem[] {
    return this.list(() => {
      const start = this.peek().pos;
      const expr = this.expr();
      const text = this.sliceFrom(start);
      const alias = this.alias();
      return node({ kind: 'group_expr' as const, expr, alias, text, pos: start });
    });
  }

  parseOrderBy(): OrderItem[] {
    return this.list(() => {
      const start = this.peek().pos;
      let desc = false;
      let expr: Expr;
      if (this.isOp('-') && ['ident', 'qident'].includes(this.peek(1).kind) && !this.isOp('(', 2)) {
        this.next();
        expr = this.expr(); // legacy `-field` means descending (official JS client README)
        desc = true;
      } else expr = this.expr();
      if (this.isWord('desc')) { this.next(); desc = true; } else if (this.isWord('asc')) { this.next(); desc = false; }
      return node({ kind: 'order_expr' as const, expr, desc, pos: start });
    });
  }

  /** A single expression (used for facet expressions and tests). */
  parseExpression(): Expr {
    const e = this.expr();
    this.expectEnd();
    return e;
  }

  // ---- clause items --------------------------------------------------------------------------

  private list<T>(item: () => T): T[] {
    const items = [item()];
    while (this.isOp(',')) { this.next(); items.push(item()); }
    this.expectEnd();
    return items;
  }

  private selectItem(): SelectItem {
    const t = this.peek();
    if (this.isOp('*') && (this.isOp(',', 1) || this.peek(1).kind === 'eof')) {
      this.next();
      return node({ kind: 'select_all' as const, pos: t.pos });
    }
    if (t.kind === 'ident' && /^(include|exclude)$/i.test(t.value) && this.isOp('(', 1)) {
      this.next(); this.next();
      const patterns: string[] = [];
      do {
        if (patterns.length) this.next();
        const p = this.next();
        if (p.kind !== 'ident' && p.kind !== 'qident' && p.kind !== 'number' && !(p.kind === 'op' && p.value === '*')) throw this.unexpected(p, 'a field name pattern');
        let pattern = p.kind === 'op' ? '*' : p.value;
        if (p.kind !== 'op' && this.isOp('*') && !this.peek().spaced) { this.next(); pattern += '*'; }
        patterns.push(pattern);
      } while (this.isOp(','));
      this.expectOp(')');
      return node({ kind: t.value.toLowerCase() as 'include' | 'exclude', patterns, pos: t.pos });
    }
    const expr = this.expr();
    const text = this.sliceFrom(t.pos);
    const alias = this.alias();
    return node({ kind: 'select_expr' as const, expr, alias, text, pos: t.pos });
  }

  private alias(): string | null {
    if (!this.isWord('as')) return null;
    this.next();
    const a = this.next();
    if (a.kind === 'ident' || a.kind === 'qident') return a.value;
    throw this.unexpected(a, 'a label after AS');
  }

  // ---- expressions ---------------------------------------------------------------------------

  private expr(): Expr { return this.nested(() => this.or()); }

  private or(): Expr { return this.chain('or', () => this.and()); }

  private and(): Expr { return this.chain('and', () => this.not()); }

  /** `a op b op c …`: left-nested, or balanced when long (AND and OR are associative). */
  private chain(op: 'and' | 'or', operand: () => Expr): Expr {
    const items = [operand()];
    const at: number[] = [];
    while (this.isWord(op)) { at.push(this.next().pos); items.push(operand()); }
    const join = (left: Expr, right: Expr, pos: number) => this.make({ kind: 'logical' as const, op, left, right, pos });
    if (items.length <= BALANCE_FROM) return items.reduce((left, right, k) => join(left, right, at[k - 1]));
    const fold = (lo: number, hi: number): Expr => {
      if (lo === hi) return items[lo];
      const mid = (lo + hi) >> 1;
      return join(fold(lo, mid), fold(mid + 1, hi), at[mid]);
    };
    return fold(0, items.length - 1);
  }

  private not(): Expr {
    if (this.isWord('not')) {
      const pos = this.next().pos;
      const operand = this.nested(() => this.not());
      return this.make({ kind: 'not' as const, operand, pos });
    }
    return this.predicate();
  }

  private predicate(): Expr {
    const left = this.additive();
    const t = this.peek();
    const pos = t.pos;
    if (t.kind === 'op' && COMPARE_OPS.has(t.value)) {
      this.next();
      return this.make({ kind: 'compare' as const, op: t.value as CompareOp, left, right: this.additive(), pos });
    }
    if (this.isOp(':')) {
      if (left.kind !== 'field') throw syntaxError(this.clause, pos, 'a field name must come before ":"');
      this.next();
      return this.make({ kind: 'field_colon' as const, field: left, value: this.colonValue(), pos });
    }
    let negated = false;
    if (this.isWord('not') && (this.isWord('like', 1) || this.isWord('in', 1))) { this.next(); negated = true; }
    if (this.isWord('like')) {
      this.next();
      return this.make({ kind: 'like' as const, negated, left, pattern: this.additive(), pos });
    }
    if (this.isWord('in')) { this.next(); return this.inTail(left, negated, pos); }
    if (negated) throw this.unexpected(this.peek(), 'LIKE or IN');
    if (this.isWord('is')) {
      this.next();
      const neg = this.isWord('not') ? (this.next(), true) : false;
      const v = this.next();
      const w = v.kind === 'ident' ? v.value.toLowerCase() : '';
      if (w === 'null') return this.make({ kind: 'is_null' as const, negated: neg, expr: left, pos });
      if (w === 'true' || w === 'false') return this.make({ kind: 'is_bool' as const, negated: neg, expr: left, value: w === 'true', pos });
      throw this.unexpected(v, 'NULL, TRUE or FALSE');
    }
    return left;
  }

  private inTail(left: Expr, negated: boolean, pos: number): Expr {
    if (this.isOp('(')) {
      this.next();
      const values = [this.additive()];
      while (this.isOp(',')) { this.next(); values.push(this.additive()); }
      this.expectOp(')');
      return this.make({ kind: 'in_list' as const, negated, expr: left, values, pos });
    }
    if (this.isOp('[') || this.isOp(']')) {
      const lowInclusive = this.next().value === '[';
      const low = this.additive();
      if (this.isOp('..') || this.isWord('to')) this.next(); else throw this.unexpected(this.peek(), '".." or TO');
      const high = this.additive();
      const close = this.next();
      if (close.kind !== 'op' || (close.value !== ']' && close.value !== '[')) throw this.unexpected(close, '"]" or "["');
      return this.make({ kind: 'in_range' as const, negated, expr: left, low, high, lowInclusive, highInclusive: close.value === ']', pos });
    }
    const f = this.primary();
    if (f.kind !== 'field') throw syntaxError(this.clause, f.pos, 'expected a list, a range or a multivalued field after IN');
    return this.make({ kind: 'in_field' as const, negated, value: left, field: f, pos });
  }

  /** Right side of `field:value`: a literal, or a bare word taken as text. */
  private colonValue(): Expr {
    const t = this.peek();
    if (t.kind === 'ident' && !/^(true|false|null)$/i.test(t.value)) {
      this.next();
      return this.make({ kind: 'string' as const, value: t.value, pos: t.pos });
    }
    return this.unary();
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const t = this.next();
      left = this.make({ kind: 'binary' as const, op: t.value as '+' | '-', left, right: this.multiplicative(), pos: t.pos });
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const t = this.next();
      left = this.make({ kind: 'binary' as const, op: t.value as '*' | '/' | '%', left, right: this.unary(), pos: t.pos });
    }
    return left;
  }

  private unary(): Expr {
    if (this.isOp('-')) {
      const t = this.next();
      const operand = this.nested(() => this.unary());
      if (operand.kind === 'number') return this.make({ ...operand, value: -operand.value, raw: '-' + operand.raw, pos: t.pos });
      if (operand.kind === 'quantity') return this.make({ ...operand, value: -operand.value, pos: t.pos });
      return this.make({ kind: 'unary' as const, op: '-' as const, operand, pos: t.pos });
    }
    if (this.isOp('+')) { this.next(); return this.nested(() => this.unary()); }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'string': return this.make({ kind: 'string' as const, value: t.value, pos: t.pos });
      case 'date': return this.make({ kind: 'date' as const, text: t.value, pos: t.pos });
      case 'geom': return this.make({ kind: 'geom' as const, text: t.value, pos: t.pos });
      case 'qident': return this.make({ kind: 'field' as const, name: t.value, quoted: true, pos: t.pos });
      case 'number': {
        const value = Number(t.value);
        const u = this.peek();
        if (u.kind === 'ident' && UNITS.has(u.value) && !this.isOp('(', 1)) {
          this.next();
          return this.make({ kind: 'quantity' as const, value, unit: u.value, pos: t.pos });
        }
        return this.make({ kind: 'number' as const, value, raw: t.value, pos: t.pos });
      }
      case 'ident': {
        const w = t.value.toLowerCase();
        if (this.isOp('(')) return this.call(t);
        if (w === 'true' || w === 'false') return this.make({ kind: 'boolean' as const, value: w === 'true', pos: t.pos });
        if (w === 'null') return this.make({ kind: 'null' as const, pos: t.pos });
        if (['and', 'or', 'not', 'like', 'in', 'is', 'as', 'asc', 'desc', 'distinct'].includes(w)) throw this.unexpected(t, 'a value or a field name');
        return this.make({ kind: 'field' as const, name: t.value, quoted: false, pos: t.pos });
      }
      case 'op':
        if (t.value === '(') {
          const e = this.expr();
          this.expectOp(')');
          return e;
        }
        if (t.value === '*') return this.make({ kind: 'star' as const, pos: t.pos });
        throw this.unexpected(t, 'a value or a field name');
      default:
        throw this.unexpected(t, 'a value or a field name');
    }
  }

  private call(nameTok: Token): Expr {
    this.expectOp('(');
    const args: Expr[] = [];
    const named: NamedArg[] = [];
    let distinct = false;
    if (this.isWord('distinct')) { this.next(); distinct = true; }
    if (!this.isOp(')')) {
      do {
        if (args.length || named.length) this.next();
        const t = this.peek();
        if (t.kind === 'ident' && this.isOp('=', 1)) {
          this.next(); this.next();
          named.push(Object.freeze({ name: t.value, value: this.additive(), pos: t.pos }));
        } else args.push(this.expr());
      } while (this.isOp(','));
    }
    this.expectOp(')');
    return this.make({ kind: 'call' as const, name: nameTok.value, args, named, distinct, pos: nameTok.pos });
  }

  // ---- token helpers -------------------------------------------------------------------------

  private peek(k = 0): Token { return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]; }
  private next(): Token { const t = this.peek(); if (this.i < this.tokens.length - 1) this.i++; return t; }
  private isOp(v: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'op' && t.value === v; }
  private isWord(w: string, k = 0): boolean { const t = this.peek(k); return t.kind === 'ident' && t.value.toLowerCase() === w; }
  private expectOp(v: string): void { const t = this.next(); if (t.kind !== 'op' || t.value !== v) throw this.unexpected(t, `"${v}"`); }
  private expectEnd(): void { const t = this.peek(); if (t.kind !== 'eof') throw this.unexpected(t, 'the end of the clause'); }
  private sliceFrom(start: number): string { return this.text.slice(start, this.tokens[this.i - 1].end).trim(); }
  private unexpected(t: Token, expected: string) {
    const found = t.kind === 'eof' ? 'end of text' : JSON.stringify(this.text.slice(t.pos, t.end));
    return syntaxError(this.clause, t.pos, `unexpected ${found}, expected ${expected}`);
  }
}

export const parseWhere = (text: string, clause: Clause = 'where'): Expr => new Parser(text, clause).parseWhere();
export const parseSelect = (text: string): SelectItem[] => new Parser(text, 'select').parseSelect();
export const parseGroupBy = (text: string): GroupItem[] => new Parser(text, 'group_by').parseGroupBy();
export const parseOrderBy = (text: string): OrderItem[] => new Parser(text, 'order_by').parseOrderBy();
export type { FieldRef };
