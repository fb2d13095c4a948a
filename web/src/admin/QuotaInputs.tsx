// A rule's API call quota in the back office (ODS DatasetSecurity `api_calls_quota`: {"unit", "limit"}):
// the labelled inputs of the access-rules form, and how a saved quota is shown in the rules table.
import { useAdminI18n, type AdminKey } from './messages.ts';

/** The units the server accepts (src/governance/types.ts QUOTA_UNITS). */
export const QUOTA_UNITS = ['second', 'minute', 'hour', 'day', 'month'] as const;
export type QuotaUnit = (typeof QUOTA_UNITS)[number];
export interface Quota { unit: QuotaUnit; limit: number }

/** What the form edits: off (no quota), or a limit typed as text and a unit. */
export interface QuotaState { on: boolean; limit: string; unit: QuotaUnit }
export const NO_QUOTA: QuotaState = { on: false, limit: '', unit: 'day' };

/** The body member for a state: null when off; a non-integer limit is refused with a message. */
export function quotaBody(s: QuotaState, invalid: string): Quota | null {
  if (!s.on) return null;
  const limit = Number(s.limit);
  if (s.limit.trim() === '' || !Number.isInteger(limit) || limit < 0) throw new Error(invalid);
  return { unit: s.unit, limit };
}

/** The form state of a saved quota (off when there is none), to edit it in place. */
export function quotaState(quota: unknown): QuotaState {
  const q = quota as Partial<Quota> | null | undefined;
  if (!q || typeof q.limit !== 'number' || !q.unit || !(QUOTA_UNITS as readonly string[]).includes(q.unit)) return NO_QUOTA;
  return { on: true, limit: String(q.limit), unit: q.unit };
}

export function QuotaText({ quota }: { quota: unknown }) {
  const { t } = useAdminI18n();
  const q = quota as Partial<Quota> | null | undefined;
  if (!q || typeof q.limit !== 'number' || !q.unit) return <>{t('edit.quota.none')}</>;
  return <>{t('edit.quota.summary', { limit: q.limit, unit: t(`edit.quota.unit.${q.unit}` as AdminKey) })}</>;
}

/** `error`: the server's message about the quota, shown inside the fieldset. */
export function QuotaInputs({ id, value, onChange, error }: { id: string; value: QuotaState; onChange: (v: QuotaState) => void; error?: string }) {
  const { t } = useAdminI18n();
  return (
    <fieldset>
      <legend>{t('edit.quota.title')}</legend>
      <label className="check"><input type="checkbox" checked={value.on} onChange={(e) => onChange({ ...value, on: e.target.checked })} />{t('edit.quota.enable')}</label>
      {value.on && (
        <>
          <div className="field">
            <label htmlFor={`${id}-limit`}>{t('edit.quota.limit')}</label>
            <input id={`${id}-limit`} type="number" min={0} step={1} required value={value.limit} onChange={(e) => onChange({ ...value, limit: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-unit`}>{t('edit.quota.unit')}</label>
            <select id={`${id}-unit`} value={value.unit} onChange={(e) => onChange({ ...value, unit: e.target.value as QuotaUnit })}>
              {QUOTA_UNITS.map((u) => <option key={u} value={u}>{t(`edit.quota.unit.${u}` as AdminKey)}</option>)}
            </select>
          </div>
          <p className="help">{t('edit.quota.help')}</p>
        </>
      )}
      {error && <p role="alert" className="state state-error" id={`${id}-error`}>{error}</p>}
    </fieldset>
  );
}
