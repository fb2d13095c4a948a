// /admin/datasets/{uid}: edit a dataset's metadata (Automation API metadata/default/), its fields and,
// for holders of manage_dataset, its access rules (SecurityRules.tsx: per user or group, default access);
// the scheduled refresh of its URL source (RefreshSection.tsx).
import { useEffect, useState, type FormEvent } from 'react';
import {
  configFor, fieldConfigs, labelRename, getDataset, publishWithResources, putFieldConfig, putMetadata, titleOf,
  type AdminDataset,
} from './api.ts';
import { useAdminI18n, type AdminKey } from './messages.ts';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { SecurityRules } from './SecurityRules.tsx';
import { PublisherDates } from './PublisherDates.tsx';
import { AnnotationControls, annotationChanges, annotationState, saveAnnotations, type AnnotationState } from './FieldAnnotations.tsx';
import { Link } from '../components/Link.tsx';
import { Loading } from '../components/States.tsx';
import { exploreUrl, getJson } from '../api/client.ts';
import { DescriptionEditor } from './DescriptionEditor.tsx';
import { LicencePicker, ThemePicker } from './MetadataPickers.tsx';
import { TagInput } from './TagInput.tsx';
import { useEditorI18n } from './editor-messages.ts';
import { RealtimeSection } from './RealtimeSection.tsx';
import { RefreshSection } from './RefreshSection.tsx';
import { ProcessorsSection } from './ProcessorsSection.tsx';

const TEXT_KEYS = ['title', 'publisher', 'license', 'license_url', 'language', 'references', 'attributions'] as const;
const LIST_KEYS = ['theme', 'keyword'] as const;
type MetaKey = (typeof TEXT_KEYS)[number] | (typeof LIST_KEYS)[number] | 'description';

function metaList(d: AdminDataset, key: string): string[] {
  const v = d.metadata.default[key]?.value;
  return Array.isArray(v) ? v.map(String) : [];
}

function metaText(d: AdminDataset, key: string): string {
  const v = d.metadata.default[key]?.value;
  if (Array.isArray(v)) return v.join(', ');
  return v === null || v === undefined ? '' : String(v);
}

function MetadataForm({ dataset, onSaved, outcome }: { dataset: AdminDataset; onSaved: () => void; outcome: ReturnType<typeof useOutcome> }) {
  const { t } = useAdminI18n();
  const keys: MetaKey[] = ['title', 'description', ...LIST_KEYS, ...TEXT_KEYS.slice(1)];
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(keys.map((k) => [k, metaText(dataset, k)])));
  // Themes and keywords as lists: an ODS theme name holds commas.
  const [lists, setLists] = useState<Record<string, string[]>>(() => Object.fromEntries(LIST_KEYS.map((k) => [k, metaList(dataset, k)])));
  const editor = useEditorI18n();
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    // Only what changed is sent; list keys as lists, emptied values as null (unset).
    const patch: Record<string, { value: unknown }> = {};
    for (const k of keys) {
      if ((LIST_KEYS as readonly string[]).includes(k)) {
        if (JSON.stringify(lists[k]) !== JSON.stringify(metaList(dataset, k))) patch[k] = { value: lists[k] };
        continue;
      }
      if (values[k] === metaText(dataset, k)) continue;
      const v = values[k].trim();
      patch[k] = { value: v === '' ? null : v };
    }
    const ok = await outcome.run(async () => { if (Object.keys(patch).length) await putMetadata(dataset.uid, patch); return t('common.saved'); });
    setBusy(false);
    if (ok) onSaved();
  };
  const field = (k: MetaKey) => {
    const id = `meta-${k}`;
    const label = t(`edit.meta.${k}` as AdminKey);
    if (k === 'description') return <DescriptionEditor key={k} label={label} initialHtml={values.description} onChange={(html) => setValues((v) => ({ ...v, description: html }))} />;
    if (k === 'theme') return <ThemePicker key={k} values={lists.theme} onChange={(theme) => setLists((l) => ({ ...l, theme }))} />;
    if (k === 'keyword') {
      return (
        <div className="field" key={k}>
          <label htmlFor={id}>{label}</label>
          <TagInput id={id} values={lists.keyword} placeholder={editor.t('tags.add')} onChange={(keyword) => setLists((l) => ({ ...l, keyword }))} />
        </div>
      );
    }
    if (k === 'license') return <LicencePicker key={k} name={values.license} url={values.license_url} onChange={(license, url) => setValues((v) => ({ ...v, license, license_url: url }))} />;
    if (k === 'license_url') return null;
    return (
      <div className="field" key={k}>
        <label htmlFor={id}>{label}</label>
        <input id={id} value={values[k]} type="text" required={k === 'title'} onChange={(e) => setValues((v) => ({ ...v, [k]: e.target.value }))} />
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
          const rename = labelRename(configs, f.name, v.label.trim());
          await putFieldConfig(dataset.uid, rename.uid, rename.body);
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
  // A real-time resource made from a sample record gives the dataset its fields: the fields form loads again.
  const [fieldsKey, setFieldsKey] = useState(0);
  return (
    <div>
      <p><Link href="/admin">← {t('edit.back')}</Link></p>
      {data ? <h1>{t('edit.title', { name: titleOf(data) })}</h1> : <h1>{uid}</h1>}
      <FormError error={error} />
      {!data && !error && <Loading />}
      {data && <MetadataForm key={JSON.stringify(data.metadata.default)} dataset={data} onSaved={reload} outcome={outcome} />}
      {data && <PublisherDates key={JSON.stringify(data.metadata.default.modified)} dataset={data} onSaved={reload} />}
      {data && <FieldsForm key={fieldsKey} dataset={data} />}
      {data && <ProcessorsSection dataset={data} />}
      {data && <RefreshSection dataset={data} />}
      {data && <RealtimeSection dataset={data} onFieldsChanged={() => setFieldsKey((k) => k + 1)} />}
      {data && <SecurityRules dataset={data} onSaved={reload} />}
    </div>
  );
}
