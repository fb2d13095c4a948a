// ODSQL lexer: clause text to tokens with their offsets. Knows quoting rules (single/double quoted
// strings with backslash escapes, backquoted identifiers, date'…'/geom'…' literals); no grammar.
import type { Clause } from './ast.ts';
import { syntaxError } from './errors.ts';

export type TokenKind = 'ident' | 'qident' | 'string' | 'number' | 'date' | 'geom' | 'op' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** Decoded value: identifier name, string content, operator text, number text. */
  readonly value: string;
  readonly pos: number;
  readonly end: number;
  /** True when whitespace separates this token from the previous one. */
  readonly spaced: boolean;
}

const OPERATORS = ['..', '!=', '<>', '<=', '>=', '(', ')', ',', '[', ']', ':', '=', '<', '>', '+', '-', '*', '/', '%'];
const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

export function tokenize(text: string, clause: Clause): Token[] {
  const out: Token[] = [];
  let i = 0;
  let spaced = false;
  const push = (kind: TokenKind, value: string, pos: number) => { out.push({ kind, value, pos, end: i, spaced }); spaced = false; };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; spaced = true; continue; }
    const start = i;
    if (c === '"' || c === "'") {
      const value = readQuoted(text, i, c, clause);
      i = value.end;
      push('string', value.text, start);
    } else if (c === '`') {
      const value = readQuoted(text, i, '`', clause);
      i = value.end;
      if (value.text === '') throw syntaxError(clause, start, 'empty quoted field name');
      push('qident', value.text, start);
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(\d+(\.(?!\.)\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(text.slice(i))!;
      i += m[0].length;
      push('number', m[0], start);
    } else if (IDENT_START.test(c)) {
      while (i < text.length && IDENT_PART.test(text[i])) i++;
      const word = text.slice(start, i);
      const lower = word.toLowerCase();
      if ((lower === 'date' || lower === 'geom') && (text[i] === "'" || text[i] === '"')) {
        const value = readQuoted(text, i, text[i], clause);
        i = value.end;
        push(lower, value.text, start);
      } else push('ident', word, start);
    } else {
      const op = OPERATORS.find((o) => text.startsWith(o, i));
      if (!op) throw syntaxError(clause, i, `unexpected character ${JSON.stringify(c)}`);
      i += op.length;
      push('op', op === '<>' ? '!=' : op, start);
    }
  }
  out.push({ kind: 'eof', value: '', pos: text.length, end: text.length, spaced });
  return out;
}

function readQuoted(text: string, start: number, quote: string, clause: Clause): { text: string; end: number } {
  let i = start + 1;
  let value = '';
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      const n = text[i + 1];
      if (n === undefined) break;
      if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      value += ESCAPES[n] ?? n;
      i += 2;
      continue;
    }
    if (c === quote) return { text: value, end: i + 1 };
    value += c;
    i++;
  }
  throw syntaxError(clause, start, `unterminated ${quote === '`' ? 'quoted field name' : 'string'}`);
}
