// A field's annotations in the back office (facet, disjunctive, sortable, id, multivalued, hierarchical,
// unit, decimals): the controls, and saving them as Automation API `annotate` field configurations.
import { putFieldConfig, type FieldConfig } from './api.ts';
import { useAdminI18n, type AdminKey } from './messages.ts';

export const FLAG_ANNOTATIONS = ['facet', 'disjunctive', 'sortable', 'id'] as const;
export const SEPARATOR_ANNOTATIONS = ['multivalued', 'hierarchical'] as const;
const VALUE_ANNOTATIONS = ['unit', 'decimals'] as const;
const DEFAULT_SEPARATOR: Record<(typeof SEPARATOR_ANNOTATIONS)[number], string> = { multivalued: ',', hierarchical: '/' };

/** What the form edits: flags on/off, separators and values as text ('' = not set). */
export interface AnnotationState {
  flags: Record<(typeof FLAG_ANNOTATIONS)[number], boolean>;
  separators: Record<(typeof SEPARATOR_ANNOTATIONS)[number], { on: boolean; value: string }>;
  values: Record<(typeof VALUE_ANNOTATIONS)[number], string>;
}

/** The state from a field's Explore API annotations (ODS lists: a flag is `[]`, a value `[v]`). */
export function annotationState(a: Record<string, unknown[]> | undefined): AnnotationState {
  const has = (k: string) => !!a && Array.isArray(a[k]);
  const arg = (k: string) => (has(k) && a![k].length ? String(a![k][0]) : '');
  return {
    flags: { facet: has('facet'), disjunctive: has('disjunctive'), sortable: has('sortable'), id: has('id') },
    separators: {
      multivalued: { on: has('multivalued'), value: arg('multivalued') || DEFAULT_SEPARATOR.multivalued },
      hierarchical: { on: has('hierarchical'), value: arg('hierarchical') || DEFAULT_SEPARATOR.hierarchical },
    },
    values: { unit: arg('unit'), decimals: arg('decimals') },
  };
}

type AnnotateConfig = FieldConfig & { annotation?: string; args?: unknown[] };
type AnnotateBody = Omit<FieldConfig, 'uid'> & { annotation: string; args: unknown[] };

/** The annotate configurations to write so the field gets `want` (published as `had`). Flags are
 *  turned off with args [false]; unit, decimals and separators cannot be unset through the API,
 *  so clearing one that is set is refused with a message naming the field. */
export function annotationChanges(field: string, had: AnnotationState, want: AnnotationState, cannotClear: (field: string, annotation: string) => string): AnnotateBody[] {
  const out: AnnotateBody[] = [];
  const body = (annotation: string, args: unknown[]): AnnotateBody => ({ type: 'annotate', field, annotation, args });
  for (const k of FLAG_ANNOTATIONS) if (want.flags[k] !== had.flags[k]) out.push(body(k, want.flags[k] ? [] : [false]));
  for (const k of SEPARATOR_ANNOTATIONS) {
    const w = want.separators[k];
    const h = had.separators[k];
    if (!w.on) { if (h.on) throw new Error(cannotClear(field, k)); continue; }
    if (!h.on || w.value !== h.value) out.push(body(k, [w.value]));
  }
  for (const k of VALUE_ANNOTATIONS) {
    const w = want.values[k].trim();
    if (w === had.values[k]) continue;
    if (!w) throw new Error(cannotClear(field, k));
    out.push(body(k, [k === 'decimals' ? Number(w) : w]));
  }
  return out;
}

/** Writes the changes: updates the field's existing annotate configuration of that name, else creates one. */
export async function saveAnnotations(datasetUid: string, configs: FieldConfig[], changes: AnnotateBody[]): Promise<void> {
  const existing = configs as AnnotateConfig[];
  for (const c of changes) {
    const old = [...existing].reverse().find((x) => x.type === 'annotate' && x.field === c.field && x.annotation === c.annotation);
    await putFieldConfig(datasetUid, old?.uid, c);
  }
}

/** The controls for one field (ids made from the field name, so each label names its control). */
export function AnnotationControls({ field, value, onChange }: { field: string; value: AnnotationState; onChange: (v: AnnotationState) => void }) {
  const { t } = useAdminI18n();
  const id = (k: string) => `field-ann-${k}-${field}`;
  return (
    <fieldset className="annotations">
      <legend>{t('edit.ann.title')}</legend>
      <div className="checks">
        {FLAG_ANNOTATIONS.map((k) => (
          <label className="check" key={k}>
            <input type="checkbox" checked={value.flags[k]} onChange={(e) => onChange({ ...value, flags: { ...value.flags, [k]: e.target.checked } })} />
            {t(`edit.ann.${k}` as AdminKey)}
          </label>
        ))}
        {SEPARATOR_ANNOTATIONS.map((k) => (
          <label className="check" key={k}>
            <input type="checkbox" checked={value.separators[k].on}
              onChange={(e) => onChange({ ...value, separators: { ...value.separators, [k]: { ...value.separators[k], on: e.target.checked } } })} />
            {t(`edit.ann.${k}` as AdminKey)}
          </label>
        ))}
      </div>
      {SEPARATOR_ANNOTATIONS.filter((k) => value.separators[k].on).map((k) => (
        <div className="field" key={k}>
          <label htmlFor={id(k)}>{t(`edit.ann.${k}Separator` as AdminKey)}</label>
          <input id={id(k)} required maxLength={5} value={value.separators[k].value}
            onChange={(e) => onChange({ ...value, separators: { ...value.separators, [k]: { on: true, value: e.target.value } } })} />
        </div>
      ))}
      <div className="field">
        <label htmlFor={id('unit')}>{t('edit.ann.unit')}</label>
        <input id={id('unit')} value={value.values.unit} onChange={(e) => onChange({ ...value, values: { ...value.values, unit: e.target.value } })} />
      </div>
      <div className="field">
        <label htmlFor={id('decimals')}>{t('edit.ann.decimals')}</label>
        <input id={id('decimals')} type="number" min={0} max={20} step={1} value={value.values.decimals}
          onChange={(e) => onChange({ ...value, values: { ...value.values, decimals: e.target.value } })} />
      </div>
    </fieldset>
  );
}
