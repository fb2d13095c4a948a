// /admin/pages/{uid}: the page editor. Holds the draft being edited (title, description, slug,
// filter bar, blocks), saves it with PUT, places the server's refusals and the draft's problems on
// the fields they name, and gathers preview, publishing (access for manage_page), versions and export.
import { useMemo, useState } from 'react';
import { BLOCK_TYPES, type AutomationPage, type Block, type BlockType, type PageContent } from './model.ts';
import { catalogDatasets, deletePage, exportPage, getPage, listVersions, previewHref, restoreVersion, updatePage } from './pages-api.ts';
import { usePagesI18n } from './messages.ts';
import { detailItems, NO_ERRORS, placeErrors, placeOf, type PlacedErrors } from './errors.ts';
import { newBlockId } from './grid.ts';
import { newBlock } from './templates.ts';
import { BlockGrid, blockName } from './BlockGrid.tsx';
import { BlockForm } from './BlockForm.tsx';
import { FilterBarEditor } from './FilterBarEditor.tsx';
import { PageManage, type Ask } from './PageManage.tsx';
import { PageVersions } from './PageVersions.tsx';
import { Row } from './fields.tsx';
import { useUnsavedGuard } from './useUnsavedGuard.ts';
import { ConfirmDialog, FormError, Outcome, useLoad } from '../ui.tsx';
import { AdminError } from '../session.ts';
import { Link } from '../../components/Link.tsx';
import { Loading } from '../../components/States.tsx';
import { navigate } from '../../app/router.ts';

interface Draft { slug: string; content: PageContent }
const draftOf = (p: AutomationPage): Draft => ({ slug: p.slug, content: p.content });

export function PageEditPage({ uid, manager }: { uid: string; manager: boolean }) {
  const loaded = useLoad(() => Promise.all([getPage(uid), catalogDatasets()]), [uid]);
  if (loaded.error) return <FormError error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  return <Editor initial={loaded.data[0]} datasets={loaded.data[1]} manager={manager} />;
}

