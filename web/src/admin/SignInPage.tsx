// Sign-in form (POST /api/auth/login): errors, including throttling after failed attempts, are
// announced; on success the reader goes on to ?next= (a path of this portal) or the back office. A
// link leads to the forgotten-password page (PasswordReset.tsx).
import { useState, type FormEvent } from 'react';
import { signIn, useSession, AdminError } from './session.ts';
import { useAdminI18n } from './messages.ts';
import { navigate } from '../app/router.ts';
import { Link } from '../components/Link.tsx';

function nextPath(): string {
  const next = new URLSearchParams(window.location.search).get('next');
  // Only a path of this portal: never //other.site or a scheme.
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/signin') ? next : '/admin';
}

export function SignInPage({ message }: { message?: string }) {
  const { t } = useAdminI18n();
  const session = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username, password);
      // Inside the back office (message shown) the page itself re-renders signed in.
      if (window.location.pathname === '/signin') navigate(nextPath());
    } catch (err) {
      const m = err instanceof Error ? err.message : String(err);
      setError(err instanceof AdminError && err.status === 429 ? t('signin.throttled', { message: m }) : t('signin.failed', { message: m }));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };
  if (session.status === 'signed-in' && window.location.pathname === '/signin') {
    return (
      <div className="page narrow">
        <h1>{t('signin.title')}</h1>
        <p>{t('signin.already', { name: session.username })} <Link href="/admin">{t('nav.label')}</Link></p>
      </div>
    );
  }
  return (
    <div className="page narrow">
      <h1>{t('signin.title')}</h1>
      {message && <p>{message}</p>}
      <form className="signin-form" onSubmit={submit} aria-describedby={error ? 'signin-error' : undefined}>
        <div className="field">
          <label htmlFor="signin-username">{t('signin.username')}</label>
          <input id="signin-username" name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="signin-password">{t('signin.password')}</label>
          <input id="signin-password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {error && <p id="signin-error" role="alert" className="state state-error">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('signin.busy') : t('signin.submit')}</button>
      </form>
      <p><Link href="/admin/forgot-password">{t('signin.forgot')}</Link></p>
    </div>
  );
}
