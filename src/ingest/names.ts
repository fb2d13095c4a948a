// Field names the ODS way: a header like "HAUTEUR (m)" becomes `hauteur_m` (lowercase ASCII,
// accents stripped, other characters → "_", repeats collapsed, "_" trimmed), unique in the dataset.
// Pure functions: the original header stays the field's label, chosen by the caller.

const TRANSLITERATE: Record<string, string> = {
  ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h',
};
const MAX_LENGTH = 100;

/** Normalises one header; '' when nothing usable is left (the caller names it by position). */
export function normaliseName(header: string): string {
  const ascii = header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþıħ]/g, (c) => TRANSLITERATE[c] ?? '_');
  const name = ascii.replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return name.slice(0, MAX_LENGTH).replace(/_+$/, '');
}

/**
 * Normalises every header and makes the names unique (`name`, `name_2`, `name_3`, …). A header
 * with nothing usable becomes `field_<position>`. Names never start with "_" nor contain "__",
 * so they cannot collide with `_rid` or the `__lon`-style physical suffixes.
 */
export function uniqueFieldNames(headers: readonly string[], reserved: Iterable<string> = []): string[] {
  const taken = new Set<string>(reserved);
  const wanted = headers.map((h, i) => normaliseName(h) || `field_${i + 1}`);
  // First pass keeps every first occurrence, so `a, a, a_2` gives `a, a_3, a_2`, not `a, a_2, a_2_2`.
  const firsts = new Set<number>();
  const seen = new Set<string>();
  wanted.forEach((n, i) => { if (!seen.has(n) && !taken.has(n)) { seen.add(n); firsts.add(i); } });
  for (const n of seen) taken.add(n);
  return wanted.map((n, i) => {
    if (firsts.has(i)) return n;
    let k = 2;
    while (taken.has(`${n}_${k}`)) k++;
    const name = `${n}_${k}`;
    taken.add(name);
    return name;
  });
}

/** A free name for a derived field (e.g. `geo_point_2d`), suffixed like duplicates if taken. */
export function freeName(wanted: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(wanted)) return wanted;
  let k = 2;
  while (used.has(`${wanted}_${k}`)) k++;
  return `${wanted}_${k}`;
}
