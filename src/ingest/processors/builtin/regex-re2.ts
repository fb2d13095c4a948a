// A JS regular expression and replacement ("g" or "gi", no "u") rewritten for DuckDB's RE2, for the
// subset where both engines find the same matches: literals, ".", \d \w \s (\s and "." spelled out as
// JS defines them), [classes], ^ $ \b \B, groups, | and greedy or lazy quantifiers. Refused (null):
// lookaround, backreferences, named groups, patterns that can match the empty text (RE2's global
// replace skips an empty match right after a match, JS does not), quantified groups holding a capture
// or able to match empty (JS resets captures per repetition), non-ASCII in a case-insensitive
// pattern, and $` $' or groups past 9 in the replacement. Records the JS side sees otherwise (astral
// characters, which JS matches as two UTF-16 units; non-ASCII text under "i") go to JS.
import { RE2_SPACE } from '../sql-forms.ts';

class Refused extends Error {}

interface Node { re: string; nullable: boolean; captures: number }

const hex = (cp: number) => `\\x{${cp.toString(16)}}`;
const WORDISH = /[A-Za-z0-9]/;

export interface Re2 { pattern: string; rewrite: string }

/** The pattern and replacement for regexp_replace, or null when they have no exact RE2 twin. */
export function toRe2(source: string, replace: string, caseInsensitive: boolean): Re2 | null {
  try {
    if (/[\uD800-\uDFFF]/.test(source) || /[\uD800-\uDFFF]/.test(replace)) return null;
    if (caseInsensitive && /[^\x00-\x7f]/.test(source)) return null;
    const p = new Parser(source);
    const n = p.disjunction();
    if (p.i < source.length || n.nullable) return null;
    const rewrite = rewriteOf(replace, p.groups);
    return rewrite === null ? null : { pattern: n.re, rewrite };
  } catch (e) {
    if (e instanceof Refused) return null;
    throw e;
  }
}

/** JS's GetSubstitution as an RE2 rewrite: $$ $& $n $nn; a "$" that names nothing stays as it is. */
function rewriteOf(r: string, groups: number): string | null {
  let out = '';
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    if (c === '\\') { out += '\\\\'; continue; }
    if (c !== '$') { out += c; continue; }
    const d = r[i + 1];
    if (d === '$') { out += '$'; i++; continue; }
    if (d === '&') { out += '\\0'; i++; continue; }
    if (d === '`' || d === "'") return null;
    if (d !== undefined && d >= '0' && d <= '9') {
      const two = r[i + 2] !== undefined && r[i + 2] >= '0' && r[i + 2] <= '9' ? Number(d + r[i + 2]) : 0;
      const g = two >= 1 && two <= groups ? two : Number(d) >= 1 && Number(d) <= groups ? Number(d) : 0;
      if (g === 0) { out += '$'; continue; }
      if (g > 9) return null;
      out += `\\${g}`;
      i += g === two && two >= 1 ? 2 : 1;
      continue;
    }
    out += '$';
  }
  return out;
}

class Parser {
  i = 0;
  groups = 0;
  constructor(private readonly s: string) {}

  private peek(k = 0): string | undefined { return this.s[this.i + k]; }

  disjunction(): Node {
    const alts = [this.alternative()];
    while (this.peek() === '|') { this.i++; alts.push(this.alternative()); }
    return { re: alts.map((a) => a.re).join('|'), nullable: alts.some((a) => a.nullable), captures: alts.reduce((n, a) => n + a.captures, 0) };
  }

  private alternative(): Node {
    const terms: Node[] = [];
    while (this.i < this.s.length && this.peek() !== '|' && this.peek() !== ')') terms.push(this.term());
    return { re: terms.map((t) => t.re).join(''), nullable: terms.every((t) => t.nullable), captures: terms.reduce((n, t) => n + t.captures, 0) };
  }

  private term(): Node {
    const c = this.peek()!;
    if (c === '^' || c === '$') { this.i++; this.noQuantifier(); return { re: c, nullable: true, captures: 0 }; }
    if (c === '\\' && (this.peek(1) === 'b' || this.peek(1) === 'B')) { this.i += 2; this.noQuantifier(); return { re: `\\${this.s[this.i - 1]}`, nullable: true, captures: 0 }; }
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (atom.captures > 0 || atom.nullable) throw new Refused();
    return { re: `(?:${atom.re})${q.re}`, nullable: q.min === 0, captures: 0 };
  }

  private noQuantifier(): void {
    if (this.peek() !== undefined && '*+?{'.includes(this.peek()!)) throw new Refused();
  }

