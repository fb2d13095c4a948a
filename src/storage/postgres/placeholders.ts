// Positional `?` placeholders (the stores' portable form, which DuckDB reads) rewritten as
// PostgreSQL's `$1, $2…`. Written by hand: pg has no such option, and only the lexical rule is needed.

/**
 * Each `?` outside string literals, quoted identifiers, dollar-quoted bodies and comments becomes
 * the next `$n`. SQL that already numbers its placeholders (`$1`) has no bare `?` and comes back
 * unchanged. Statements must not use PostgreSQL's jsonb `?` operators (the stores never do).
 */
export function numberPlaceholders(sql: string): string {
  if (!sql.includes('?')) return sql;
  let out = '';
  let n = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    const skipTo = endOfSkipped(sql, i);
    if (skipTo > i) {
      out += sql.slice(i, skipTo);
      i = skipTo;
    } else if (c === '?') {
      out += `$${++n}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** The index after a literal, quoted identifier, comment or dollar-quoted body starting at i, or i. */
function endOfSkipped(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') return endOfQuoted(sql, i, c);
  if (c === '-' && sql[i + 1] === '-') {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl;
  }
  if (c === '/' && sql[i + 1] === '*') {
    const close = sql.indexOf('*/', i + 2);
    return close < 0 ? sql.length : close + 2;
  }
  if (c === '$') {
    const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
    if (tag && !/[A-Za-z0-9_]/.test(sql[i - 1] ?? '')) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return close < 0 ? sql.length : close + tag[0].length;
    }
  }
  return i;
}

/** Quotes are escaped by doubling ('it''s', "a""b"), as in standard SQL. */
function endOfQuoted(sql: string, i: number, quote: string): number {
  let j = i + 1;
  for (;;) {
    const k = sql.indexOf(quote, j);
    if (k < 0) return sql.length;
    if (sql[k + 1] === quote) j = k + 2;
    else return k + 1;
  }
}
