// Previous / next page navigation with the current position.
import { useI18n } from '../i18n/i18n.tsx';

export function Pagination({ page, pages, onPage }: { page: number; pages: number; onPage: (p: number) => void }) {
  const { t } = useI18n();
  return (
    <nav className="pagination" aria-label={t('catalog.pagination')}>
      <button type="button" disabled={page <= 1} onClick={() => { onPage(page - 1); window.scrollTo(0, 0); }}>{t('common.previous')}</button>
      <span>{t('catalog.page', { page, pages })}</span>
      <button type="button" disabled={page >= pages} onClick={() => { onPage(page + 1); window.scrollTo(0, 0); }}>{t('common.next')}</button>
    </nav>
  );
}
