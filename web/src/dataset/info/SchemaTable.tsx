// The schema: each field's name, label, type, description, share of empty values and
// min/max or top values.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { useDataset } from '../context.tsx';
import { formatPercent, formatValue } from '../../format/format.ts';
import { loadProfile, type FieldProfile, type Profile } from './profile.ts';
import type { ApiField } from '../../api/types.ts';
import type { MessageKey } from '../../i18n/en.ts';

function Values({ f, p }: { f: ApiField; p: FieldProfile | undefined }) {
  const { t, lang, n } = useI18n();
  if (!p) return null;
  if (p.top?.length) {
    return (
      <ul className="top-values">
        {p.top.map((v, i) => (
          <li key={i}>{v.value === null || v.value === undefined ? t('common.empty') : formatValue(lang, v.value, f.type, f.name)} <span className="muted">({n(v.count)})</span></li>
        ))}
      </ul>
    );
  }
  if (p.min !== undefined && p.min !== null) {
    return <>{t('info.field.range', { min: formatValue(lang, p.min, f.type, f.name), max: formatValue(lang, p.max, f.type, f.name) })}</>;
  }
  return null;
}

export function SchemaTable() {
  const { t, lang } = useI18n();
  const { ds } = useDataset();
  const [profile, setProfile] = useState<Profile | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    loadProfile(ds, ctrl.signal).then(setProfile, () => setProfile(new Map()));
    return () => ctrl.abort();
  }, [ds]);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="schema-caption">
      <table className="data-table schema">
        <caption id="schema-caption">{t('info.schemaCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('info.field.label')}</th>
            <th scope="col">{t('info.field.name')}</th>
            <th scope="col">{t('info.field.type')}</th>
            <th scope="col">{t('info.field.description')}</th>
            <th scope="col" className="num">{t('info.field.empty')}</th>
            <th scope="col">{t('info.field.values')}</th>
          </tr>
        </thead>
        <tbody aria-busy={!profile}>
          {ds.fields.map((f) => {
            const p = profile?.get(f.name);
            return (
              <tr key={f.name}>
                <th scope="row">{f.label || f.name}</th>
                <td className="mono">{f.name}</td>
                <td>{t(`type.${f.type}` as MessageKey)}</td>
                <td>{f.description ?? ''}</td>
                <td className="num">{!profile ? '…' : p?.empty !== undefined ? formatPercent(lang, p.empty) : '–'}</td>
                <td>{!profile ? '…' : <Values f={f} p={p} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
