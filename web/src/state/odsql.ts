// Small ODSQL text builders for the app's own queries: quoting literals and field names.
// User text only ever enters a query as a quoted literal built here.

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'true', 'false', 'as', 'asc', 'desc', 'by', 'like', 'to', 'date', 'geom', 'distinct']);

export function odsqlString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

export function odsqlField(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !KEYWORDS.has(name.toLowerCase()) ? name : `\`${name}\``;
}

/** Full-text search over every visible field (ODSQL "search query filter"). */
export function fullTextClause(q: string): string {
  return odsqlString(q.trim());
}

/** Prefix search used for suggestions while typing. */
export function suggestClause(q: string): string {
  return `suggest(${odsqlString(q.trim())})`;
}

export function inList(field: string, values: Array<string | number>): string {
  const lits = values.map((v) => (typeof v === 'number' ? String(v) : odsqlString(v)));
  return `${odsqlField(field)} IN (${lits.join(', ')})`;
}
