// The back office's processors section of a dataset: its pipeline in order (move up/down, edit,
// remove), adding a processor chosen from the registry with a form made from its parameters, a live
// preview of the first 20 records before and after (following the form as it is filled in), and the
// pipeline shown as YAML or JSON to copy, or replaced by a pasted document.
import { useEffect, useState } from 'react';
import type { AdminDataset } from './api.ts';
import {
  addProcessor, deleteProcessor, exportPipeline, importPipeline, listProcessors, moveProcessor, previewProcessors, processorCatalogue, updateProcessor,
  type Draft, type Preview, type Processor, type ProcessorDef,
} from './processors-api.ts';
import { useProcessorsI18n } from './processors-messages.ts';
import { ProcessorForm } from './ProcessorForm.tsx';
import { ProcessorPreview } from './ProcessorPreview.tsx';
import { ConfirmDialog, FormError, Outcome, useLoad, useOutcome } from './ui.tsx';

/** What is being edited: the processor at `index` of the pipeline, or a new one at the end (index null). */
interface Editing { index: number | null; def: ProcessorDef; draft: Draft }

function Exchange({ uid, onImported }: { uid: string; onImported: () => void }) {
  const { t } = useProcessorsI18n();
  const outcome = useOutcome();
  const [text, setText] = useState('');
  const show = (f: 'yaml' | 'json') => outcome.run(async () => { setText(await exportPipeline(uid, f)); return null; });
  return (
    <details className="processor-exchange">
      <summary>{t('pr.exchange')}</summary>
      <div className="button-row">
        <button type="button" onClick={() => show('yaml')}>{t('pr.exportYaml')}</button>
        <button type="button" onClick={() => show('json')}>{t('pr.exportJson')}</button>
      </div>
      <div className="field"><label htmlFor="pr-document">{t('pr.document')}</label>
        <textarea id="pr-document" className="mono" rows={10} value={text} onChange={(e) => setText(e.target.value)} /></div>
      <button type="button" onClick={() => outcome.run(async () => { const n = (await importPipeline(uid, text)).length; onImported(); return t('pr.imported', { count: n }); })}>{t('pr.import')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </details>
  );
}

export function ProcessorsSection({ dataset }: { dataset: AdminDataset }) {
  const { t } = useProcessorsI18n();
  const uid = dataset.uid;
  const catalogue = useLoad(() => processorCatalogue(), []);
  const pipeline = useLoad(() => listProcessors(uid), [uid]);
  const outcome = useOutcome();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [removing, setRemoving] = useState<Processor | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const list = pipeline.data ?? [];
  // The pipeline the preview shows: the stored one with the processor being edited in its place.
  const drafted: Draft[] = editing ? (editing.index === null ? [...list, editing.draft] : list.map((p, i) => (i === editing.index ? editing.draft : p))) : list;
  const key = JSON.stringify(drafted);
  useEffect(() => {
    if (!pipeline.data) return;
    const timer = setTimeout(() => {
      previewProcessors(uid, drafted).then((p) => { setPreview(p); setPreviewError(null); }, (e: Error) => setPreviewError(e.message));
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, uid, pipeline.data]);
  const defOf = (type: string) => catalogue.data?.find((d) => d.type === type);
  const act = (fn: () => Promise<unknown>, done: string) => outcome.run(async () => { await fn(); pipeline.reload(); return done; });
  const save = async (d: Draft) => {
    setBusy(true);
    const ok = await act(() => (editing!.index === null ? addProcessor(uid, d) : updateProcessor(uid, list[editing!.index].uid, d)), editing!.index === null ? t('pr.added') : t('pr.saved'));
    if (ok) setEditing(null);
    setBusy(false);
  };
  const fields = [...new Set([...(preview?.fields_before ?? []), ...(preview?.fields_after ?? [])].map((f) => f.name))];
  const start = (def: ProcessorDef, index: number | null, p?: Processor) => setEditing({ index, def, draft: p ?? { type: def.type, label: def.label, skip_on_error: false } });
  return (
    <section className="admin-section" aria-labelledby="pr-heading">
      <h2 id="pr-heading">{t('pr.heading')}</h2>
      <p className="help">{t('pr.help')}</p>
      <FormError error={pipeline.error ?? catalogue.error} />
      {pipeline.data && list.length === 0 && <p className="muted">{t('pr.none')}</p>}
      {list.length > 0 && (
        <ol className="processor-list">
          {list.map((p, i) => (
            <li key={p.uid}>
              <span><strong>{p.label}</strong> <span className="small muted">({p.type})</span></span>
              <div className="button-row">
                <button type="button" disabled={i === 0} onClick={() => act(() => moveProcessor(uid, p.uid, i), t('pr.moved'))} aria-label={`${t('pr.up')}: ${p.label}`}>↑</button>
                <button type="button" disabled={i === list.length - 1} onClick={() => act(() => moveProcessor(uid, p.uid, i + 2), t('pr.moved'))} aria-label={`${t('pr.down')}: ${p.label}`}>↓</button>
                <button type="button" onClick={() => { const def = defOf(p.type); if (def) start(def, i, p); }}>{t('pr.edit')} <span className="visually-hidden">{p.label}</span></button>
                <button type="button" className="danger" onClick={() => setRemoving(p)}>{t('pr.remove')} <span className="visually-hidden">{p.label}</span></button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <div className="field">
        <label htmlFor="pr-type">{t('pr.add')}</label>
        <select id="pr-type" value={editing?.index === null ? editing.def.type : ''} onChange={(e) => { const def = defOf(e.target.value); if (def) start(def, null); else setEditing(null); }}>
          <option value="">{t('pr.choose')}</option>
          {(catalogue.data ?? []).map((d) => <option key={d.type} value={d.type}>{d.label} ({d.type})</option>)}
        </select>
      </div>
      {editing && (
        <div className="processor-editing">
          <ProcessorForm key={`${editing.index}-${editing.def.type}`} def={editing.def} initial={editing.draft} fields={fields} idPrefix="pr-param" busy={busy}
            submitLabel={t('pr.save')} onChange={(d) => setEditing({ ...editing, draft: d })} onSubmit={save} />
          <button type="button" onClick={() => setEditing(null)}>{t('pr.cancel')}</button>
        </div>
      )}
      <Outcome message={outcome.message} error={outcome.error} />
      {previewError && <p role="alert" className="state state-error">{t('pr.previewError', { message: previewError })}</p>}
      {preview && <ProcessorPreview preview={preview} caption={editing ? t('pr.previewOf') : t('pr.preview')} />}
      <Exchange uid={uid} onImported={pipeline.reload} />
      <ConfirmDialog open={removing !== null} title={`${t('pr.remove')} — ${removing?.label ?? ''}`} body={t('pr.removeConfirm')} confirm={t('pr.remove')}
        onCancel={() => setRemoving(null)} onConfirm={() => { const p = removing!; setRemoving(null); void act(() => deleteProcessor(uid, p.uid), t('pr.removed')); }} />
    </section>
  );
}
