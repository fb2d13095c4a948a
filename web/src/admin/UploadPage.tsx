// /admin/new: create a dataset from a file without the command line — a draft (POST datasets/),
// the file dropped or chosen and uploaded with progress (resources/files/), the first rows with the
// inferred types (resources/…/preview/), types and labels changed (fields/), then publish/. Or
// from a URL instead of a file: an http resource, read by the server (private addresses refused).
// Bad rows can be skipped (and are listed after publishing); a file without rows is published only after a confirmation.
import { useRef, useState, type DragEvent, type FormEvent } from 'react';
import {
  FIELD_TYPES, configFor, labelRename, createDataset, createFileResource, deleteResource, extractorFor, fieldConfigs, previewResource, publishWithResources,
  putFieldConfig, uploadFile, type FieldConfig, type PublishAnswer, type ResourcePreview,
} from './api.ts';
import { useAdminI18n } from './messages.ts';
import { createUrlResource } from './DataUpdate.tsx';
import { ConfirmDialog, Outcome, useOutcome } from './ui.tsx';
import { badRowsProblem, PublishReport, RetrySkipping, SkipBadRowsOption } from './PublishReport.tsx';
import { Link } from '../components/Link.tsx';
import { datasetHref } from '../app/routes.ts';

interface Draft { uid: string; datasetId: string; resourceUid: string; preview: ResourcePreview; configs: FieldConfig[] }

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

