// Keeping a dataset's security rules true when a publish renames or deletes fields: a filter_query
// naming such a field refuses the publish (it is never rewritten), visible_fields follow the rename.
// Fails closed: while the data changes, the renamed or deleted fields are hidden by every rule.
import { AgoraError } from '../core/errors.ts';
import type { Dataset } from '../core/types.ts';
import { parseWhere } from '../query/index.ts';
import type { FieldFate } from './field-configs.ts';
import type { GovernanceStore } from './store.ts';
import type { Ruleset } from './types.ts';

/** Old name → new name (null: deleted) of every field the publish renames or deletes. */
export function changedNames(fates: readonly FieldFate[]): Map<string, string | null> {
  return new Map(fates.filter((f) => f.deleted || f.from !== f.name).map((f) => [f.from, f.deleted ? null : f.name]));
}

/** The field names an ODSQL where expression reads, and whether it searches whole records (a bare
 *  string or a search-like call, which reads every text field). */
function filterReads(filter: string): { names: Set<string>; wholeRecord: boolean } {
  const names = new Set<string>();
  let wholeRecord = false;
  const visit = (n: unknown, predicate: boolean): void => {
    if (Array.isArray(n)) { n.forEach((x) => visit(x, false)); return; }
    if (typeof n !== 'object' || n === null) return;
    const node = n as Record<string, unknown>;
    if (node.kind === 'field' && typeof node.name === 'string') names.add(node.name);
    if (node.kind === 'string' && predicate) wholeRecord = true;
    if (node.kind === 'star') wholeRecord = true;
    if (node.kind === 'call' && ['search', 'suggest', 'startswith'].includes(String(node.name).toLowerCase())) wholeRecord = true;
    const boolOperands = node.kind === 'logical' || node.kind === 'not';
    for (const [k, v] of Object.entries(node)) if (k !== 'kind') visit(v, boolOperands && (k === 'left' || k === 'right' || k === 'operand'));
  };
  visit(parseWhere(filter), true);
  return { names, wholeRecord };
}

export function ruleName(r: Ruleset): string {
  return r.target.kind === 'default' ? 'default_security' : r.target.kind === 'user' ? `the rule of user "${r.target.username}"` : `the rule of group "${r.target.name}"`;
}

/** Refuses (400) a publish whose renames or deletes would change what a rule's filter_query means. */
export function refuseStaleFilters(store: GovernanceStore, ds: Dataset, changed: Map<string, string | null>): void {
  if (changed.size === 0) return;
  const stale: string[] = [];
  const anyDeleted = [...changed.values()].includes(null);
  for (const r of store.rulesets(ds.dataset_uid)) {
    const f = r.security.filter_query.trim();
    if (!f) continue;
    let reads: ReturnType<typeof filterReads>;
    try { reads = filterReads(f); } catch { stale.push(`${ruleName(r)} (its filter_query does not parse)`); continue; }
    const named = [...reads.names].filter((n) => changed.has(n));
    if (named.length) stale.push(`${ruleName(r)} (filter_query names ${named.map((n) => `"${n}"`).join(', ')})`);
    else if (reads.wholeRecord && anyDeleted) stale.push(`${ruleName(r)} (filter_query searches whole records, and fields are deleted)`);
  }
  if (stale.length === 0) return;
  const what = [...changed].map(([a, b]) => (b === null ? `"${a}" deleted` : `"${a}" renamed to "${b}"`)).join(', ');
  const message = `publishing dataset ${ds.dataset_id} would change fields its security rules filter on (${what}); update the filter_query of ${stale.join('; ')} first — nothing was published`;
  throw new AgoraError('PARAMETER_INVALID', `Invalid fields: ${message}`, { detail: { fields: [message] } });
}

/** visible_fields with the changed names mapped: renamed ones follow, deleted ones go. With
 *  `hideOnly`, every changed name just goes (the state that is safe before and after the change). */
function mapVisible(list: string[], changed: Map<string, string | null>, hideOnly: boolean): string[] {
  const out: string[] = [];
  for (const n of list) {
    const to = changed.has(n) ? (hideOnly ? null : changed.get(n)!) : n;
    if (to !== null && !out.includes(to)) out.push(to);
  }
  return out;
}

/** The rules whose visible_fields name a changed field. */
export function rulesShowing(store: GovernanceStore, ds: Dataset, changed: Map<string, string | null>): Ruleset[] {
  return store.rulesets(ds.dataset_uid).filter((r) => r.security.visible_fields?.some((n) => changed.has(n)));
}

/** Writes `rules` back with their visible_fields mapped (`hideOnly`: changed names removed), or as
 *  they were (`restore`). */
export async function putVisibleFields(store: GovernanceStore, rules: readonly Ruleset[], changed: Map<string, string | null>, how: 'hide' | 'map' | 'restore'): Promise<void> {
  for (const r of rules) {
    const vf = how === 'restore' ? r.security.visible_fields : mapVisible(r.security.visible_fields ?? [], changed, how === 'hide');
    await store.putRuleset({ ...r, security: { ...r.security, visible_fields: vf } });
  }
}
