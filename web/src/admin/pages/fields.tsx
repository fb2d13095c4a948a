// Form rows of the page editor: a labelled control with its help and the server's error next to it
// (aria-invalid, aria-describedby), and pickers of a dataset or of a field filtered by type.
import type { ReactNode } from 'react';
import type { CatalogDataset, CatalogField } from './model.ts';
import { usePagesI18n } from './messages.ts';

export interface ControlProps { id: string; 'aria-invalid'?: true; 'aria-describedby'?: string }

export function Row({ id, label, error, help, children }: { id: string; label: string; error?: string; help?: string; children: (p: ControlProps) => ReactNode }) {
  const described = [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': true } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {help && <p id={`${id}-help`} className="small muted">{help}</p>}
      {error && <p id={`${id}-error`} className="field-error">{error}</p>}
    </div>
  );
}

export function DatasetSelect({ p, value, datasets, onChange }: { p: ControlProps; value: string; datasets: CatalogDataset[]; onChange: (id: string) => void }) {
  const { t } = usePagesI18n();
  const known = datasets.some((d) => d.dataset_id === value);
  return (
    <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('block.pickDataset')}</option>
      {!known && value && <option value={value}>{value}</option>}
      {datasets.map((d) => <option key={d.dataset_id} value={d.dataset_id}>{d.title} ({d.dataset_id})</option>)}
    </select>
  );
}

/** A field picker; `optional` adds a "none" choice. A value the dataset no longer has stays shown. */
export function FieldSelect({ p, value, fields, optional, onChange }: { p: ControlProps; value: string; fields: CatalogField[]; optional?: boolean; onChange: (name: string) => void }) {
  const { t } = usePagesI18n();
  const known = fields.some((f) => f.name === value);
  return (
    <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
      {(optional || !value || !known) && <option value="">{t('block.none.option')}</option>}
      {!known && value && <option value={value}>{value} (?)</option>}
      {fields.map((f) => <option key={f.name} value={f.name}>{f.label} ({f.name})</option>)}
    </select>
  );
}
