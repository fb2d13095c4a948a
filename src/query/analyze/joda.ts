// Joda-style date_format patterns (as ODS documents them) to tokens: quoted free text and field
// symbols; day and month names come from Intl in the request language. Dialects render the tokens.
import type { DateFormatToken } from './typed.ts';

/** Symbols the SQL dialects know how to render. */
export const DATE_FORMAT_SYMBOLS: ReadonlySet<string> = new Set([
  'yyyy', 'yy', 'YYYY', 'YY', 'xxxx', 'xx', 'w', 'ww', 'e', 'E', 'EEE', 'EEEE', 'D', 'DDD', 'M', 'MM', 'MMM', 'MMMM',
  'd', 'dd', 'H', 'HH', 'h', 'hh', 'm', 'mm', 's', 'ss', 'S', 'SS', 'SSS', 'a',
]);

const NORMALISE: Record<string, string> = { YYYY: 'yyyy', YY: 'yy', EEE: 'E' };

/** Tokenizes a pattern; returns the offending symbol text on failure. */
export function parseDateFormat(pattern: string, lang: string): DateFormatToken[] | string {
  const out: DateFormatToken[] = [];
  const literal = (s: string) => {
    const last = out[out.length - 1];
    if (last && 'literal' in last) out[out.length - 1] = { literal: last.literal + s };
    else out.push({ literal: s });
  };
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === "'") {
      if (pattern[i + 1] === "'") { literal("'"); i += 2; continue; }
      let j = i + 1;
      let text = '';
      for (;;) {
        const k = pattern.indexOf("'", j);
        if (k < 0) return "unterminated quoted text";
        text += pattern.slice(j, k);
        if (pattern[k + 1] === "'") { text += "'"; j = k + 2; continue; }
        i = k + 1;
        break;
      }
      literal(text);
      continue;
    }
    if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      const run = pattern.slice(i, j);
      const symbol = NORMALISE[run] ?? run;
      if (!DATE_FORMAT_SYMBOLS.has(symbol)) return run;
      out.push(withNames(symbol, lang));
      i = j;
      continue;
    }
    literal(c);
    i++;
  }
  return out;
}

function withNames(symbol: string, lang: string): DateFormatToken {
  const fmt = (opts: Intl.DateTimeFormatOptions, d: Date) => new Intl.DateTimeFormat(lang, { ...opts, timeZone: 'UTC' }).format(d);
  // 2024-01-01 is a Monday: names are indexed Monday = 0 … Sunday = 6, January = 0 … December = 11.
  const days = (style: 'short' | 'long') => Array.from({ length: 7 }, (_, k) => fmt({ weekday: style }, new Date(Date.UTC(2024, 0, 1 + k))));
  const months = (style: 'short' | 'long') => Array.from({ length: 12 }, (_, k) => fmt({ month: style }, new Date(Date.UTC(2024, k, 15))));
  switch (symbol) {
    case 'E': return { symbol, names: days('short') };
    case 'EEEE': return { symbol, names: days('long') };
    case 'MMM': return { symbol, names: months('short') };
    case 'MMMM': return { symbol, names: months('long') };
    default: return { symbol };
  }
}
