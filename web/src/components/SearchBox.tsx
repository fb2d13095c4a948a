// A search input with suggestions as you type (ARIA 1.2 combobox with a listbox popup).
// It knows nothing about datasets: the caller provides suggest() and what picking means.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';

export interface Suggestion { id: string; label: string; detail?: string }

interface Props {
  label: string;
  value: string;
  placeholder?: string;
  submitLabel: string;
  suggestionsLabel: string;
  suggest?: (q: string, signal: AbortSignal) => Promise<Suggestion[]>;
  onSubmit: (q: string) => void;
  onPick?: (s: Suggestion) => void;
}

export function SearchBox({ label, value, placeholder, submitLabel, suggestionsLabel, suggest, onSubmit, onPick }: Props) {
  const id = useId();
  const [text, setText] = useState(value);
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const typed = useRef(false);

  useEffect(() => { setText(value); }, [value]);

  useEffect(() => {
    if (!suggest || !typed.current || text.trim().length < 2) { setItems([]); return; }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      suggest(text, ctrl.signal).then((r) => { if (!ctrl.signal.aborted) { setItems(r); setActive(-1); setOpen(r.length > 0); } }, () => {});
    }, 150);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [text, suggest]);

  const pick = (s: Suggestion) => { setOpen(false); typed.current = false; onPick?.(s); };
  const submit = (e: FormEvent) => { e.preventDefault(); setOpen(false); typed.current = false; onSubmit(text.trim()); };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length) { e.preventDefault(); setOpen(true); setActive((a) => (a + 1) % items.length); }
    else if (e.key === 'ArrowUp' && items.length) { e.preventDefault(); setOpen(true); setActive((a) => (a <= 0 ? items.length - 1 : a - 1)); }
    else if (e.key === 'Escape') { setOpen(false); setActive(-1); }
    else if (e.key === 'Enter' && open && active >= 0) { e.preventDefault(); pick(items[active]); }
  };
  const listId = `${id}-list`;
  const showList = open && items.length > 0;

  return (
    <form role="search" className="search-box" onSubmit={submit}>
      <label htmlFor={`${id}-q`}>{label}</label>
      <div className="search-row">
        <div className="combo">
          <input
            id={`${id}-q`} type="search" value={text} placeholder={placeholder} autoComplete="off"
            role="combobox" aria-autocomplete="list" aria-expanded={showList} aria-controls={listId}
            aria-activedescendant={showList && active >= 0 ? `${id}-opt-${active}` : undefined}
            onChange={(e) => { typed.current = true; setText(e.target.value); }}
            onKeyDown={onKey}
            onBlur={() => setTimeout(() => setOpen(false), 150)}
          />
          <ul id={listId} role="listbox" aria-label={suggestionsLabel} className="suggestions" hidden={!showList}>
            {items.map((s, i) => (
              <li key={s.id} id={`${id}-opt-${i}`} role="option" aria-selected={i === active}
                className={i === active ? 'active' : undefined}
                onMouseDown={(e) => { e.preventDefault(); pick(s); }}>
                <span>{s.label}</span>{s.detail && <small>{s.detail}</small>}
              </li>
            ))}
          </ul>
        </div>
        <button type="submit" className="primary">{submitLabel}</button>
      </div>
    </form>
  );
}
