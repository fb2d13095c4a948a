// The one rule for the "Other" bar after the top N categories: it is shown only when it does not
// dwarf the bars shown, i.e. its value is at most the largest of them (in absolute value).
/** Whether to show "Other" next to the shown values of the first series. */
export function keepOther(shown: Array<number | null>, other: number | null): boolean {
  if (other === null || !Number.isFinite(other) || other === 0) return false;
  const largest = Math.max(0, ...shown.map((v) => (v === null ? 0 : Math.abs(v))));
  return Math.abs(other) <= largest;
}
