// A real <table> over server-paged records (millions too), rendering only the rows in view.
// Column headers are sort buttons with aria-sort; the row header opens the record drawer.
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ApiField, ApiRecord } from '../../api/types.ts';
import { formatValue, isNumericType } from '../../format/format.ts';
import { isSortable, type Sort } from './sort.ts';
import { geometry, topRow, type ScrollPos } from './scroll-map.ts';

export const ROW_H = 36;
const OVERSCAN = 12;

interface Props {
  title: string;
  fields: ApiField[];
  rowCount: number;
  total: number;
  sort: Sort | null;
  onSort: (field: string) => void;
  row: (i: number) => ApiRecord | Error | undefined;
  ensure: (first: number, last: number) => void;
  onOpen: (i: number) => void;
  resetKey: string;
  height: number;
}

function cellText(lang: string, f: ApiField, v: unknown): string {
  if (f.type === 'geo_shape') return v ? String((v as { type?: string; geometry?: { type?: string } }).geometry?.type ?? (v as { type?: string }).type ?? '') : '';
  if (f.type === 'json_blob') return v === null || v === undefined ? '' : JSON.stringify(v);
  return formatValue(lang, v, f.type, f.name);
}

function colWidth(f: ApiField): number {
  if (isNumericType(f.type)) return 130;
  if (f.type === 'date' || f.type === 'boolean') return 130;
  if (f.type === 'datetime') return 190;
  return 220;
}

export function VirtualTable(p: Props) {
  const { t, lang, n } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const g = geometry(p.rowCount, ROW_H, p.height);
  const [pos, setPos] = useState<ScrollPos>({ scrollTop: 0, row: 0 });
  const posRef = useRef(pos);
  posRef.current = pos;
  const frame = useRef(0);

  useEffect(() => { if (scroller.current) scroller.current.scrollTop = 0; setPos({ scrollTop: 0, row: 0 }); }, [p.resetKey]);

  const visible = Math.ceil(p.height / ROW_H);
  const first = Math.min(Math.floor(pos.row), Math.max(0, p.rowCount - 1));
  // Rows above the first shown: the overscan, fewer when a capped body has no room for them.
  const above = g.scaled ? Math.min(OVERSCAN, first, Math.floor(pos.scrollTop / ROW_H)) : Math.min(OVERSCAN, first);
  const start = first - above;
  const end = Math.min(p.rowCount, first + visible + OVERSCAN);
  const topSpace = g.scaled ? Math.max(0, pos.scrollTop - (pos.row - start) * ROW_H) : start * ROW_H;
  const bottomSpace = g.scaled ? Math.max(0, g.bodyH - topSpace - (end - start) * ROW_H) : (p.rowCount - end) * ROW_H;
  const { ensure } = p;
  // Pages are asked for once the view rests (dragging the scrollbar over millions of rows
  // must not request every page it passes).
  useEffect(() => {
    if (end <= start) return;
    const timer = setTimeout(() => ensure(start, end - 1), 60);
    return () => clearTimeout(timer);
  }, [start, end, ensure]);

  const onScroll = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const top = scroller.current?.scrollTop ?? 0;
      setPos({ scrollTop: top, row: topRow(g, posRef.current, top) });
    });
  };
  const lastVisible = Math.min(p.rowCount, first + visible);
  const caption = p.rowCount
    ? t('table.caption', { title: p.title, from: n(first + 1), to: n(lastVisible), total: n(p.total) })
    : t('table.captionEmpty', { title: p.title });
  const rows = [];
  for (let i = start; i < end; i++) {
    const r = p.row(i);
    rows.push(
      <tr key={i} aria-rowindex={i + 2} style={{ height: ROW_H }}>
        <th scope="row" className="row-head">
          <button type="button" className="row-open" aria-label={t('table.row', { n: i + 1 })} disabled={!r || r instanceof Error} onClick={() => p.onOpen(i)}>{n(i + 1)}</button>
        </th>
        {p.fields.map((f) => {
          const text = r && !(r instanceof Error) ? cellText(lang, f, r[f.name]) : '';
          return <td key={f.name} className={isNumericType(f.type) ? 'num' : undefined} title={text.length > 24 ? text : undefined}>{text}</td>;
        })}
      </tr>,
    );
  }
  return (
    <div className="table-scroll virtual" ref={scroller} onScroll={onScroll} style={{ maxHeight: p.height + ROW_H + 2 }}
      tabIndex={0} role="region" aria-labelledby="records-caption">
      <table className="data-table records" aria-rowcount={p.rowCount + 1}>
        <caption id="records-caption">{caption}</caption>
        <colgroup><col style={{ width: 72 }} />{p.fields.map((f) => <col key={f.name} style={{ width: colWidth(f) }} />)}</colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className="row-head">{t('table.rowHeader')}</th>
            {p.fields.map((f) => {
              const sorted = p.sort?.field === f.name ? p.sort.dir : null;
              const label = f.label || f.name;
              return (
                <th key={f.name} scope="col" className={isNumericType(f.type) ? 'num' : undefined}
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                  {isSortable(f) ? (
                    <button type="button" className="sort-button" onClick={() => p.onSort(f.name)}
                      title={sorted === 'asc' ? t('table.sortDesc', { label }) : t('table.sortAsc', { label })}>
                      <span>{label}</span><span aria-hidden="true" className="sort-mark">{sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}</span>
                    </button>
                  ) : label}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {topSpace > 0 && <tr aria-hidden="true" className="spacer"><td colSpan={p.fields.length + 1} style={{ height: topSpace }} /></tr>}
          {rows}
          {bottomSpace > 0 && <tr aria-hidden="true" className="spacer"><td colSpan={p.fields.length + 1} style={{ height: bottomSpace }} /></tr>}
        </tbody>
      </table>
    </div>
  );
}
