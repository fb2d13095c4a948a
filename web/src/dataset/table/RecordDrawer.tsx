// A record's detail in a modal drawer (native <dialog>: focus trap and Escape for free).
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import type { ApiField, ApiRecord } from '../../api/types.ts';
import { formatValue } from '../../format/format.ts';

interface Props { record: ApiRecord | null; index: number; fields: ApiField[]; onClose: () => void }

export function RecordDrawer({ record, index, fields, onClose }: Props) {
  const { t, lang } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (record && !d.open) d.showModal();
    if (!record && d.open) d.close();
  }, [record]);
  return (
    <dialog ref={ref} className="drawer" aria-labelledby="drawer-title" onClose={onClose}>
      <div className="drawer-head">
        <h2 id="drawer-title">{t('table.detail', { n: index + 1 })}</h2>
        <button type="button" onClick={onClose} className="icon-button" aria-label={t('common.close')}>×</button>
      </div>
      {record && (
        <dl className="record-fields">
          {fields.map((f) => {
            const v = record[f.name];
            const text = f.type === 'geo_shape' || f.type === 'json_blob'
              ? (v === null || v === undefined ? '' : JSON.stringify(v))
              : formatValue(lang, v, f.type, f.name);
            return (
              <div key={f.name}>
                <dt>{f.label || f.name}</dt>
                <dd className={f.type === 'geo_shape' || f.type === 'json_blob' ? 'mono small' : undefined}>{text || <span className="muted">{t('common.empty')}</span>}</dd>
              </div>
            );
          })}
        </dl>
      )}
    </dialog>
  );
}
