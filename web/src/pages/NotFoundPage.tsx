// The page for unknown paths.
import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../components/Link.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div className="page narrow">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p><Link href="/datasets">{t('app.datasets')}</Link></p>
    </div>
  );
}
