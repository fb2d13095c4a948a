// The form of a harvester, new or stored: type (with its own options), URL, name, metadata only or
// full import, delete missing, restrict new datasets, id prefix. "Preview" shows what a run would do
// with the settings as they are (unsaved_preview/), before saving; refusals show next to their field.
import { useState, type FormEvent, type ReactNode } from 'react';
import { createHarvester, previewUnsaved, settingsBody, settingsOf, updateHarvester, type Harvester, type HarvesterSettings, type HarvesterType, type HarvestPreview } from './harvest-api.ts';
import { useHarvestI18n } from './harvest-messages.ts';
import { HarvestPreviewTable, previewCounts } from './HarvestPreviewTable.tsx';
import { AdminError } from './session.ts';
import { Outcome, useOutcome } from './ui.tsx';

const blank = (type: string): HarvesterSettings => ({
  type, name: '', url: '', metadata_only: false, delete_missing_datasets: false, restrict_datasets_visibility: false, dataset_id_prefix: '', options: {}, api_key: '', removeApiKey: false,
});

type Detail = Record<string, string[]> | null;

/** A labelled input with its help and the API's message for it (`field`: the key of the validation detail). */
function Field({ id, label, help, field, detail, children }: {
  id: string; label: ReactNode; help?: string; field: string; detail: Detail; children: (p: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}) {
  const error = detail?.[field]?.join(' ');
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': described, 'aria-invalid': error ? true : undefined })}
      {help && <p className="help" id={`${id}-help`}>{help}</p>}
      {error && <p className="field-error" id={`${id}-error`}>{error}</p>}
    </div>
  );
}

