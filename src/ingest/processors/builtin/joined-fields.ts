// What the two joins share: the fields copied from the other dataset (all but its key when none are
// named), refused when one would overwrite a field of this dataset, and the record extended with them.
import { invalidParam } from '../plan.ts';
import type { PField, Rec } from '../types.ts';

export function copiedFields(mine: readonly PField[], theirs: readonly PField[], names: string[] | null, skip: string, where: string): PField[] {
  const byName = new Map(theirs.map((f) => [f.name, f]));
  const picked = names ? names.map((n) => {
    const f = byName.get(n);
    if (!f) throw invalidParam(where, `"${n}" is not a field of the other dataset (its fields: ${theirs.map((x) => x.name).join(', ')})`);
    return f;
  }) : theirs.filter((f) => f.name !== skip);
  for (const f of picked) if (mine.some((m) => m.name === f.name)) throw invalidParam(where, `field "${f.name}" exists in this dataset already: rename it first, or leave it out`);
  return picked;
}

export function extend(rec: Rec, copied: readonly PField[], match: Rec | undefined): Rec {
  const out = { ...rec };
  for (const f of copied) out[f.name] = match ? (match[f.name] ?? null) : null;
  return out;
}
