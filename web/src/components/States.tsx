// Designed loading, empty and error states, and a polite live region for counts.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return <p className="state state-loading" aria-busy="true"><span className="spinner" aria-hidden="true" />{label ?? t('common.loading')}</p>;
}

export function ErrorBox({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="state state-error" role="alert">
      <p><strong>{t('common.error')}</strong></p>
      <p>{t('error.api', { message: error.message })}</p>
      {onRetry && <button type="button" onClick={onRetry}>{t('common.retry')}</button>}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Announces its text politely to screen readers whenever it changes. */
export function LiveStatus({ children, className }: { children: ReactNode; className?: string }) {
  return <p role="status" aria-live="polite" className={className}>{children}</p>;
}

/** Filter panels start open beside the content, closed above it on narrow screens (one column). */
export function filtersOpenAtFirst(): boolean {
  return typeof window === 'undefined' || !window.matchMedia || window.matchMedia('(min-width: 821px)').matches;
}