export function UploadPage() {
  const { t, n } = useAdminI18n();
  const [datasetId, setDatasetId] = useState('');
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [source, setSource] = useState<'file' | 'url'>('file');
  const [url, setUrl] = useState('');
  // The draft dataset's uid once created, even when its first source could not be read.
  const [draftUid, setDraftUid] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [labels, setLabels] = useState<Record<string, string>>({});
  const [published, setPublished] = useState(false);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [badRows, setBadRows] = useState<string | null>(null);
  const [confirmEmpty, setConfirmEmpty] = useState(false);
  const [report, setReport] = useState<PublishAnswer | null>(null);
  const outcome = useOutcome();
  const input = useRef<HTMLInputElement>(null);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const f = e.dataTransfer.files[0];
    if (f) setFile(f);
  };
  const refresh = async (d: Omit<Draft, 'preview' | 'configs'>) => {
    const [preview, configs] = await Promise.all([previewResource(d.uid, d.resourceUid), fieldConfigs(d.uid)]);
    setDraft({ ...d, preview, configs: configs.results });
    setLabels(Object.fromEntries(preview.fields.map((f) => [f.name, f.label])));
  };
  const submit = (e: FormEvent) => { e.preventDefault(); void send(skipBadRows); };
  const send = async (skip: boolean) => {
    const link = url.trim();
    if (source === 'file' ? !file : !link) return;
    setBusy(true);
    setBadRows(null);
    const params = skip ? { skip_bad_rows: true } : {};
    await outcome.run(async () => {
      const type = file && source === 'file' ? extractorFor(file.name) : null;
      if (file && source === 'file' && !type) throw new Error(t('upload.unsupported', { name: file.name }));
      // The draft exists from the first upload on; a later upload (another file) reuses it.
      const uid = draft?.uid ?? draftUid ?? (await createDataset(datasetId.trim(), title.trim())).uid;
      setDraftUid(uid);
      let resource: { uid: string };
      let done: string;
      if (source === 'file' && file && type) {
        setProgress(0);
        const stored = await uploadFile(uid, file, setProgress);
        resource = await createFileResource(uid, stored.uid, stored.filename, type, params);
        done = t('upload.previewReady', { name: stored.filename });
      } else {
        // The server checks the URL now (form, private addresses) and reads it for the preview.
        resource = await createUrlResource(uid, link, false, params);
        done = t('upload.urlReady', { url: link });
      }
      try {
        await refresh({ uid, datasetId: datasetId.trim(), resourceUid: resource.uid });
      } catch (e) {
        // An unreadable source (unreachable URL, bad file) is not kept: the draft stays as it was.
        await deleteResource(uid, resource.uid).catch(() => undefined);
        const problem = badRowsProblem(e);
        if (problem) { setBadRows(problem); throw new Error(t('publish.badRows', { problem })); }
        throw e;
      }
      // Another source replaces the previous one (publish/ would append every resource's rows).
      if (draft) await deleteResource(uid, draft.resourceUid);
      return done;
    });
    setBusy(false);
  };
  const setType = async (field: string, type: string) => {
    if (!draft) return;
    await outcome.run(async () => {
      await putFieldConfig(draft.uid, configFor(draft.configs, 'type', field)?.uid, { type: 'type', field, type_param: type });
      await refresh(draft);
      return t('upload.typeSet', { field, type });
    });
  };
  const saveLabel = async (field: string) => {
    if (!draft) return;
    const label = (labels[field] ?? '').trim();
    const current = draft.preview.fields.find((f) => f.name === field)?.label;
    if (!label || label === current) return;
    await outcome.run(async () => {
      const rename = labelRename(draft.configs, field, label);
      await putFieldConfig(draft.uid, rename.uid, rename.body);
      await refresh(draft);
      return t('upload.labelSet', { field, label });
    });
  };
  const empty = !!draft && draft.preview.fields.length > 0 && draft.preview.records.length === 0;
  const publish = async (confirmed = false) => {
    if (!draft) return;
    if (empty && !confirmed) { setConfirmEmpty(true); return; }
    setBusy(true);
    const ok = await outcome.run(async () => {
      setReport(await publishWithResources(draft.uid));
      return t('upload.published', { name: title || draft.datasetId });
    });
    setBusy(false);
    if (ok) setPublished(true);
  };

  return (
    <div>
      <h1>{t('upload.title')}</h1>
      <form className="admin-form" onSubmit={submit} aria-labelledby="upload-step1">
        <h2 id="upload-step1">{t('upload.step1')}</h2>
        <div className="field">
          <label htmlFor="new-id">{t('upload.id')}</label>
          <input id="new-id" required pattern="[A-Za-z0-9][A-Za-z0-9_\-]*" disabled={!!draft} aria-describedby="new-id-help" value={datasetId} onChange={(e) => setDatasetId(e.target.value)} />
          <p className="help" id="new-id-help">{t('upload.idHelp')}</p>
        </div>
        <div className="field">
          <label htmlFor="new-title">{t('edit.meta.title')}</label>
          <input id="new-title" required disabled={!!draft} value={title} onChange={(e) => setTitle(e.target.value)} />
        </div>
        <fieldset>
          <legend>{t('upload.source')}</legend>
          <label className="check"><input type="radio" name="upload-source" checked={source === 'file'} onChange={() => setSource('file')} /> {t('upload.fromFile')}</label>
          <label className="check"><input type="radio" name="upload-source" checked={source === 'url'} onChange={() => setSource('url')} /> {t('upload.fromUrl')}</label>
        </fieldset>
        {source === 'url' && (
          <div className="field">
            <label htmlFor="new-url">{t('upload.url')}</label>
            <input id="new-url" type="url" inputMode="url" required aria-describedby="new-url-help" value={url} onChange={(e) => setUrl(e.target.value)} />
            <p className="help" id="new-url-help">{t('upload.urlHelp')}</p>
          </div>
        )}
        {source === 'file' && <div className={dragging ? 'drop-zone dragging' : 'drop-zone'} onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
          onDragLeave={() => setDragging(false)} onDrop={onDrop} data-testid="drop-zone">
          <label htmlFor="new-file">{t('upload.file')}</label>
          <input id="new-file" ref={input} type="file" required={!file} aria-describedby="new-file-help"
            accept=".csv,.tsv,.json,.jsonl,.ndjson,.geojson,.xls,.xlsx,.parquet,.kml,.gpx,.zip" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          <p className="help" id="new-file-help">{t('upload.dropHelp')}</p>
          {file && <p>{t('upload.chosen', { name: file.name, size: n(Math.ceil(file.size / 1024)) })}</p>}
        </div>}
        {progress !== null && source === 'file' && (
          <p className="upload-progress">
            <label htmlFor="upload-progress">{t('upload.progress')}</label>{' '}
            <progress id="upload-progress" max={1} value={progress} /> <span>{Math.round(progress * 100)} %</span>
          </p>
        )}
        <SkipBadRowsOption id="new-skip-bad-rows" checked={skipBadRows} onChange={setSkipBadRows} />
        <button type="submit" className="primary" disabled={busy || (source === 'file' ? !file : !url.trim())}>{source === 'file' ? t('upload.send') : t('upload.sendUrl')}</button>
      </form>
      <Outcome message={outcome.message} error={outcome.error} />
      {badRows && <RetrySkipping disabled={busy} onRetry={() => { setSkipBadRows(true); void send(true); }} />}
      {draft && (
        <section aria-labelledby="upload-step2">
          <h2 id="upload-step2">{t('upload.step2')}</h2>
          <p className="help">{t('upload.previewHelp')}</p>
          <div className="table-scroll">
            <table className="data-table admin-table preview-table">
              <caption className="visually-hidden">{t('upload.step2')}</caption>
              <thead>
                <tr>
                  {draft.preview.fields.map((f) => (
                    <th scope="col" key={f.name}>
                      <code>{f.name}</code>
                      <label className="visually-hidden" htmlFor={`label-${f.name}`}>{t('upload.labelOf', { field: f.name })}</label>
                      <input id={`label-${f.name}`} value={labels[f.name] ?? ''} onChange={(e) => setLabels({ ...labels, [f.name]: e.target.value })}
                        onBlur={() => void saveLabel(f.name)} onKeyDown={(e) => { if (e.key === 'Enter') { e.preventDefault(); void saveLabel(f.name); } }} />
                      <label className="visually-hidden" htmlFor={`type-${f.name}`}>{t('upload.typeOf', { field: f.name })}</label>
                      <select id={`type-${f.name}`} value={f.type} onChange={(e) => void setType(f.name, e.target.value)}>
                        {FIELD_TYPES.map((x) => <option key={x} value={x}>{x}</option>)}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {draft.preview.records.map((r, i) => (
                  <tr key={i}>{draft.preview.fields.map((f) => <td key={f.name}>{cell(r[f.name])}</td>)}</tr>
                ))}
              </tbody>
            </table>
          </div>
          {empty && <p className="state state-warning" id="upload-no-rows">{t('publish.noRows')}</p>}
          <h2>{t('upload.step3')}</h2>
          <PublishReport answer={report} />
          {published
            ? <p><Link href={datasetHref(draft.datasetId)}>{t('upload.open', { name: title || draft.datasetId })}</Link></p>
            : <button type="button" className="primary" disabled={busy} aria-describedby={empty ? 'upload-no-rows' : undefined} onClick={() => void publish()}>{t('upload.publish')}</button>}
        </section>
      )}
      <ConfirmDialog
        open={confirmEmpty}
        title={t('publish.confirmEmptyTitle')}
        body={t('publish.confirmEmptyBody', { source: source === 'file' ? file?.name ?? '' : url.trim() })}
        confirm={t('publish.confirmEmpty')}
        onCancel={() => setConfirmEmpty(false)}
        onConfirm={() => { setConfirmEmpty(false); void publish(true); }}
      />
    </div>
  );
}
