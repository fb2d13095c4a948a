// Identifier quoting shared by every dialect that uses SQL-standard double quotes.
// Only catalog names (validated field names, our table names) ever pass through here.

export function quoteIdent(name: string): string {
  return '"' + name.replace(/"/g, '""') + '"';
}
