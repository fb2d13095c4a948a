// Reading loosely typed JSON answers of other portals: objects, non-empty trimmed strings. Pure helpers
// the harvesters share, so each maps a remote document without its own copy of the checks.

export type Dict = Record<string, unknown>;
export const isDict = (v: unknown): v is Dict => !!v && typeof v === 'object' && !Array.isArray(v);
/** A non-empty string, trimmed; anything else is null. */
export const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
