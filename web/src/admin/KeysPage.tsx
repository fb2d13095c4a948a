// /admin/apikeys: the signed-in user's API keys (GET/POST/DELETE /api/auth/apikeys): create one
// with scopes (the key is shown once, right after), revoke.
import { useState, type FormEvent } from 'react';
import { createKey, listKeys, revokeKey, DOMAIN_PERMISSIONS } from './api.ts';
import { useAdminI18n, type AdminKey } from './messages.ts';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';
import { Loading, Empty } from '../components/States.tsx';
import { useSession } from './session.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function KeysPage() {
  const { t, lang } = useAdminI18n();
  const common = useI18n();
  const [copied, setCopied] = useState(false);
  const session = useSession();
  const keys = useLoad(listKeys, []);
  const outcome = useOutcome();
  const [scopes, setScopes] = useState<Set<string>>(new Set());
  const [fresh, setFresh] = useState<{ id: string; key: string } | null>(null);
  const scopeNames: string[] = session.status === 'signed-in' && session.is_admin ? ['admin', ...DOMAIN_PERMISSIONS] : [...DOMAIN_PERMISSIONS];
  const label = (s: string) => s === 'admin' ? t('users.admin') : t(`perm.${s}` as AdminKey);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await outcome.run(async () => {
      const k = await createKey([...scopes]);
      setFresh({ id: k.key_id, key: k.key });
      setCopied(false);
      setScopes(new Set());
      keys.reload();
      return null;
    });
  };
  const date = (iso: string) => { const d = new Date(iso); return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(lang); };
  return (
    <div>
      <h1>{t('keys.title')}</h1>
      <p className="help">{t('keys.help')}</p>
      <Outcome message={outcome.message} error={outcome.error} />
      {fresh && (
        <div className="new-key" role="region" aria-labelledby="new-key-title">
          <h2 id="new-key-title">{t('keys.newKey')} ({fresh.id})</h2>
          <p>{t('keys.created')}</p>
          <code data-testid="new-api-key">{fresh.key}</code>
          <button type="button" onClick={() => { void navigator.clipboard?.writeText(fresh.key).then(() => setCopied(true)); }}>{copied ? common.t('common.copied') : common.t('common.copy')}</button>
        </div>
      )}
      <form className="admin-form" onSubmit={submit} aria-labelledby="key-add-title">
        <h2 id="key-add-title">{t('keys.create')}</h2>
        <fieldset>
          <legend>{t('keys.scopes')}</legend>
          <div className="checks">
            {scopeNames.map((s) => (
              <label className="check" key={s}><input type="checkbox" checked={scopes.has(s)} onChange={(e) => {
                const n = new Set(scopes); if (e.target.checked) n.add(s); else n.delete(s); setScopes(n);
              }} />{label(s)}</label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="primary">{t('keys.create')}</button>
      </form>
      <FormError error={keys.error} />
      {!keys.data && !keys.error && <Loading />}
      {keys.data && keys.data.results.length === 0 && <Empty>{t('keys.none')}</Empty>}
      {keys.data && keys.data.results.length > 0 && (
        <div className="table-scroll">
          <table className="data-table admin-table">
            <caption className="visually-hidden">{t('keys.title')}</caption>
            <thead><tr>
              <th scope="col">{t('keys.id')}</th><th scope="col">{t('keys.scopes')}</th><th scope="col">{t('keys.createdAt')}</th>
              <th scope="col">{t('keys.status')}</th><th scope="col"><span className="visually-hidden">{t('keys.revokeShort')}</span></th>
            </tr></thead>
            <tbody>
              {keys.data.results.map((k) => (
                <tr key={k.key_id}>
                  <th scope="row"><code>{k.key_id}</code></th>
                  <td>{k.scopes.length ? k.scopes.map(label).join(', ') : t('keys.readOnly')}</td>
                  <td>{date(k.created)}</td>
                  <td>{k.revoked ? t('keys.revoked') : t('keys.activeKey')}</td>
                  <td>{!k.revoked && (
                    <button type="button" className="danger" aria-label={t('keys.revoke', { id: k.key_id })}
                      onClick={() => void outcome.run(async () => { await revokeKey(k.key_id); if (fresh?.id === k.key_id) setFresh(null); keys.reload(); return t('keys.revokedMsg', { id: k.key_id }); })}>
                      {t('keys.revokeShort')}
                    </button>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
