// The Table tab: server-paged virtual table over every record (the records API for the first
// 10,000 in the chosen order, the JSON export with offset beyond), sortable columns kept in the URL, a record drawer, an Embed action.
import { useCallback, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { useSearchParams } from '../../app/url-state.ts';
import { exportUrl, recordsUrl } from '../../api/dataset.ts';
import { apiFilterParams } from '../../state/filters.ts';
import { nextSort, orderBy, readSort, sortText } from './sort.ts';
import { PAGE, useRowPages } from './use-row-pages.ts';
import { VirtualTable } from './VirtualTable.tsx';
import { RecordDrawer } from './RecordDrawer.tsx';
import { Empty, ErrorBox, Loading } from '../../components/States.tsx';
import { EmbedButton } from '../EmbedButton.tsx';

export const WINDOW_LIMIT = 10_000;

export function TableTab({ height = 540 }: { height?: number }) {
  const { t } = useI18n();
  const { ds, filters, count, embedded, countError } = useDataset();
  const [sp, update] = useSearchParams();
  const sort = readSort(sp.get('sort'));
  const validSort = sort && ds.fields.some((f) => f.name === sort.field) ? sort : null;
  const queryKey = JSON.stringify([apiFilterParams(filters), sortText(validSort)]);
  // The records API pages through the first 10,000 records; past them the API points to its
  // exports, which take the same filters and order with a limit and an offset.
  const urlForPage = useCallback(
    (offset: number) => (offset + PAGE <= WINDOW_LIMIT
      ? recordsUrl(ds.dataset_id, filters, [['limit', PAGE], ['offset', offset || undefined], ['order_by', orderBy(validSort)]])
      : exportUrl(ds.dataset_id, 'json', filters, [['limit', PAGE], ['offset', offset], ['order_by', orderBy(validSort)]])),
    [queryKey],
  );
  const pages = useRowPages(urlForPage, queryKey, ds.dataset_id);
  const [open, setOpen] = useState<number | null>(null);
  const openRecord = open !== null ? pages.row(open) : undefined;

  const rowCount = count ?? 0;
  const title = ds.metas.default.title || ds.dataset_id;
  return (
    <div className="table-tab">
      {!embedded && (
        <div className="tab-toolbar">
          <h2 className="visually-hidden">{t('tab.table')}</h2>
          <EmbedButton view="table" />
        </div>
      )}
      {/* On the full page the filter bar already shows the API's message for a failing filter. */}
      {countError && (embedded ? <ErrorBox error={countError} /> : <Empty>{t('table.fixFilter')}</Empty>)}
      {pages.error && !countError && <ErrorBox error={pages.error} />}
      {count === undefined && !countError && <Loading />}
      {count === 0 && <Empty>{t('table.empty')}</Empty>}
      {count !== undefined && count > 0 && (
        <>
          <VirtualTable title={title} fields={ds.fields} rowCount={rowCount} total={count} sort={validSort}
            onSort={(f) => update((s) => { s.set('sort', sortText(nextSort(validSort, f))!); }, true)}
            row={pages.row} ensure={pages.ensure} onOpen={setOpen} resetKey={queryKey} height={height} />
        </>
      )}
      <RecordDrawer record={openRecord && !(openRecord instanceof Error) ? openRecord : null} index={open ?? 0}
        fields={ds.fields} onClose={() => setOpen(null)} />
    </div>
  );
}