export function HarvesterForm({ types, existing, onSaved, idPrefix }: {
  types: HarvesterType[]; existing?: Harvester; onSaved: (h: Harvester) => void; idPrefix: string;
}) {
  const { t } = useHarvestI18n();
  const [s, setS] = useState<HarvesterSettings>(() => (existing ? settingsOf(existing, types.find((x) => x.type === existing.type)) : blank(types[0]?.type ?? '')));
  const [detail, setDetail] = useState<Detail>(null);
  const [preview, setPreview] = useState<HarvestPreview | null>(null);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const outcome = useOutcome();
  const type = types.find((x) => x.type === s.type);
  const id = (name: string) => `${idPrefix}-${name}`;
  const set = (patch: Partial<HarvesterSettings>) => { setS((old) => ({ ...old, ...patch })); setPreview(null); };
  const act = async (kind: 'preview' | 'save', action: () => Promise<string>) => {
    setBusy(kind);
    setDetail(null);
    await outcome.run(async () => {
      try { return await action(); } catch (e) { if (e instanceof AdminError) setDetail(e.detail); throw e; }
    });
    setBusy(null);
  };
  const runPreview = () => act('preview', async () => {
    setPreview(null);
    const p = await previewUnsaved(existing?.uid ?? null, settingsBody(s, type));
    setPreview(p);
    return t('hv.previewSummary', previewCounts(p));
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act('save', async () => {
      const body = settingsBody(s, type);
      const saved = existing ? await updateHarvester(existing.uid, body) : await createHarvester(body);
      onSaved(saved);
      return existing ? t('hv.saved') : t('hv.created', { name: saved.name });
    });
  };
  const known = new Set(['type', 'url', 'name', 'dataset_id_prefix', 'api_key', ...(type?.options ?? []).map((o) => `options.${o.name}`)]);
  const other = Object.entries(detail ?? {}).filter(([k]) => !known.has(k));
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={id('heading')} noValidate>
      <h2 id={id('heading')}>{existing ? t('hv.edit') : t('hv.add')}</h2>
      <Field id={id('type')} label={t('hv.type')} help={t('hv.typeHelp')} field="type" detail={detail}>
        {(p) => (
          <select {...p} value={s.type} disabled={!!existing} onChange={(e) => set({ type: e.target.value, options: {} })}>
            {types.map((x) => <option key={x.type} value={x.type}>{x.label} ({x.type})</option>)}
          </select>
        )}
      </Field>
      <Field id={id('url')} label={t('hv.url')} help={t('hv.urlHelp')} field="url" detail={detail}>
        {(p) => <input {...p} type="url" required value={s.url} spellCheck={false} onChange={(e) => set({ url: e.target.value })} />}
      </Field>
      <Field id={id('name')} label={t('hv.nameField')} help={t('hv.nameHelp')} field="name" detail={detail}>
        {(p) => <input {...p} value={s.name} onChange={(e) => set({ name: e.target.value })} />}
      </Field>
      {type?.options.map((o) => (
        <Field key={o.name} id={id(`opt-${o.name}`)} label={<>{o.label}{o.required && <> {t('hv.required')}</>}</>} help={o.help ?? undefined} field={`options.${o.name}`} detail={detail}>
          {(p) => <input {...p} required={o.required} value={s.options[o.name] ?? ''} spellCheck={false} onChange={(e) => set({ options: { ...s.options, [o.name]: e.target.value } })} />}
        </Field>
      ))}
      {type?.api_key && (
        <Field id={id('apikey')} label={t('hv.apiKey')} help={existing?.has_api_key ? t('hv.apiKeyStored') : t('hv.apiKeyHelp')} field="api_key" detail={detail}>
          {(p) => <input {...p} type="password" autoComplete="off" spellCheck={false} value={s.api_key} disabled={s.removeApiKey} onChange={(e) => set({ api_key: e.target.value })} />}
        </Field>
      )}
      {type?.api_key && existing?.has_api_key === true && (
        <label className="check"><input type="checkbox" checked={s.removeApiKey} onChange={(e) => set({ removeApiKey: e.target.checked, api_key: '' })} /> {t('hv.apiKeyRemove')}</label>
      )}
      <fieldset>
        <legend>{t('hv.mode')}</legend>
        <label className="check"><input type="radio" name={id('mode')} checked={!s.metadata_only} onChange={() => set({ metadata_only: false })} /> {t('hv.full')}</label>
        <label className="check"><input type="radio" name={id('mode')} checked={s.metadata_only} onChange={() => set({ metadata_only: true })} /> {t('hv.metadataOnly')}</label>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={s.delete_missing_datasets} aria-describedby={id('missing-help')} onChange={(e) => set({ delete_missing_datasets: e.target.checked })} /> {t('hv.deleteMissing')}
      </label>
      <p className="help" id={id('missing-help')}>{t('hv.deleteMissingHelp')}</p>
      <label className="check">
        <input type="checkbox" checked={s.restrict_datasets_visibility} aria-describedby={id('restrict-help')} onChange={(e) => set({ restrict_datasets_visibility: e.target.checked })} /> {t('hv.restrict')}
      </label>
      <p className="help" id={id('restrict-help')}>{t('hv.restrictHelp')}</p>
      <Field id={id('prefix')} label={t('hv.prefix')} help={t('hv.prefixHelp')} field="dataset_id_prefix" detail={detail}>
        {(p) => <input {...p} className="mono" value={s.dataset_id_prefix} spellCheck={false} onChange={(e) => set({ dataset_id_prefix: e.target.value })} />}
      </Field>
      {other.map(([k, m]) => <p key={k} className="field-error">{k}: {m.join(' ')}</p>)}
      <div className="button-row">
        <button type="button" onClick={() => void runPreview()} disabled={busy !== null}>{busy === 'preview' ? t('hv.previewing') : t('hv.preview')}</button>
        <button type="submit" className="primary" disabled={busy !== null}>{existing ? t('hv.saveChanges') : t('hv.save')}</button>
      </div>
      <Outcome message={busy === 'preview' ? t('hv.previewing') : outcome.message} error={outcome.error} />
      {preview && <HarvestPreviewTable preview={preview} idPrefix={id('preview')} />}
    </form>
  );
}
