// /admin/pages/new: a new page from a template (city dashboard, one-dataset story, blank) over a
// dataset of the catalog, with a title and a slug made from it (editable). Creates it through the
// Automation API (POST pages/) and opens the editor; refusals show next to their field.
import { useState } from 'react';
import { catalogDatasets, createPage } from './pages-api.ts';
import { usePagesI18n } from './messages.ts';
import { fromTemplate, TEMPLATES, type TemplateName } from './templates.ts';
import { slugify } from './slug.ts';
import { detailItems, placeErrors, type PlacedErrors } from './errors.ts';
import { DatasetSelect, Row } from './fields.tsx';
import { FormError, useLoad } from '../ui.tsx';
import { AdminError } from '../session.ts';
import { navigate } from '../../app/router.ts';

export function PageCreatePage() {
  const { t, lang } = usePagesI18n();
  const datasets = useLoad(catalogDatasets, []);
  const [template, setTemplate] = useState<TemplateName>('dashboard');
  const [dataset, setDataset] = useState('');
  const [title, setTitle] = useState('');
  const [slug, setSlug] = useState('');
  const [slugEdited, setSlugEdited] = useState(false);
  const [errors, setErrors] = useState<PlacedErrors | null>(null);
  const [failure, setFailure] = useState<AdminError | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setFailure(null);
    const ds = datasets.data?.find((d) => d.dataset_id === dataset);
    if (template !== 'blank' && !ds) { setErrors({ page: { dataset: t('new.needDataset') }, blocks: {}, filters: {} }); return; }
    setBusy(true);
    try {
      const p = await createPage(slug, fromTemplate(template, title, ds, lang));
      navigate(`/admin/pages/${encodeURIComponent(p.uid)}`);
    } catch (e) {
      const err = e instanceof AdminError ? e : new AdminError(String(e), 0);
      if (err.detail) setErrors(placeErrors(detailItems(err.detail))); else setFailure(err);
    } finally { setBusy(false); }
  };
  const err = errors?.page ?? {};
  return (
    <section aria-labelledby="page-new-title">
      <h1 id="page-new-title">{t('new.title')}</h1>
      <form className="admin-form" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <fieldset>
          <legend>{t('new.template')}</legend>
          {TEMPLATES.map((name) => (
            <div key={name} className="template-choice">
              <label className="check">
                <input type="radio" name="template" value={name} checked={template === name} onChange={() => setTemplate(name)} aria-describedby={`tpl-${name}-help`} />
                {t(`new.${name}`)}
              </label>
              <p id={`tpl-${name}-help`} className="small muted">{t(`new.${name}Help`)}</p>
            </div>
          ))}
        </fieldset>
        {template !== 'blank' && (
          <Row id="new-dataset" label={t('new.dataset')} error={err.dataset}>
            {(p) => <DatasetSelect p={p} value={dataset} datasets={datasets.data ?? []} onChange={setDataset} />}
          </Row>
        )}
        <Row id="new-title" label={t('new.pageTitle')} error={err.title}>
          {(p) => <input {...p} value={title} required onChange={(e) => { setTitle(e.target.value); if (!slugEdited) setSlug(slugify(e.target.value)); }} />}
        </Row>
        <Row id="new-slug" label={t('new.slug')} error={err.slug} help={t('new.slugHelp', { slug: slug || '…' })}>
          {(p) => <input {...p} value={slug} required onChange={(e) => { setSlug(e.target.value); setSlugEdited(true); }} />}
        </Row>
        {Object.entries(err).filter(([k]) => !['dataset', 'title', 'slug'].includes(k)).map(([k, m]) => <p key={k} role="alert" className="field-error">{k}: {m}</p>)}
        <FormError error={datasets.error ?? failure} />
        <p><button type="submit" disabled={busy}>{t('new.create')}</button></p>
      </form>
    </section>
  );
}
