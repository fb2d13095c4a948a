// The preview of a pipeline over the first 20 records: a "before" table of the records as they enter
// and an "after" table of what each became (several records, none, or the error that would fail the
// publish), the cells a processor changed marked with <mark> and a "changed" word for screen readers.
import type { Preview, Rec } from './processors-api.ts';
import { useProcessorsI18n } from './processors-messages.ts';

const cell = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

interface Row { n: number; rec: Rec | null; note?: string; changed?: string[] }

function Table({ caption, fields, rows, changed }: { caption: string; fields: Preview['fields_before']; rows: Row[]; changed: boolean }) {
  const { t } = useProcessorsI18n();
  return (
    <table className="data-table processor-preview">
      <caption>{caption}</caption>
      <thead><tr><th scope="col">#</th>{fields.map((f) => <th scope="col" key={f.name}>{f.name}</th>)}</tr></thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i} className={r.rec ? undefined : 'dropped'}>
            <th scope="row">{r.n}</th>
            {r.rec ? fields.map((f) => {
              const mark = changed && r.changed?.includes(f.name);
              return <td key={f.name} className={mark ? 'changed' : undefined}>{mark ? <mark>{cell(r.rec![f.name])}<span className="visually-hidden"> ({t('pr.changed')})</span></mark> : cell(r.rec![f.name])}</td>;
            }) : <td colSpan={fields.length}>{r.note}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ProcessorPreview({ preview, caption }: { preview: Preview; caption: string }) {
  const { t } = useProcessorsI18n();
  if (preview.records.length === 0) return <p className="muted">{t('pr.noSample')}</p>;
  const after = preview.records.flatMap((r): Row[] => {
    if (r.error) return [{ n: r.index, rec: null, note: t('pr.previewError', { message: r.error }) }];
    if (r.after.length === 0) return [{ n: r.index, rec: null, note: r.skipped ? `${t('pr.dropped')}: ${r.skipped}` : t('pr.dropped') }];
    return r.after.map((rec) => ({ n: r.index, rec, changed: r.changed }));
  });
  return (
    <div className="processor-previews" aria-label={caption} role="group">
      <div className="table-scroll"><Table caption={`${caption} — ${t('pr.before')}`} fields={preview.fields_before} rows={preview.records.map((r) => ({ n: r.index, rec: r.before }))} changed={false} /></div>
      <div className="table-scroll"><Table caption={`${caption} — ${t('pr.after')}`} fields={preview.fields_after} rows={after} changed /></div>
    </div>
  );
}
