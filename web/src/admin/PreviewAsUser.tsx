// "Preview as a user" on a dataset's access rules: asks the Automation extension security/preview/
// what a given user gets from the Explore API (count, visible fields, first records) and shows it.
import { useEffect, useState, type FormEvent } from 'react';
import { listUsers, previewAsUser, type AdminDataset, type UserPreview } from './api.ts';
import { useAdminI18n } from './messages.ts';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** `known`: usernames to suggest (those with a rule); the account list is added when the caller may read it. */
export function PreviewAsUser({ dataset, known }: { dataset: AdminDataset; known: string[] }) {
  const { t } = useAdminI18n();
  const [username, setUsername] = useState('');
  const [accounts, setAccounts] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<UserPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // Listing accounts needs edit_domain; a dataset manager without it types the name.
    listUsers().then((r) => setAccounts(r.results.map((u) => u.username)), () => setAccounts([]));
  }, []);
  const suggestions = [...new Set([...known, ...accounts])].sort();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const name = username.trim();
    if (!name) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await previewAsUser(dataset.uid, name));
    } catch (err) {
      setResult(null);
      setError(t('common.failed', { message: err instanceof Error ? err.message : String(err) }));
    }
    setBusy(false);
  };

  const summary = (r: UserPreview): string => {
    if (!r.dataset_visible) return t('preview.notVisible', { name: r.username });
    if (!r.data_visible) return t('preview.dataHidden', { name: r.username });
    return t('preview.count', { name: r.username, count: r.total_count });
  };

  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="preview-title">
      <h3 id="preview-title">{t('preview.title')}</h3>
      <p className="help" id="preview-help">{t('preview.help')}</p>
      <div className="field">
        <label htmlFor="preview-username">{t('preview.username')}</label>
        <input id="preview-username" required value={username} list="preview-usernames" autoComplete="off"
          aria-describedby="preview-help" onChange={(e) => setUsername(e.target.value)} />
        <datalist id="preview-usernames">{suggestions.map((u) => <option key={u} value={u} />)}</datalist>
      </div>
      <button type="submit" disabled={busy}>{busy ? t('preview.busy') : t('preview.submit')}</button>
      <div role="status" className="admin-status preview-status">
        {result && (
          <>
            <p>{summary(result)}</p>
            {result.dataset_visible && result.data_visible && (
              <p>{t('preview.fields', { fields: result.fields.length ? result.fields.map((f) => f.name).join(', ') : t('preview.noFields') })}</p>
            )}
            {!result.is_active && <p>{t('preview.inactive')}</p>}
          </>
        )}
      </div>
      {error && <p role="alert" className="state state-error">{error}</p>}
      {result && result.results.length > 0 && (
        <div className="table-scroll">
          <table className="data-table admin-table">
            <caption>{t('preview.first', { name: result.username })}</caption>
            <thead><tr>{result.fields.map((f) => <th scope="col" key={f.name}>{f.label}</th>)}</tr></thead>
            <tbody>
              {result.results.map((r, i) => (
                <tr key={i}>{result.fields.map((f) => <td key={f.name}>{cell(r[f.name])}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </form>
  );
}