  private quantifier(): { re: string; min: number } | null {
    const c = this.peek();
    let re: string; let min: number;
    if (c === '*' || c === '+' || c === '?') { this.i++; re = c; min = c === '+' ? 1 : 0; }
    else if (c === '{') {
      const m = /^\{(\d{1,4})(,(\d{1,4})?)?\}/.exec(this.s.slice(this.i));
      if (!m) throw new Refused(); // JS reads a lone "{" as a literal; not worth the twin
      const lo = Number(m[1]); const hi = m[2] ? (m[3] === undefined ? null : Number(m[3])) : lo;
      if (lo > 1000 || (hi !== null && (hi > 1000 || hi < lo))) throw new Refused(); // RE2's repeat limit
      this.i += m[0].length; re = m[0]; min = lo;
    } else return null;
    if (this.peek() === '?') { this.i++; re += '?'; }
    return { re, min };
  }

  private atom(): Node {
    const c = this.peek()!;
    if (c === '.') { this.i++; return { re: '[^\\x{a}\\x{d}\\x{2028}\\x{2029}]', nullable: false, captures: 0 }; }
    if (c === '[') return this.cls();
    if (c === '(') {
      this.i++;
      let capture = true;
      if (this.peek() === '?') {
        if (this.peek(1) !== ':') throw new Refused(); // lookaround, named groups
        this.i += 2; capture = false;
      }
      if (capture) this.groups++;
      const inner = this.disjunction();
      if (this.peek() !== ')') throw new Refused();
      this.i++;
      return { re: capture ? `(${inner.re})` : `(?:${inner.re})`, nullable: inner.nullable, captures: inner.captures + (capture ? 1 : 0) };
    }
    if (c === '\\') return this.escape();
    if (c === ')' || '*+?{}]'.includes(c)) throw new Refused();
    this.i++;
    return { re: hex(c.charCodeAt(0)), nullable: false, captures: 0 };
  }

  /** An escape outside a class. */
  private escape(): Node {
    const d = this.peek(1);
    if (d === undefined) throw new Refused();
    if ('dDwW'.includes(d)) { this.i += 2; return { re: `\\${d}`, nullable: false, captures: 0 }; }
    if (d === 's' || d === 'S') { this.i += 2; return { re: `[${d === 'S' ? '^' : ''}${RE2_SPACE}]`, nullable: false, captures: 0 }; }
    return { re: hex(this.charEscape()), nullable: false, captures: 0 };
  }

  /** \n \r \t \f \v \0 \xHH \uHHHH and escaped punctuation: the code unit they stand for. */
  private charEscape(): number {
    const d = this.s[this.i + 1];
    const simple: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11 };
    if (d in simple) { this.i += 2; return simple[d]; }
    if (d === '0' && !/[0-9]/.test(this.s[this.i + 2] ?? '')) { this.i += 2; return 0; }
    const hexed = d === 'x' ? /^[0-9a-fA-F]{2}/.exec(this.s.slice(this.i + 2)) : d === 'u' ? /^[0-9a-fA-F]{4}/.exec(this.s.slice(this.i + 2)) : null;
    if (hexed) {
      const cp = parseInt(hexed[0], 16);
      if (cp >= 0xd800 && cp <= 0xdfff) throw new Refused();
      this.i += 2 + hexed[0].length;
      return cp;
    }
    // Letters and digits mean other things in one engine or the other (\c, \k, \1, \A, \z…).
    if (WORDISH.test(d) || d === '_' || d.charCodeAt(0) > 0x7f) throw new Refused();
    this.i += 2;
    return d.charCodeAt(0);
  }

  private cls(): Node {
    this.i++;
    const negated = this.peek() === '^';
    if (negated) this.i++;
    let body = '';
    let items = 0;
    while (this.peek() !== ']') {
      if (this.peek() === undefined || this.peek() === '[') throw new Refused();
      const lo = this.classAtom();
      items++;
      if (lo === null) { body += RE2_SPACE_OR_SHORTHAND.get(this.s[this.i - 1])!; continue; }
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.i++;
        const hi = this.classAtom();
        if (hi === null || hi < lo) throw new Refused();
        body += `${hex(lo)}-${hex(hi)}`;
      } else body += hex(lo);
    }
    this.i++;
    if (items === 0) throw new Refused(); // [] and [^]: JS's "nothing" and "anything"
    return { re: `[${negated ? '^' : ''}${body}]`, nullable: false, captures: 0 };
  }

  /** One class member: a code unit, or null for \d \w \s (whose body RE2_SPACE_OR_SHORTHAND gives). */
  private classAtom(): number | null {
    const c = this.peek()!;
    if (c !== '\\') { this.i++; return c.charCodeAt(0); }
    const d = this.peek(1);
    if (d === 'd' || d === 'w' || d === 's') { this.i += 2; return null; }
    if (d === 'b') { this.i += 2; return 8; } // backspace inside a class
    if (d === '-') { this.i += 2; return 45; }
    return this.charEscape();
  }
}

const RE2_SPACE_OR_SHORTHAND = new Map([['d', '0-9'], ['w', '0-9A-Za-z_'], ['s', RE2_SPACE]]);
