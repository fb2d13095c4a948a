// The form of one processor, made from its parameter schema (GET /processors/): a select for enums,
// a checkbox for booleans, a number input, or a text input (field names offered from the dataset's
// fields); list parameters take comma-separated values. Reports every change so the preview follows.
import { useState, type FormEvent } from 'react';
import type { Draft, ProcessorDef } from './processors-api.ts';
import { useProcessorsI18n } from './processors-messages.ts';

const LISTS = ['fields', 'new_fields', 'list'];

/** A form value as the API takes it (empty → left out; lists stay comma-separated text). */
function valueOf(kind: string, v: unknown): unknown {
  if (v === '' || v === undefined) return undefined;
  if (kind === 'number') return Number(v);
  return v;
}

export function ProcessorForm({ def, initial, fields, idPrefix, onChange, onSubmit, submitLabel, busy }: {
  def: ProcessorDef; initial: Draft; fields: string[]; idPrefix: string; busy: boolean; submitLabel: string;
  onChange: (d: Draft) => void; onSubmit: (d: Draft) => void;
}) {
  const { t } = useProcessorsI18n();
  const [draft, setDraft] = useState<Draft>(initial);
  const set = (name: string, kind: string, v: unknown) => {
    const next = { ...draft, [name]: valueOf(kind, v) } as Draft;
    if (next[name] === undefined) delete next[name];
    setDraft(next);
    onChange(next);
  };
  const submit = (e: FormEvent) => { e.preventDefault(); onSubmit(draft); };
  const id = (n: string) => `${idPrefix}-${n}`;
  const shown = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v));
  return (
    <form className="admin-form processor-form" onSubmit={submit} aria-label={def.label}>
      <p className="help">{def.description}</p>
      <datalist id={id('fields')}>{fields.map((f) => <option key={f} value={f} />)}</datalist>
      <div className="field"><label htmlFor={id('label')}>{t('pr.label')}</label>
        <input id={id('label')} value={String(draft.label ?? '')} onChange={(e) => set('label', 'string', e.target.value)} /></div>
      {def.parameters.map((p) => (
        <div className="field" key={p.name}>
          {p.kind === 'boolean' ? (
            <label><input type="checkbox" checked={Boolean(draft[p.name] ?? p.default)} onChange={(e) => set(p.name, 'boolean', e.target.checked)} /> {p.label}</label>
          ) : (
            <>
              <label htmlFor={id(p.name)}>{p.label}{p.required ? ' *' : ''}</label>
              {p.kind === 'enum' ? (
                <select id={id(p.name)} value={shown(draft[p.name] ?? p.default)} onChange={(e) => set(p.name, 'enum', e.target.value)}>
                  {p.options!.map((o) => <option key={o} value={o}>{o}</option>)}
                </select>
              ) : (
                <input id={id(p.name)} type={p.kind === 'number' ? 'number' : 'text'} step="any" required={p.required} value={shown(draft[p.name])}
                  placeholder={p.default === undefined || p.default === null ? '' : String(p.default)}
                  list={p.kind === 'field' || LISTS.includes(p.kind) ? id('fields') : undefined}
                  className={p.kind === 'condition' || p.kind === 'expression' ? 'mono' : undefined}
                  aria-describedby={p.help ? id(`${p.name}-help`) : undefined} onChange={(e) => set(p.name, p.kind, e.target.value)} />
              )}
              {p.help && <p id={id(`${p.name}-help`)} className="help">{p.help}</p>}
            </>
          )}
        </div>
      ))}
      <div className="field"><label><input type="checkbox" checked={draft.skip_on_error === true} onChange={(e) => set('skip_on_error', 'boolean', e.target.checked)} /> {t('pr.skip')}</label></div>
      <button type="submit" className="primary" disabled={busy}>{submitLabel}</button>
    </form>
  );
}
