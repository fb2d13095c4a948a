// The one access-rule form of the back office: adds a rule, edits a rule in place (prefilled, saved
// with one PUT) or edits the default access (default_security) — records visible, visible fields,
// ODSQL filter, dataset permissions, API call quota. The server's errors are shown next to their field.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { createRule, setDefaultSecurity, updateRule, DATASET_PERMISSIONS, type RulesetBody, type Security } from './api.ts';
import { useAdminI18n, type AdminKey } from './messages.ts';
import { AdminError } from './session.ts';
import { QuotaInputs, quotaBody, quotaState, type QuotaState } from './QuotaInputs.tsx';

export type RuleKind = 'user' | 'group';
/** What the form saves: a new rule (POST), the rule of one target (PUT) or the default access (PUT dataset). */
export type RuleMode = { kind: 'add' } | { kind: 'edit'; target: RuleKind; name: string } | { kind: 'default' };

interface Draft { target: RuleKind; name: string; visible: boolean; chosen: Set<string> | null; typed: string; filter: string; perms: Set<string>; quota: QuotaState }
type FieldKey = 'name' | 'visible_fields' | 'filter_query' | 'permissions' | 'api_calls_quota';
type FieldErrors = Partial<Record<FieldKey, string>>;
const FIELD_KEYS: FieldKey[] = ['name', 'visible_fields', 'filter_query', 'permissions', 'api_calls_quota'];
const DRAFT_FIELD: Record<keyof Draft, FieldKey> = {
  target: 'name', name: 'name', visible: 'visible_fields', chosen: 'visible_fields', typed: 'visible_fields', filter: 'filter_query', perms: 'permissions', quota: 'api_calls_quota',
};

function draftOf(mode: RuleMode, security: Security | null, permissions: string[] | null): Draft {
  return {
    target: mode.kind === 'edit' ? mode.target : 'user', name: mode.kind === 'edit' ? mode.name : '',
    visible: security ? security.is_data_visible : true,
    chosen: security?.visible_fields ? new Set(security.visible_fields) : null,
    typed: (security?.visible_fields ?? []).join(', '),
    filter: security?.filter_query ?? '',
    perms: new Set(permissions ?? ['explore_restricted_dataset']),
    quota: quotaState(security?.api_calls_quota),
  };
}

/** The server's validation detail (`{"security.filter_query": ["…"]}`) by form field; null when none applies. */
function fieldErrors(e: unknown): FieldErrors | null {
  if (!(e instanceof AdminError) || !e.detail) return null;
  const out: FieldErrors = {};
  for (const [where, messages] of Object.entries(e.detail)) {
    const head = where.replace(/^(default_)?security\./, '').split('.')[0];
    const key = (head === 'user' || head === 'group' ? 'name' : head) as FieldKey;
    if (FIELD_KEYS.includes(key)) out[key] = [out[key], ...[messages].flat()].filter(Boolean).join(' ');
  }
  return Object.keys(out).length ? out : null;
}

const toggle = (set: Set<string>, v: string, on: boolean) => { const s = new Set(set); if (on) s.add(v); else s.delete(v); return s; };

export interface RuleFormProps {
  /** Prefix of the element ids (several forms share the page). */
  id: string;
  mode: RuleMode;
  datasetUid: string;
  title: string;
  help?: string;
  /** The dataset's field names (a checklist), or null to type them. */
  fields: string[] | null;
  /** The saved values to start from (edit, default); null for a new rule. */
  security: Security | null;
  permissions: string[] | null;
  /** Called after a successful save with the message announced. */
  onDone: (message: string) => void;
  /** Edit: closes the form; default: the form is reset to the saved values. */
  onCancel?: () => void;
}

