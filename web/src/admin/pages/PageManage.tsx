// Publishing and access of a page: publish / unpublish and delete for every page editor (edit_page,
// as the server allows); public or restricted, featured and the readers (users and groups) for manage_page.
// A refusal of the server (403) is said plainly; the server decides, this only hides what it refuses.
import { useEffect, useState } from 'react';
import type { AutomationPage } from './model.ts';
import { addReader, removeReader, setPagePublished, updatePage } from './pages-api.ts';
import { usePagesI18n } from './messages.ts';

export interface Ask { title: string; body: string; confirm: string; run: () => void }

export function PageManage({ page, manager, dirty, run, ask, onDeleted }: {
  page: AutomationPage; manager: boolean; dirty: boolean;
  run: (action: () => Promise<string>) => Promise<boolean>;
  ask: (a: Ask) => void; onDeleted: () => Promise<void>;
}) {
  const { t } = usePagesI18n();
  const [user, setUser] = useState('');
  const [group, setGroup] = useState('');
  const name = page.content.title || page.slug;
  // The boxes follow the click at once and go back if the server refuses.
  const [flags, setFlags] = useState({ public: page.public, featured: page.featured });
  useEffect(() => setFlags({ public: page.public, featured: page.featured }), [page.public, page.featured]);
  const toggle = (key: 'public' | 'featured', v: boolean) => {
    setFlags((f) => ({ ...f, [key]: v }));
    void run(async () => { await updatePage(page.uid, { [key]: v }); return t('manage.settingsSaved'); }).then((ok) => { if (!ok) setFlags((f) => ({ ...f, [key]: !v })); });
  };
  const readers = (kind: 'user' | 'group') => (
    <div>
      <h4>{t(kind === 'user' ? 'manage.users' : 'manage.groups')}</h4>
      {page.readers[kind === 'user' ? 'users' : 'groups'].length === 0 && <p className="muted">{t('manage.noReaders')}</p>}
      <ul className="reader-list">
        {page.readers[kind === 'user' ? 'users' : 'groups'].map((n) => (
          <li key={n}>{n} <button type="button" aria-label={t('manage.remove', { name: n })} onClick={() => void run(async () => { await removeReader(page.uid, kind, n); return t('manage.readerRemoved', { name: n }); })}>×</button></li>
        ))}
      </ul>
      <form className="inline-form" onSubmit={(e) => {
        e.preventDefault();
        const n = (kind === 'user' ? user : group).trim();
        if (!n) return;
        void run(async () => { await addReader(page.uid, kind, n); (kind === 'user' ? setUser : setGroup)(''); return t('manage.readerAdded', { name: n }); });
      }}>
        <label htmlFor={`reader-${kind}`}>{t(kind === 'user' ? 'manage.addUser' : 'manage.addGroup')}</label>
        <input id={`reader-${kind}`} value={kind === 'user' ? user : group} onChange={(e) => (kind === 'user' ? setUser : setGroup)(e.target.value)} />
        <button type="submit">{t(kind === 'user' ? 'manage.addUserButton' : 'manage.addGroupButton')}</button>
      </form>
    </div>
  );
  return (
    <section aria-labelledby="manage-title">
      <h2 id="manage-title">{t('manage.title')}</h2>
      <p>{t('edit.status', { status: t(`status.${page.status}`) })}</p>
      {dirty && <p className="small muted">{t('manage.saveFirst')}</p>}
      <div className="button-row">
        {page.status !== 'published' && (
          <button type="button" disabled={dirty} onClick={() => void run(async () => { await setPagePublished(page.uid, true); return t('manage.published'); })}>
            {page.status === 'draft' ? t('manage.publish') : t('manage.republish')}
          </button>
        )}
        {page.status !== 'draft' && (
          <button type="button" disabled={dirty} onClick={() => void run(async () => { await setPagePublished(page.uid, false); return t('manage.unpublished'); })}>{t('manage.unpublish')}</button>
        )}
      </div>
      {manager && (
        <>
          <div className="checks-column checks">
            <label><input type="checkbox" checked={flags.public} onChange={(e) => toggle('public', e.target.checked)} /> {t('manage.public')}</label>
            <label><input type="checkbox" checked={flags.featured} onChange={(e) => toggle('featured', e.target.checked)} /> {t('manage.featured')}</label>
          </div>
          {!flags.public && (
            <div className="readers">
              <h3>{t('manage.readers')}</h3>
              {readers('user')}
              {readers('group')}
            </div>
          )}
        </>
      )}
      <p>
        <button type="button" className="danger" onClick={() => ask({
          title: t('manage.deleteTitle'), body: t('manage.deleteBody', { name }), confirm: t('manage.delete'), run: () => void onDeleted(),
        })}>{t('manage.delete')}</button>
      </p>
    </section>
  );
}
