// "Embed" action of the Table, Map and Analyze tabs: a dialog giving, for any view of the dataset, the
// embed URL and an <iframe> snippet (each with a copy button) and a live preview at the chosen size.
import { useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useDataset } from './context.tsx';
import type { EmbedView } from '../app/routes.ts';
import { currentSearch } from '../app/router.ts';
import { EmbedDialogBody } from './EmbedDialog.tsx';
import '../styles/embed.css';

export { embedSnippet } from './embed-link.ts';

export function EmbedButton({ view }: { view: EmbedView }) {
  const { t } = useI18n();
  const { ds } = useDataset();
  const dialog = useRef<HTMLDialogElement>(null);
  // The page's query when the dialog opened (filters, sort, chart, map view); a new one at each opening.
  const [opened, setOpened] = useState<{ search: URLSearchParams; key: number } | null>(null);
  const open = () => {
    setOpened({ search: currentSearch(), key: Date.now() });
    dialog.current?.showModal();
  };
  return (
    <>
      <button type="button" onClick={open}>{t('embed.action')}</button>
      <dialog ref={dialog} className="modal embed-dialog" aria-labelledby={`embed-title-${view}`} onClose={() => setOpened(null)}>
        <div className="drawer-head">
          <h2 id={`embed-title-${view}`}>{t('embed.title')}</h2>
          <button type="button" className="icon-button" aria-label={t('common.close')} onClick={() => dialog.current?.close()}>×</button>
        </div>
        {opened && <EmbedDialogBody key={opened.key} ds={ds} initialView={view} pageSearch={opened.search} idSuffix={view} />}
      </dialog>
    </>
  );
}
