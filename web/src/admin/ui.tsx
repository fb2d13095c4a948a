// Small building blocks of the back office: a data loader hook, a confirmation dialog (native
// <dialog>: modal, focus kept inside, Escape cancels) and a polite status line for results.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useAdminI18n } from './messages.ts';
import { AdminError } from './session.ts';

export interface Loaded<T> { data: T | null; error: AdminError | null; reload: () => void }

/** Runs `load` now and on reload(); keeps the previous data while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<AdminError | null>(null);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((x) => x + 1), []);
  useEffect(() => {
    let live = true;
    load().then((d) => { if (live) { setData(d); setError(null); } }, (e: unknown) => {
      if (live) setError(e instanceof AdminError ? e : new AdminError(String(e), 0));
    });
    return () => { live = false; };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  return { data, error, reload };
}

export function ConfirmDialog({ open, title, body, confirm, onConfirm, onCancel }: {
  open: boolean; title: string; body: string; confirm: string; onConfirm: () => void; onCancel: () => void;
}) {
  const { t } = useAdminI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} className="confirm-dialog" aria-labelledby="confirm-title" aria-describedby="confirm-body" onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id="confirm-title">{title}</h2>
      <p id="confirm-body">{body}</p>
      <div className="button-row">
        <button type="button" autoFocus onClick={onCancel}>{t('common.cancel')}</button>
        <button type="button" className="danger" onClick={onConfirm}>{confirm}</button>
      </div>
    </dialog>
  );
}

/** The outcome of the last action: announced politely, errors as alerts. */
export function Outcome({ message, error }: { message: string | null; error: string | null }) {
  return (
    <>
      <p role="status" className="admin-status">{message}</p>
      {error && <p role="alert" className="state state-error">{error}</p>}
    </>
  );
}

export function useOutcome(): { message: string | null; error: string | null; run: (action: () => Promise<string | null>) => Promise<boolean> } {
  const { t } = useAdminI18n();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (action: () => Promise<string | null>) => {
    setError(null);
    try {
      const m = await action();
      setMessage(m);
      return true;
    } catch (e) {
      setMessage(null);
      setError(t('common.failed', { message: e instanceof Error ? e.message : String(e) }));
      return false;
    }
  }, [t]);
  return { message, error, run };
}

export function FormError({ error }: { error: AdminError | null }): ReactNode {
  const { t } = useAdminI18n();
  if (!error) return null;
  return <p role="alert" className="state state-error">{error.status === 403 ? t('common.forbidden') : t('common.failed', { message: error.message })}</p>;
}
