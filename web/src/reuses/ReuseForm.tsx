// "Submit a reuse" for signed-in readers (a sign-in link otherwise): title, address, image address,
// Markdown description and the datasets used (the current one, plus others by identifier). The
// server checks everything; its refusal (which names the field) is shown as an alert.
import { useState, type FormEvent } from 'react';
import { submitReuse, type ApiReuse } from '../api/reuses.ts';
import { useSession } from '../admin/session.ts';
import { Link } from '../components/Link.tsx';
import { useI18n } from '../i18n/i18n.tsx';

export function ReuseForm({ datasetId, onSubmitted }: { datasetId: string; onSubmitted?: (r: ApiReuse) => void }) {
  const { t } = useI18n();
  const session = useSession();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (session.status === 'unknown') return null;
  if (session.status === 'anonymous') {
    const here = window.location.pathname + window.location.search;
    return <p className="reuse-signin"><Link href={`/signin?next=${encodeURIComponent(here)}`}>{t('reuses.signIn')}</Link></p>;
  }
  const id = (name: string) => `reuse-${name}`;
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const v = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement).value.trim();
    const others = v('others').split(',').map((x) => x.trim()).filter((x) => x && x !== datasetId);
    setBusy(true); setError(null); setDone(null);
    try {
      const r = await submitReuse({
        title: v('title'), url: v('url'), ...(v('image_url') ? { image_url: v('image_url') } : {}), description: v('description'),
        dataset_ids: [datasetId, ...new Set(others)],
      });
      form.reset();
      setDone(t('reuses.submitted', { title: r.title }));
      onSubmitted?.(r);
    } catch (err) {
      setError(t('reuses.refused', { message: err instanceof Error ? err.message : String(err) }));
    } finally { setBusy(false); }
  };
  return (
    <form className="reuse-form" aria-labelledby={id('form-heading')} onSubmit={(e) => { void submit(e); }}>
      <h3 id={id('form-heading')}>{t('reuses.submit')}</h3>
      <p className="muted">{t('reuses.submitHelp')}</p>
      <label className="field" htmlFor={id('title')}><span>{t('reuses.title')}</span>
        <input id={id('title')} name="title" required maxLength={200} autoComplete="off" /></label>
      <label className="field" htmlFor={id('url')}><span>{t('reuses.url')}</span>
        <input id={id('url')} name="url" type="url" required placeholder="https://" /></label>
      <label className="field" htmlFor={id('image_url')}><span>{t('reuses.image')}</span>
        <input id={id('image_url')} name="image_url" type="url" placeholder="https://" aria-describedby={id('image-help')} /></label>
      <p id={id('image-help')} className="muted">{t('reuses.imageHelp')}</p>
      <label className="field" htmlFor={id('description')}><span>{t('reuses.description')}</span>
        <textarea id={id('description')} name="description" rows={5} maxLength={10000} aria-describedby={id('description-help')} /></label>
      <p id={id('description-help')} className="muted">{t('reuses.descriptionHelp')}</p>
      <label className="field" htmlFor={id('others')}><span>{t('reuses.others')}</span>
        <input id={id('others')} name="others" autoComplete="off" aria-describedby={id('others-help')} /></label>
      <p id={id('others-help')} className="muted">{t('reuses.othersHelp', { id: datasetId })}</p>
      <button type="submit" disabled={busy}>{busy ? t('reuses.sending') : t('reuses.send')}</button>
      <p role="status" aria-live="polite" className="reuse-outcome">{done}</p>
      {error && <p role="alert" className="state state-error">{error}</p>}
    </form>
  );
}
