// "Add a layer": a pick list of the catalog's other datasets with a geographic field (the
// catalog's `features:geo` facet), read from the public catalog API when the map opens.
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { exploreUrl, getJson } from '../../api/client.ts';
import type { DatasetList } from '../../api/types.ts';

interface Props { exclude: string[]; onAdd: (id: string) => void; disabled: boolean }

export function geoDatasetsUrl(): string {
  return exploreUrl('/catalog/datasets', [['refine', 'features:geo'], ['order_by', 'title asc'], ['limit', 100]]);
}

export function LayerPicker({ exclude, onAdd, disabled }: Props) {
  const { t } = useI18n();
  const [list, setList] = useState<Array<{ id: string; title: string }>>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    getJson<DatasetList>(geoDatasetsUrl(), ctrl.signal).then(
      (body) => setList(body.results.map((d) => ({ id: d.dataset_id, title: d.metas.default.title || d.dataset_id }))),
      () => setList([]),
    );
    return () => ctrl.abort();
  }, []);
  const choices = list.filter((d) => !exclude.includes(d.id));
  if (choices.length === 0) return null;
  return (
    <label className="inline-field">
      <span>{t('map.addLayer')}</span>
      <select value="" disabled={disabled} onChange={(e) => { if (e.target.value) onAdd(e.target.value); }}>
        <option value="">{t('map.addLayerChoose')}</option>
        {choices.map((d) => <option key={d.id} value={d.id}>{d.title}</option>)}
      </select>
    </label>
  );
}
