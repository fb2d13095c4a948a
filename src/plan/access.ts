// The caller's access rules, applied here and only here: hidden fields do not exist for the
// caller's ODSQL, the row filter (ODSQL) is ANDed invisibly, invisible data means no rows.
import { AgoraError, isAgoraError } from '../core/errors.ts';
import type { AccessRules } from '../core/request.ts';
import type { Dataset, Field } from '../core/types.ts';
import { analyzeWhereExpr, type Scope } from '../query/index.ts';
import { parseWhere } from '../query/parser.ts';
import type { TExpr } from '../query/analyze/typed.ts';

export function visibleFields(ds: Dataset, access: AccessRules): Field[] {
  const names = access.visibleFields;
  if (names === null || names === undefined) return [...ds.fields];
  const allowed = new Set(names);
  return ds.fields.filter((f) => allowed.has(f.name));
}

/** The row filter of the access rules, analyzed against every field (it may use hidden ones). */
export function accessFilter(ds: Dataset, access: AccessRules, scope: Scope): TExpr | null {
  if (access.isDataVisible === false) return Object.freeze({ kind: 'const_bool', type: 'boolean', value: false });
  const text = access.filterQuery?.trim();
  if (!text) return null;
  try {
    return analyzeWhereExpr(parseWhere(text), { ...scope, fields: ds.fields });
  } catch (e) {
    // The caller must not learn the rule: report a server-side configuration problem.
    if (isAgoraError(e)) throw new AgoraError('CONFIG_INVALID', `The access rules of dataset ${ds.dataset_id} are invalid.`, { cause: e.message });
    throw e;
  }
}
