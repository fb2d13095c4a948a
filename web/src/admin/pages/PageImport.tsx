// Importing a page exported as JSON: the file is read in the browser and posted to pages/import;
// when its slug is already a page's, a confirmation replaces that page's draft (?replace=true).
// Refusals name the key at fault, as the server gives it.
import { useRef, useState } from 'react';
import { findPageBySlug, importPage } from './pages-api.ts';
import { usePagesI18n } from './messages.ts';
import { ConfirmDialog, Outcome } from '../ui.tsx';
import { AdminError } from '../session.ts';
import { detailItems } from './errors.ts';

export function PageImport({ onImported }: { onImported: () => void }) {
  const { t } = usePagesI18n();
  const input = useRef<HTMLInputElement>(null);
  const [pending, setPending] = useState<{ body: unknown; slug: string } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const explain = (e: unknown) => {
    if (e instanceof AdminError && e.detail) {
      const items = detailItems(e.detail);
      if (items.length) return t('transfer.failed', { message: items.map((i) => t('transfer.errorAt', i)).join('; ') });
    }
    return t('transfer.failed', { message: e instanceof Error ? e.message : String(e) });
  };
  const send = async (body: unknown, replace: boolean) => {
    try {
      const p = await importPage(body, replace);
      setMessage(t('transfer.imported', { name: p.content.title, slug: p.slug }));
      if (input.current) input.current.value = '';
      onImported();
    } catch (e) { setError(explain(e)); }
  };
  const start = async () => {
    setError(null); setMessage(null);
    const file = input.current?.files?.[0];
    if (!file) return;
    let body: unknown;
    try { body = JSON.parse(await file.text()); } catch (e) { setError(t('transfer.notJson', { message: (e as Error).message })); return; }
    const slug = (body as { slug?: unknown })?.slug;
    if (typeof slug === 'string' && slug && await findPageBySlug(slug).catch(() => null)) { setPending({ body, slug }); return; }
    await send(body, false);
  };

  return (
    <section aria-labelledby="page-import-title">
      <h2 id="page-import-title">{t('transfer.title')}</h2>
      <div className="admin-form">
        <label htmlFor="page-import-file">{t('transfer.import')}</label>
        <input id="page-import-file" ref={input} type="file" accept="application/json,.json" />
        <p><button type="button" onClick={() => void start()}>{t('transfer.importButton')}</button></p>
      </div>
      <Outcome message={message} error={error} />
      <ConfirmDialog
        open={pending !== null}
        title={pending ? t('transfer.replaceTitle', { slug: pending.slug }) : ''}
        body={pending ? t('transfer.replaceBody', { slug: pending.slug }) : ''}
        confirm={t('transfer.replace')}
        onCancel={() => setPending(null)}
        onConfirm={() => { const p = pending!; setPending(null); void send(p.body, true); }}
      />
    </section>
  );
}
