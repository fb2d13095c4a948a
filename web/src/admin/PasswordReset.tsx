// Forgotten password pages (no sign-in needed): /admin/forgot-password asks for a reset link by
// username or e-mail; /admin/reset-password?token=… (the e-mailed link) sets a new password, typed twice.
import { useEffect, useState, type FormEvent } from 'react';
import { confirmPasswordReset, requestPasswordReset } from './api.ts';
import { AdminError } from './session.ts';
import { useAdminI18n } from './messages.ts';
import { Link } from '../components/Link.tsx';

/** The server's minimum (src/governance/passwords.ts), checked here first for a quicker answer. */
const MIN_PASSWORD_LENGTH = 8;

function useTitle(title: string): void {
  useEffect(() => { document.title = title; }, [title]);
}

export function ForgotPasswordPage() {
  const { t, lang } = useAdminI18n();
  useTitle(t('forgot.title'));
  const [who, setWho] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState<{ who: string; delivery: 'email' | 'administrator' } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await requestPasswordReset(who.trim(), lang);
      setSent({ who: who.trim(), delivery: answer.delivery });
    } catch (err) {
      const m = err instanceof Error ? err.message : String(err);
      setError(err instanceof AdminError && err.status === 429 ? t('forgot.throttled', { message: m }) : t('forgot.failed', { message: m }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="page narrow">
      <h1>{t('forgot.title')}</h1>
      {sent ? (
        <p role="status" className="admin-status">{t(sent.delivery === 'email' ? 'forgot.sent' : 'forgot.sentAdmin', { who: sent.who })}</p>
      ) : (
        <form className="signin-form" onSubmit={submit} aria-describedby={error ? 'forgot-error' : 'forgot-help'}>
          <p id="forgot-help">{t('forgot.help')}</p>
          <div className="field">
            <label htmlFor="forgot-who">{t('forgot.who')}</label>
            <input id="forgot-who" name="username" autoComplete="username" required value={who} onChange={(e) => setWho(e.target.value)} />
          </div>
          {error && <p id="forgot-error" role="alert" className="state state-error">{error}</p>}
          <button type="submit" className="primary" disabled={busy}>{busy ? t('forgot.busy') : t('forgot.submit')}</button>
        </form>
      )}
      <p><Link href="/signin">{t('forgot.back')}</Link></p>
    </div>
  );
}

type ResetError = { field: 'password' | 'confirm' | null; text: string; expired?: boolean };

export function ResetPasswordPage() {
  const { t } = useAdminI18n();
  useTitle(t('reset.title'));
  // Read once, then dropped from the address bar (history, screen shares, copied links).
  const [token] = useState(() => new URLSearchParams(window.location.search).get('token') ?? '');
  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    if (!q.has('token')) return;
    q.delete('token');
    const rest = q.toString();
    window.history.replaceState(window.history.state, '', window.location.pathname + (rest ? `?${rest}` : ''));
  }, []);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<ResetError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password.length < MIN_PASSWORD_LENGTH) { setError({ field: 'password', text: t('reset.short', { min: MIN_PASSWORD_LENGTH }) }); return; }
    if (password !== confirm) { setError({ field: 'confirm', text: t('reset.mismatch') }); return; }
    setBusy(true);
    setError(null);
    try {
      await confirmPasswordReset(token, password);
      setDone(true);
    } catch (err) {
      const m = err instanceof Error ? err.message : String(err);
      if (/invalid or expired/i.test(m)) setError({ field: null, text: t('reset.expired'), expired: true });
      else if (/too short/i.test(m)) setError({ field: 'password', text: t('reset.short', { min: MIN_PASSWORD_LENGTH }) });
      else setError({ field: null, text: t('reset.failed', { message: m }) });
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <div className="page narrow">
        <h1>{t('reset.title')}</h1>
        <p role="alert" className="state state-error">{t('reset.noToken')}</p>
        <p><Link href="/admin/forgot-password">{t('reset.again')}</Link></p>
      </div>
    );
  }
  if (done) {
    return (
      <div className="page narrow">
        <h1>{t('reset.title')}</h1>
        <p role="status" className="admin-status">{t('reset.done')}</p>
        <p><Link href="/signin">{t('reset.signin')}</Link></p>
      </div>
    );
  }
  const describe = (field: 'password' | 'confirm') => [field === 'password' ? 'reset-help' : '', error?.field === field ? 'reset-error' : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className="page narrow">
      <h1>{t('reset.title')}</h1>
      <form className="signin-form" onSubmit={submit} noValidate>
        <p id="reset-help">{t('reset.help', { min: MIN_PASSWORD_LENGTH })}</p>
        <div className="field">
          <label htmlFor="reset-password">{t('reset.password')}</label>
          <input id="reset-password" name="new-password" type="password" autoComplete="new-password" required minLength={MIN_PASSWORD_LENGTH}
            aria-invalid={error?.field === 'password' || undefined} aria-describedby={describe('password')} value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="reset-confirm">{t('reset.confirm')}</label>
          <input id="reset-confirm" name="confirm-password" type="password" autoComplete="new-password" required
            aria-invalid={error?.field === 'confirm' || undefined} aria-describedby={describe('confirm')} value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        </div>
        {error && (
          <div id="reset-error" role="alert" className="state state-error">
            <p>{error.text}</p>
            {error.expired && <p><Link href="/admin/forgot-password">{t('reset.again')}</Link></p>}
          </div>
        )}
        <button type="submit" className="primary" disabled={busy}>{busy ? t('reset.busy') : t('reset.submit')}</button>
      </form>
    </div>
  );
}