function Editor({ initial, datasets, manager }: { initial: AutomationPage; datasets: Awaited<ReturnType<typeof catalogDatasets>>; manager: boolean }) {
  const { t, lang } = usePagesI18n();
  const [page, setPage] = useState(initial);
  const [draft, setDraft] = useState<Draft>(draftOf(initial));
  const [baseline, setBaseline] = useState(JSON.stringify(draftOf(initial)));
  const [saveErrors, setSaveErrors] = useState<PlacedErrors>(NO_ERRORS);
  const [selected, setSelected] = useState(-1);
  const [announce, setAnnounce] = useState('');
  const [addType, setAddType] = useState<BlockType>('kpi');
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState<Ask | null>(null);
  const versions = useLoad(() => listVersions(page.uid).then((r) => r.results), [page.uid, page.updated_at]);
  const dirty = JSON.stringify(draft) !== baseline;
  const guard = useUnsavedGuard(dirty);
  const blocks = draft.content.blocks;
  const problems = page.problems ?? [];
  // The draft's problems, then the last save's refusals, on the fields they name.
  const errors = useMemo(() => {
    const p = placeErrors(problems);
    const merge = (a: Record<number, Record<string, string>>, b: Record<number, Record<string, string>>) => {
      const out = { ...a };
      for (const [i, v] of Object.entries(b)) out[Number(i)] = { ...(out[Number(i)] ?? {}), ...v };
      return out;
    };
    return { page: { ...p.page, ...saveErrors.page }, blocks: merge(p.blocks, saveErrors.blocks), filters: merge(p.filters, saveErrors.filters) };
  }, [problems, saveErrors]);

  const setContent = (patch: Partial<PageContent>) => setDraft((d) => ({ ...d, content: { ...d.content, ...patch } }));
  const setBlocks = (next: Block[]) => setContent({ blocks: next });
  const failed = (e: unknown) => {
    const err = e instanceof AdminError ? e : new AdminError(String(e), 0);
    setMessage(null);
    setError(err.status === 403 ? t('forbidden', { message: err.message }) : err.message);
  };
  const adopt = (p: AutomationPage) => {
    setPage(p);
    setDraft(draftOf(p));
    setBaseline(JSON.stringify(draftOf(p)));
    setSaveErrors(NO_ERRORS);
  };
  /** Runs a publishing action, then reads the page again (its status and settings changed). */
  const run = async (action: () => Promise<string>) => {
    setError(null);
    try {
      const m = await action();
      const fresh = await getPage(page.uid);
      setPage(fresh);
      if (!dirty) adopt(fresh);
      setMessage(m);
      return true;
    } catch (e) { failed(e); return false; }
  };

  const save = async () => {
    setBusy(true); setError(null); setMessage(null);
    try {
      adopt(await updatePage(page.uid, { slug: draft.slug, content: draft.content }));
      setMessage(t('edit.saved'));
    } catch (e) {
      if (e instanceof AdminError && e.status === 400 && e.detail) {
        const items = detailItems(e.detail);
        setSaveErrors(placeErrors(items));
        setError(t('edit.notSaved', { count: items.length }));
        const first = items.map((i) => placeOf(i.path)).find((p) => p.area === 'block');
        if (first?.area === 'block') setSelected(first.index);
      } else failed(e);
    } finally { setBusy(false); }
  };

  const fix = (path: string) => {
    const p = placeOf(path);
    const target = p.area === 'block' ? (setSelected(p.index), '#block-form') : p.area === 'filter' ? `#filter-${p.index}` : '#page-settings';
    window.setTimeout(() => {
      const root = document.querySelector(target);
      const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? root?.querySelector<HTMLElement>('input, select, textarea');
      el?.focus();
    }, 0);
  };

  const addBlock = () => {
    const ds = datasets.find((d) => d.dataset_id === blocks.find((b) => b.dataset)?.dataset) ?? datasets[0];
    const b = newBlock(addType, newBlockId(blocks, addType), ds, lang);
    setBlocks([...blocks, b]);
    setSelected(blocks.length);
    setAnnounce(t('grid.added', { type: t(`type.${addType}`) }));
  };
  const deleteBlock = (i: number) => {
    const name = blockName(blocks[i]);
    setBlocks(blocks.filter((_, j) => j !== i));
    setSelected(-1);
    setAnnounce(t('block.deleted', { name }));
  };

  const download = async () => {
    try {
      const body = await exportPage(page.uid);
      const file = `page-${page.slug}.json`;
      const url = URL.createObjectURL(new Blob([JSON.stringify(body, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url; a.download = file;
      document.body.appendChild(a); a.click(); a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 1000);
      setMessage(t('transfer.exported', { file }));
    } catch (e) { failed(e); }
  };

  const where = (path: string) => {
    const p = placeOf(path);
    if (p.area === 'block') return t('problems.block', { n: p.index + 1, name: blocks[p.index] ? blockName(blocks[p.index]) : '?' });
    if (p.area === 'filter') return t('problems.filter', { n: p.index + 1 });
    return t('problems.page');
  };
  const name = draft.content.title || page.slug;
  const sel = selected >= 0 && selected < blocks.length ? selected : -1;
  return (
    <section aria-labelledby="page-edit-title" className="page-editor">
      <p><Link href="/admin/pages">{t('edit.back')}</Link></p>
      <h1 id="page-edit-title">{t('edit.title', { name })}</h1>
      <div className="editor-bar button-row">
        <button type="button" onClick={() => void save()} disabled={busy}>{busy ? t('edit.saving') : t('edit.save')}</button>
        <a href={previewHref(page.slug)} target="_blank" rel="noopener" className="download">{t('edit.preview')}<span className="visually-hidden"> {t('edit.previewHelp')}</span></a>
        <button type="button" onClick={() => void download()}>{t('transfer.export')}</button>
        {dirty && <span className="badge badge-warn">{t('edit.unsaved')}</span>}
        <span className="badge">{t(`status.${page.status}`)}</span>
      </div>
      <Outcome message={message} error={error} />
      <p className="visually-hidden" aria-live="polite" aria-atomic="true">{announce}</p>

      {problems.length > 0 && (
        <section aria-labelledby="problems-title" className="problems">
          <h2 id="problems-title">{t('problems.title')}</h2>
          <p>{t('problems.intro')}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i}><strong>{where(p.path)}</strong>: {p.message}{' '}
                <button type="button" aria-label={t('problems.fixOf', { where: where(p.path) })} onClick={() => fix(p.path)}>{t('problems.fix')}</button></li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="page-settings-title" id="page-settings" className="admin-form">
        <h2 id="page-settings-title">{t('edit.settings')}</h2>
        <Row id="page-title" label={t('edit.pageTitle')} error={errors.page.title}>
          {(p) => <input {...p} value={draft.content.title} onChange={(e) => setContent({ title: e.target.value })} />}
        </Row>
        <Row id="page-description" label={t('edit.description')} error={errors.page.description}>
          {(p) => <textarea {...p} value={draft.content.description} onChange={(e) => setContent({ description: e.target.value })} />}
        </Row>
        <Row id="page-slug" label={t('edit.slug')} error={errors.page.slug} help={t('new.slugHelp', { slug: draft.slug })}>
          {(p) => <input {...p} value={draft.slug} onChange={(e) => setDraft((d) => ({ ...d, slug: e.target.value }))} />}
        </Row>
        {Object.entries(errors.page).filter(([k]) => !['title', 'description', 'slug'].includes(k)).map(([k, m]) => <p key={k} className="field-error">{k}: {m}</p>)}
      </section>

      <FilterBarEditor preferred={blocks.find((b) => b.dataset)?.dataset ?? blocks.find((b) => b.layers?.length)?.layers?.[0].dataset} filters={draft.content.filters} datasets={datasets} errors={errors.filters} onChange={(filters) => setContent({ filters })} />

      <section aria-labelledby="grid-title">
        <h2 id="grid-title">{t('grid.title')}</h2>
        <p className="small muted" id="grid-help">{t('grid.help')}</p>
        <div className="inline-form">
          <label htmlFor="add-type">{t('grid.addType')}</label>
          <select id="add-type" value={addType} onChange={(e) => setAddType(e.target.value as BlockType)}>
            {BLOCK_TYPES.map((x) => <option key={x} value={x}>{t(`type.${x}`)}</option>)}
          </select>
          <button type="button" onClick={addBlock}>{t('grid.add')}</button>
        </div>
        <BlockGrid blocks={blocks} selected={sel} describedBy="grid-help" invalid={(i) => !!errors.blocks[i]} onSelect={setSelected}
          onChange={(next, s, say) => { setBlocks(next); setSelected(s); if (say) setAnnounce(say); }} />
        {sel < 0 && <p className="muted">{t('block.none')}</p>}
        {sel >= 0 && (
          <BlockForm key={blocks[sel].id} block={blocks[sel]} index={sel} datasets={datasets} errors={errors.blocks[sel]}
            onChange={(b) => setBlocks(blocks.map((x, i) => (i === sel ? b : x)))} onDelete={() => deleteBlock(sel)} />
        )}
      </section>

      <PageManage page={page} manager={manager} dirty={dirty} run={run} ask={setAsking} onDeleted={async () => {
        try { await deletePage(page.uid); setBaseline(JSON.stringify(draft)); navigate('/admin/pages'); } catch (e) { failed(e); }
      }} />
      <PageVersions versions={versions.data} ask={setAsking} onRestore={(n) => void (async () => {
        try { adopt(await restoreVersion(page.uid, n)); setMessage(t('versions.restored', { n })); } catch (e) { failed(e); }
      })()} />

      <ConfirmDialog
        open={asking !== null || guard.pending !== null}
        title={asking ? asking.title : t('leave.title')}
        body={asking ? asking.body : t('leave.body')}
        confirm={asking ? asking.confirm : t('leave.confirm')}
        onCancel={() => { setAsking(null); guard.stay(); }}
        onConfirm={() => { if (asking) { const a = asking; setAsking(null); a.run(); } else guard.leave(); }}
      />
    </section>
  );
}
