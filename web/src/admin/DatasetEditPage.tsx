// /admin/datasets/{uid}: edit a dataset's metadata (Automation API metadata/default/) and, for holders of
// manage_dataset, its access rules per user or group (security/users/, …/groups/) and a preview as a user.
import { useEffect, useState, type FormEvent } from 'react';
import {
  configFor, createRule, setDefaultSecurity, deleteRule, fieldConfigs, getDataset, listRules, publishWithResources, putFieldConfig, putMetadata, titleOf, DATASET_PERMISSIONS,
  type AdminDataset, type RulesetBody,
} from './api.ts';
import { useAdminI18n, type AdminKey } from './messages.ts';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { PreviewAsUser } from './PreviewAsUser.tsx';
import { NO_QUOTA, QuotaInputs, QuotaText, quotaBody, type QuotaState } from './QuotaInputs.tsx';
import { AnnotationControls, annotationChanges, annotationState, saveAnnotations, type AnnotationState } from './FieldAnnotations.tsx';
import { Link } from '../components/Link.tsx';
import { Loading, Empty } from '../components/States.tsx';
import { exploreUrl, getJson } from '../api/client.ts';

const TEXT_KEYS = ['title', 'publisher', 'license', 'license_url', 'language', 'references', 'attributions'] as const;
const LIST_KEYS = ['theme', 'keyword'] as const;
type MetaKey = (typeof TEXT_KEYS)[number] | (typeof LIST_KEYS)[number] | 'description';

function metaText(d: AdminDataset, key: string): string {
  const v = d.metadata.default[key]?.value;
  if (Array.isArray(v)) return v.join(', ');
  return v === null || v === undefined ? '' : String(v);
}

function MetadataForm({ dataset, onSaved, outcome }: { dataset: AdminDataset; onSaved: () => void; outcome: ReturnType<typeof useOutcome> }) {
  const { t } = useAdminI18n();
  const keys: MetaKey[] = ['title', 'description', ...LIST_KEYS, ...TEXT_KEYS.slice(1)];
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(keys.map((k) => [k, metaText(dataset, k)])));
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // Only what changed is sent; list keys as lists, emptied values as null (unset).
    const patch: Record<string, { value: unknown }> = {};
    for (const k of keys) {
      if (values[k] === metaText(dataset, k)) continue;
      const v = values[k].trim();
      patch[k] = { value: (LIST_KEYS as readonly string[]).includes(k) ? v.split(',').map((x) => x.trim()).filter(Boolean) : v === '' ? null : v };
    }
    const ok = await outcome.run(async () => { if (Object.keys(patch).length) await putMetadata(dataset.uid, patch); return t('common.saved'); });
    setBusy(false);
    if (ok) onSaved();
  };
  const field = (k: MetaKey) => {
    const id = `meta-${k}`;
    const label = t(`edit.meta.${k}` as AdminKey);
    const help = k === 'description' ? t('edit.meta.descriptionHelp') : (LIST_KEYS as readonly string[]).includes(k) ? t('edit.meta.listHelp') : null;
    const common = { id, value: values[k], 'aria-describedby': help ? `${id}-help` : undefined, onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [k]: e.target.value })) };
    return (
      <div className="field" key={k}>
        <label htmlFor={id}>{label}</label>
        {k === 'description' ? <textarea {...common} /> : <input {...common} type={k === 'license_url' ? 'url' : 'text'} required={k === 'title'} />}
        {help && <p className="help" id={`${id}-help`}>{help}</p>}
      </div>
    );
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="metadata-heading">
      <h2 id="metadata-heading">{t('edit.metadata')}</h2>
      {keys.map(field)}
      <button type="submit" className="primary" disabled={busy}>{busy ? t('common.saving') : t('edit.saveMeta')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}

