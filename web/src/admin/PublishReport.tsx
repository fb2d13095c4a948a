// What the back office tells a publisher around a publication (issue 10): a bad-row refusal turned into
// an offer to skip them, the "skip bad rows" option, and after publish/ its warnings and skipped lines.
import type { PublishAnswer } from './api.ts';
import { useAdminI18n } from './messages.ts';
import { AdminError } from './session.ts';

/** The server's description of the first bad row when `e` is a bad-row refusal (detail names params.skip_bad_rows). */
export function badRowsProblem(e: unknown): string | null {
  const d = e instanceof AdminError ? e.detail?.['params.skip_bad_rows'] : undefined;
  return Array.isArray(d) && typeof d[0] === 'string' ? d[0] : null;
}

export function SkipBadRowsOption({ id, checked, onChange }: { id: string; checked: boolean; onChange: (v: boolean) => void }) {
  const { t } = useAdminI18n();
  return <label className="check" htmlFor={id}><input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {t('publish.skipBadRows')}</label>;
}

export function RetrySkipping({ onRetry, disabled }: { onRetry: () => void; disabled?: boolean }) {
  const { t } = useAdminI18n();
  return <p><button type="button" className="primary" disabled={disabled} onClick={onRetry}>{t('publish.retrySkipping')}</button></p>;
}

/** publish/'s warnings and the skipped lines (line number, file, reason), as a list. */
export function PublishReport({ answer }: { answer: PublishAnswer | null }) {
  const { t, n } = useAdminI18n();
  if (!answer) return null;
  const skipped = answer.skipped_rows ?? [];
  return (
    <>
      {(answer.warnings ?? []).map((w) => <p key={`${w.file}-${w.code}`} className="state state-warning" role="status">{t('publish.warning', { message: w.message })}</p>)}
      {skipped.length > 0 && (
        <section aria-labelledby="skipped-title" className="skipped-lines">
          <h3 id="skipped-title">{t('publish.skippedTitle', { count: n(skipped.length) })}</h3>
          <ul>{skipped.map((r) => <li key={`${r.file}:${r.line}`} data-line={r.line}>{t('publish.skippedLine', { line: r.line, file: r.file, reason: r.reason })}</li>)}</ul>
        </section>
      )}
    </>
  );
}
