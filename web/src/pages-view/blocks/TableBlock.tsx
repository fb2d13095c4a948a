// Table block: the chosen fields of the records under the block's where and the page's filters,
// in the chosen order and number, as an HTML table (caption, column headers, aria-sort,
// locale-formatted values, numbers right-aligned), with a link to the dataset's table view.
import { useI18n } from '../../i18n/i18n.tsx';
import { useApi } from '../../api/use-api.ts';
import { recordsUrl } from '../../api/dataset.ts';
import type { RecordList } from '../../api/types.ts';
import { NO_FILTERS } from '../../state/filters.ts';
import { odsqlField } from '../../state/odsql.ts';
import { formatValue, isNumericType } from '../../format/format.ts';
import { datasetHref } from '../../app/routes.ts';
import { Link } from '../../components/Link.tsx';
import { ErrorBox } from '../../components/States.tsx';
import type { TableBlock } from '../../api/page-model.ts';
import type { BlockProps } from '../registry.ts';
import { BlockWait } from '../BlockStates.tsx';
import { usePageCtx } from '../context.ts';
import { DEFAULT_ROWS, simpleOrder, tableFields, tableViewSearch } from './block-logic.ts';

export function TableBlockView({ block, datasets, where, name }: BlockProps<TableBlock>) {
  const { t, lang } = useI18n();
  const { embedded } = usePageCtx();
  const ds = datasets[0];
  const fields = tableFields(block, ds.fields);
  const w = where(ds.dataset_id, block.where);
  const url = recordsUrl(ds.dataset_id, { ...NO_FILTERS, where: w }, [
    ['select', fields.map((f) => odsqlField(f.name)).join(', ')],
    ['order_by', block.order_by], ['limit', block.limit ?? DEFAULT_ROWS],
  ]);
  const res = useApi<RecordList>(url);
  const order = simpleOrder(block.order_by);
  const view = tableViewSearch(w, block.order_by);
  if (res.error) return <ErrorBox error={res.error} />;
  if (!res.data || res.loading) return <BlockWait />;
  const rows = res.data.results;
  return (
    <>
      <div className="table-scroll">
        <table className="data-table block-table">
          <caption className={block.title ? 'visually-hidden' : undefined}>{name}</caption>
          <thead>
            <tr>
              {fields.map((f) => (
                <th key={f.name} scope="col" className={isNumericType(f.type) ? 'num' : undefined} data-field={f.name}
                  aria-sort={order?.field === f.name ? (order.dir === 'asc' ? 'ascending' : 'descending') : undefined}>{f.label || f.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                {fields.map((f) => (
                  <td key={f.name} className={isNumericType(f.type) ? 'num' : undefined} data-field={f.name}>{formatValue(lang, r[f.name], f.type, f.name)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length === 0 && <p className="state state-empty">{t('page.table.empty')}</p>}
      <p className="block-more">
        <Link href={datasetHref(ds.dataset_id, view)} target={embedded ? '_blank' : undefined}>{t('page.table.open')}</Link>
      </p>
    </>
  );
}
