// A list of values edited as tags: type then Enter (or a comma) to add, × to remove, Backspace in
// the empty box removes the last one. Used for keywords (the ODS keyword list) and free themes.
import { useState, type KeyboardEvent } from 'react';
import { useEditorI18n } from './editor-messages.ts';

export function TagInput({ id, values, onChange, placeholder, splitOnComma = true, describedBy }: {
  id: string; values: string[]; onChange: (next: string[]) => void; placeholder: string; splitOnComma?: boolean; describedBy?: string;
}) {
  const { t } = useEditorI18n();
  const [draft, setDraft] = useState('');
  const add = (text: string) => {
    const parts = (splitOnComma ? text.split(',') : [text]).map((x) => x.trim()).filter(Boolean);
    const next = [...values];
    for (const p of parts) if (!next.includes(p)) next.push(p);
    if (next.length !== values.length) onChange(next);
    setDraft('');
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || (splitOnComma && e.key === ',')) {
      e.preventDefault();
      add(draft);
    } else if (e.key === 'Backspace' && draft === '' && values.length) {
      onChange(values.slice(0, -1));
    }
  };
  return (
    <div className="tag-input">
      <ul className="tags" aria-live="polite">
        {values.map((v) => (
          <li key={v} className="tag">
            <span>{v}</span>
            <button type="button" className="tag-remove" aria-label={t('tags.remove', { tag: v })} onClick={() => onChange(values.filter((x) => x !== v))}>×</button>
          </li>
        ))}
      </ul>
      <input id={id} value={draft} placeholder={placeholder} aria-describedby={describedBy} onKeyDown={onKey}
        onChange={(e) => { if (splitOnComma && e.target.value.includes(',')) add(e.target.value); else setDraft(e.target.value); }}
        onBlur={() => { if (draft.trim()) add(draft); }} />
    </div>
  );
}