/** What callers without a rule of their own get (ODS default_security). */
function DefaultAccess({ dataset, onSaved }: { dataset: AdminDataset; onSaved: () => void }) {
  const { t } = useAdminI18n();
  const d = dataset.default_security;
  const [visible, setVisible] = useState(d.is_data_visible);
  const [fields, setFields] = useState((d.visible_fields ?? []).join(', '));
  const [filter, setFilter] = useState(d.filter_query ?? '');
  const outcome = useOutcome();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const list = fields.split(',').map((x) => x.trim()).filter(Boolean);
    const ok = await outcome.run(async () => {
      await setDefaultSecurity(dataset.uid, { is_data_visible: visible, visible_fields: list.length ? list : null, filter_query: filter.trim() || null, api_calls_quota: d.api_calls_quota ?? null });
      return t('common.saved');
    });
    if (ok) onSaved();
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="default-access-title">
      <h3 id="default-access-title">{t('edit.default')}</h3>
      <p className="help">{t('edit.defaultHelp')}</p>
      <label className="check"><input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />{t('edit.rules.visible')}</label>
      <div className="field">
        <label htmlFor="default-fields">{t('edit.rules.fields')}</label>
        <input id="default-fields" value={fields} aria-describedby="default-fields-help" onChange={(e) => setFields(e.target.value)} />
        <p className="help" id="default-fields-help">{t('edit.rules.fieldsHelp')}</p>
      </div>
      <div className="field">
        <label htmlFor="default-filter">{t('edit.rules.filter')}</label>
        <input id="default-filter" value={filter} onChange={(e) => setFilter(e.target.value)} />
      </div>
      <button type="submit">{t('edit.saveDefault')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}

function ruleName(r: RulesetBody): string { return r.user?.username ?? r.group?.uid ?? ''; }

function SecurityRules({ dataset, onSaved }: { dataset: AdminDataset; onSaved: () => void }) {
  const { t } = useAdminI18n();
  const rules = useLoad(async () => {
    const [users, groups] = await Promise.all([listRules(dataset.uid, 'user'), listRules(dataset.uid, 'group')]);
    return [...users.results.map((r) => ({ kind: 'user' as const, r })), ...groups.results.map((r) => ({ kind: 'group' as const, r }))];
  }, [dataset.uid]);
  const [fields, setFields] = useState<string[] | null>(null);
  useEffect(() => {
    // The field names, from the Explore API (absent while the dataset is unpublished: then typed).
    getJson<{ fields: Array<{ name: string }> }>(exploreUrl(`/catalog/datasets/${encodeURIComponent(dataset.dataset_id)}`), undefined, false)
      .then((d) => setFields(d.fields.map((f) => f.name)), () => setFields(null));
  }, [dataset.dataset_id]);
  const [kind, setKind] = useState<'user' | 'group'>('user');
  const [name, setName] = useState('');
  const [visible, setVisible] = useState(true);
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [typedFields, setTypedFields] = useState('');
  const [filter, setFilter] = useState('');
  const [perms, setPerms] = useState<Set<string>>(new Set(['explore_restricted_dataset']));
  const [quota, setQuota] = useState<QuotaState>(NO_QUOTA);
  const outcome = useOutcome();

  if (rules.error?.status === 403) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const visibleFields = fields ? (chosen === null ? null : [...chosen]) : (typedFields.trim() ? typedFields.split(',').map((x) => x.trim()).filter(Boolean) : null);
    const ok = await outcome.run(async () => {
      const body: RulesetBody = {
        ...(kind === 'user' ? { user: { username: name.trim() } } : { group: { uid: name.trim() } }),
        permissions: [...perms],
        security: { is_data_visible: visible, visible_fields: visibleFields, filter_query: filter.trim() || null, api_calls_quota: quotaBody(quota, t('edit.quota.invalid')) },
      };
      await createRule(dataset.uid, kind, body);
      return t('edit.rules.added', { name: name.trim() });
    });
    if (ok) { setName(''); setFilter(''); setChosen(null); setTypedFields(''); setQuota(NO_QUOTA); rules.reload(); }
  };
  const toggle = (set: Set<string>, v: string, on: boolean) => { const s = new Set(set); if (on) s.add(v); else s.delete(v); return s; };

  return (
    <section aria-labelledby="rules-title">
      <h2 id="rules-title">{t('edit.security')}</h2>
      <p className="help">{t('edit.securityHelp')}</p>
      <Outcome message={outcome.message} error={outcome.error} />
      <FormError error={rules.error} />
      {!rules.data && !rules.error && <Loading />}
      {rules.data && rules.data.length === 0 && <Empty>{t('edit.rules.none')}</Empty>}
      {rules.data && rules.data.length > 0 && (
        <div className="table-scroll">
          <table className="data-table admin-table">
            <caption className="visually-hidden">{t('edit.security')}</caption>
            <thead><tr>
              <th scope="col">{t('edit.rules.target')}</th><th scope="col">{t('edit.rules.visible')}</th><th scope="col">{t('edit.rules.fields')}</th>
              <th scope="col">{t('edit.rules.filter')}</th><th scope="col">{t('edit.rules.permissions')}</th><th scope="col">{t('edit.quota.title')}</th><th scope="col"><span className="visually-hidden">{t('common.delete')}</span></th>
            </tr></thead>
            <tbody>
              {rules.data.map(({ kind: k, r }) => (
                <tr key={`${k}:${ruleName(r)}`}>
                  <th scope="row">{t(k === 'user' ? 'edit.rules.user' : 'edit.rules.group')}: {ruleName(r)}</th>
                  <td>{r.security.is_data_visible ? t('common.yes') : t('common.no')}</td>
                  <td>{r.security.visible_fields ? r.security.visible_fields.join(', ') : t('edit.rules.allFields')}</td>
                  <td><code>{r.security.filter_query ?? ''}</code></td>
                  <td>{r.permissions.map((p) => t(`perm.${p}` as AdminKey)).join(', ')}</td>
                  <td><QuotaText quota={r.security.api_calls_quota} /></td>
                  <td><button type="button" className="danger" aria-label={t('edit.rules.deleteOf', { name: ruleName(r) })}
                    onClick={() => void outcome.run(async () => { await deleteRule(dataset.uid, k, ruleName(r)); rules.reload(); return t('edit.rules.deleted', { name: ruleName(r) }); })}>{t('common.delete')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <DefaultAccess dataset={dataset} onSaved={onSaved} />
      <form className="admin-form" onSubmit={submit} aria-labelledby="rule-add-title">
        <h3 id="rule-add-title">{t('edit.rules.add')}</h3>
        <fieldset>
          <legend>{t('edit.rules.kind')}</legend>
          <div className="checks">
            <label className="check"><input type="radio" name="rule-kind" checked={kind === 'user'} onChange={() => setKind('user')} />{t('edit.rules.user')}</label>
            <label className="check"><input type="radio" name="rule-kind" checked={kind === 'group'} onChange={() => setKind('group')} />{t('edit.rules.group')}</label>
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor="rule-name">{t('edit.rules.name')}</label>
          <input id="rule-name" required value={name} onChange={(e) => setName(e.target.value)} />
        </div>
        <label className="check"><input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />{t('edit.rules.visible')}</label>
        {fields ? (
          <fieldset>
            <legend>{t('edit.rules.fields')}</legend>
            <label className="check"><input type="checkbox" checked={chosen === null} onChange={(e) => setChosen(e.target.checked ? null : new Set(fields))} />{t('edit.rules.allFields')}</label>
            {chosen !== null && (
              <div className="checks">
                {fields.map((f) => (
                  <label className="check" key={f}><input type="checkbox" checked={chosen.has(f)} onChange={(e) => setChosen(toggle(chosen, f, e.target.checked))} />{f}</label>
                ))}
              </div>
            )}
          </fieldset>
        ) : (
          <div className="field">
            <label htmlFor="rule-fields">{t('edit.rules.fields')}</label>
            <input id="rule-fields" value={typedFields} aria-describedby="rule-fields-help" onChange={(e) => setTypedFields(e.target.value)} />
            <p className="help" id="rule-fields-help">{t('edit.rules.fieldsHelp')}</p>
          </div>
        )}
        <div className="field">
          <label htmlFor="rule-filter">{t('edit.rules.filter')}</label>
          <input id="rule-filter" value={filter} aria-describedby="rule-filter-help" onChange={(e) => setFilter(e.target.value)} />
          <p className="help" id="rule-filter-help">{t('edit.rules.filterHelp')}</p>
        </div>
        <fieldset>
          <legend>{t('edit.rules.permissions')}</legend>
          <div className="checks">
            {DATASET_PERMISSIONS.map((p) => (
              <label className="check" key={p}><input type="checkbox" checked={perms.has(p)} onChange={(e) => setPerms(toggle(perms, p, e.target.checked))} />{t(`perm.${p}` as AdminKey)}</label>
            ))}
          </div>
        </fieldset>
        <QuotaInputs id="rule-quota" value={quota} onChange={setQuota} />
        <button type="submit" className="primary">{t('edit.rules.add')}</button>
      </form>
      <PreviewAsUser dataset={dataset} known={(rules.data ?? []).filter((x) => x.kind === 'user').map((x) => ruleName(x.r))} />
    </section>
  );
}

interface PublicField { name: string; label: string; type: string; description: string | null; annotations?: Record<string, unknown[]> }

/** Field labels, descriptions and annotations: saved as fields/ configurations (rename, description,
 *  annotate), applied by publish/ — so only for published datasets, whose fields the Explore API lists. */
function FieldsForm({ dataset }: { dataset: AdminDataset }) {
  const { t } = useAdminI18n();
  const [tick, setTick] = useState(0);
  const fields = useLoad(() => getJson<{ fields: PublicField[] }>(exploreUrl(`/catalog/datasets/${encodeURIComponent(dataset.dataset_id)}`), undefined, false), [dataset.dataset_id, tick]);
  const [values, setValues] = useState<Record<string, { label: string; description: string }>>({});
  const [annotations, setAnnotations] = useState<Record<string, AnnotationState>>({});
  const [busy, setBusy] = useState(false);
  const outcome = useOutcome();
  useEffect(() => {
    if (fields.data) {
      setValues(Object.fromEntries(fields.data.fields.map((f) => [f.name, { label: f.label, description: f.description ?? '' }])));
      setAnnotations(Object.fromEntries(fields.data.fields.map((f) => [f.name, annotationState(f.annotations)])));
    }
  }, [fields.data]);
  if (!dataset.is_published || !fields.data) return null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await outcome.run(async () => {
      // Checked first, so a refused annotation change saves nothing.
      const cannotClear = (field: string, annotation: string) => t('edit.ann.cannotClear', { field, annotation });
      const changes = fields.data!.fields.flatMap((f) => annotations[f.name] ? annotationChanges(f.name, annotationState(f.annotations), annotations[f.name], cannotClear) : []);
      const configs = (await fieldConfigs(dataset.uid)).results;
      for (const f of fields.data!.fields) {
        const v = values[f.name];
        if (!v) continue;
        if (v.label.trim() && v.label.trim() !== f.label) {
          await putFieldConfig(dataset.uid, configFor(configs, 'rename', f.name)?.uid, { type: 'rename', from_name: f.name, to_name: f.name, field_label: v.label.trim() });
        }
        if (v.description.trim() && v.description.trim() !== (f.description ?? '')) {
          await putFieldConfig(dataset.uid, configFor(configs, 'description', f.name)?.uid, { type: 'description', field: f.name, description: v.description.trim() });
        }
      }
      await saveAnnotations(dataset.uid, configs, changes);
      await publishWithResources(dataset.uid);
      setTick((x) => x + 1);
      return t('common.saved');
    });
    setBusy(false);
  };
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="fields-heading">
      <h2 id="fields-heading">{t('edit.fields')}</h2>
      <p className="help">{t('edit.fieldsHelp')}</p>
      {fields.data.fields.map((f) => (
        <fieldset key={f.name}>
          <legend><code>{f.name}</code> <span className="small muted">({f.type})</span></legend>
          <div className="field">
            <label htmlFor={`field-label-${f.name}`}>{t('edit.fieldLabel')}</label>
            <input id={`field-label-${f.name}`} value={values[f.name]?.label ?? ''} onChange={(e) => setValues({ ...values, [f.name]: { ...values[f.name], label: e.target.value } })} />
          </div>
          <div className="field">
            <label htmlFor={`field-desc-${f.name}`}>{t('edit.fieldDescription')}</label>
            <input id={`field-desc-${f.name}`} value={values[f.name]?.description ?? ''} onChange={(e) => setValues({ ...values, [f.name]: { ...values[f.name], description: e.target.value } })} />
          </div>
          {annotations[f.name] && <AnnotationControls field={f.name} value={annotations[f.name]} onChange={(v) => setAnnotations({ ...annotations, [f.name]: v })} />}
        </fieldset>
      ))}
      <button type="submit" className="primary" disabled={busy}>{busy ? t('common.saving') : t('edit.saveFields')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}

export function DatasetEditPage({ uid }: { uid: string }) {
  const { t } = useAdminI18n();
  const { data, error, reload } = useLoad(() => getDataset(uid), [uid]);
  const outcome = useOutcome();
  return (
    <div>
      <p><Link href="/admin">← {t('edit.back')}</Link></p>
      {data ? <h1>{t('edit.title', { name: titleOf(data) })}</h1> : <h1>{uid}</h1>}
      <FormError error={error} />
      {!data && !error && <Loading />}
      {data && <MetadataForm key={JSON.stringify(data.metadata.default)} dataset={data} onSaved={reload} outcome={outcome} />}
      {data && <FieldsForm dataset={data} />}
      {data && <SecurityRules dataset={data} onSaved={reload} />}
    </div>
  );
}
