// The DOM of a feature popup: the record's label and its fields (text only, never HTML).
import type { ApiField } from '../../api/types.ts';
import { formatValue, isGeoType } from '../../format/format.ts';

export function popupContent(props: Record<string, unknown>, fields: ApiField[], title: string, lang: string): HTMLElement {
  const root = document.createElement('div');
  root.className = 'map-popup';
  const h = document.createElement('h3');
  h.textContent = title;
  root.append(h);
  const dl = document.createElement('dl');
  for (const f of fields.filter((x) => !isGeoType(x.type)).slice(0, 14)) {
    const v = props[f.name];
    if (v === null || v === undefined || v === '') continue;
    const dt = document.createElement('dt');
    dt.textContent = f.label || f.name;
    const dd = document.createElement('dd');
    dd.textContent = typeof v === 'object' && !Array.isArray(v) ? JSON.stringify(v) : formatValue(lang, v, f.type, f.name);
    dl.append(dt, dd);
  }
  root.append(dl);
  return root;
}