export function RuleForm({ id, mode, datasetUid, title, help, fields, security, permissions, onDone, onCancel }: RuleFormProps) {
  const { t } = useAdminI18n();
  const [d, setDraft] = useState<Draft>(() => draftOf(mode, security, permissions));
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  /** Changes the draft; a field's error is dropped once the field is changed. */
  const set = (patch: Partial<Draft>) => {
    setDraft((x) => ({ ...x, ...patch }));
    const touched = Object.keys(patch).map((k) => DRAFT_FIELD[k as keyof Draft]);
    setErrors((e) => (touched.some((k) => e[k]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !touched.includes(k as FieldKey))) : e));
  };
  const heading = useRef<HTMLHeadingElement>(null);
  // An edit form opens where the reader is not: move focus to it.
  useEffect(() => { if (mode.kind === 'edit') heading.current?.focus(); }, [mode.kind]);

  const fail = (fe: FieldErrors) => {
    setErrors(fe);
    const first = FIELD_KEYS.find((k) => fe[k]);
    const target = { name: `${id}-name`, visible_fields: `${id}-fields`, filter_query: `${id}-filter`, permissions: `${id}-perm-0`, api_calls_quota: `${id}-quota-limit` }[first!];
    document.getElementById(target)?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setMessage(null); setError(null); setErrors({});
    let quota;
    try { quota = quotaBody(d.quota, t('edit.quota.invalid')); } catch (err) { fail({ api_calls_quota: (err as Error).message }); return; }
    const typed = d.typed.split(',').map((x) => x.trim()).filter(Boolean);
    const sec: Security = {
      is_data_visible: d.visible, visible_fields: fields ? (d.chosen === null ? null : [...d.chosen]) : (typed.length ? typed : null),
      filter_query: d.filter.trim() || null, api_calls_quota: quota,
    };
    setBusy(true);
    try {
      let done: string;
      if (mode.kind === 'default') {
        await setDefaultSecurity(datasetUid, sec);
        done = t('common.saved');
      } else {
        const kind = mode.kind === 'edit' ? mode.target : d.target;
        const name = mode.kind === 'edit' ? mode.name : d.name.trim();
        const body: RulesetBody = { ...(kind === 'user' ? { user: { username: name } } : { group: { uid: name } }), permissions: [...d.perms], security: sec };
        // Edit: one PUT replaces the rule in one transaction, so the target is never without a rule.
        if (mode.kind === 'edit') await updateRule(datasetUid, kind, name, body);
        else await createRule(datasetUid, kind, body);
        done = t(mode.kind === 'edit' ? 'edit.rules.updated' : 'edit.rules.added', { name });
      }
      setBusy(false);
      setMessage(done);
      if (mode.kind === 'add') setDraft(draftOf(mode, null, null));
      onDone(done);
    } catch (err) {
      setBusy(false);
      const fe = fieldErrors(err);
      if (fe) fail(fe);
      else setError(t('common.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
  };
  const cancel = () => {
    setDraft(draftOf(mode, security, permissions));
    setMessage(null); setError(null); setErrors({});
    onCancel?.();
  };
  const fieldError = (k: FieldKey) => errors[k] && <p role="alert" className="state state-error" id={`${id}-${k}-error`}>{errors[k]}</p>;
  const described = (help: string | null, k: FieldKey) => [help, errors[k] ? `${id}-${k}-error` : null].filter(Boolean).join(' ') || undefined;
  const submitLabel: AdminKey = mode.kind === 'add' ? 'edit.rules.add' : mode.kind === 'edit' ? 'edit.rules.save' : 'edit.saveDefault';

  return (
    <form id={id} className="admin-form" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>{title}</h3>
      {help && <p className="help">{help}</p>}
      {mode.kind === 'add' && (
        <>
          <fieldset>
            <legend>{t('edit.rules.kind')}</legend>
            <div className="checks">
              <label className="check"><input type="radio" name={`${id}-kind`} checked={d.target === 'user'} onChange={() => set({ target: 'user' })} />{t('edit.rules.user')}</label>
              <label className="check"><input type="radio" name={`${id}-kind`} checked={d.target === 'group'} onChange={() => set({ target: 'group' })} />{t('edit.rules.group')}</label>
            </div>
          </fieldset>
          <div className="field">
            <label htmlFor={`${id}-name`}>{t('edit.rules.name')}</label>
            <input id={`${id}-name`} required value={d.name} aria-invalid={errors.name ? true : undefined} aria-describedby={described(null, 'name')} onChange={(e) => set({ name: e.target.value })} />
            {fieldError('name')}
          </div>
        </>
      )}
      <label className="check"><input type="checkbox" checked={d.visible} onChange={(e) => set({ visible: e.target.checked })} />{t('edit.rules.visible')}</label>
      {fields ? (
        <fieldset aria-describedby={described(null, 'visible_fields')}>
          <legend>{t('edit.rules.fields')}</legend>
          <label className="check"><input id={`${id}-fields`} type="checkbox" checked={d.chosen === null} onChange={(e) => set({ chosen: e.target.checked ? null : new Set(fields) })} />{t('edit.rules.allFields')}</label>
          {d.chosen !== null && (
            <div className="checks">
              {fields.map((f) => (
                <label className="check" key={f}><input type="checkbox" checked={d.chosen!.has(f)} onChange={(e) => set({ chosen: toggle(d.chosen!, f, e.target.checked) })} />{f}</label>
              ))}
            </div>
          )}
          {fieldError('visible_fields')}
        </fieldset>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-fields`}>{t('edit.rules.fields')}</label>
          <input id={`${id}-fields`} value={d.typed} aria-invalid={errors.visible_fields ? true : undefined} aria-describedby={described(`${id}-fields-help`, 'visible_fields')} onChange={(e) => set({ typed: e.target.value })} />
          <p className="help" id={`${id}-fields-help`}>{t('edit.rules.fieldsHelp')}</p>
          {fieldError('visible_fields')}
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-filter`}>{t('edit.rules.filter')}</label>
        <input id={`${id}-filter`} value={d.filter} aria-invalid={errors.filter_query ? true : undefined} aria-describedby={described(`${id}-filter-help`, 'filter_query')} onChange={(e) => set({ filter: e.target.value })} />
        <p className="help" id={`${id}-filter-help`}>{t('edit.rules.filterHelp')}</p>
        {fieldError('filter_query')}
      </div>
      {mode.kind !== 'default' && (
        <fieldset>
          <legend>{t('edit.rules.permissions')}</legend>
          <div className="checks">
            {DATASET_PERMISSIONS.map((p, i) => (
              <label className="check" key={p}><input id={`${id}-perm-${i}`} type="checkbox" checked={d.perms.has(p)} onChange={(e) => set({ perms: toggle(d.perms, p, e.target.checked) })} />{t(`perm.${p}` as AdminKey)}</label>
            ))}
          </div>
          {fieldError('permissions')}
        </fieldset>
      )}
      <QuotaInputs id={`${id}-quota`} value={d.quota} onChange={(quota) => set({ quota })} error={errors.api_calls_quota} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={busy}>{busy ? t('common.saving') : t(submitLabel)}</button>
        {mode.kind !== 'add' && <button type="button" onClick={cancel}>{t('common.cancel')}</button>}
      </div>
      <p role="status" className="admin-status">{message}</p>
      {error && <p role="alert" className="state state-error">{error}</p>}
    </form>
  );
}
