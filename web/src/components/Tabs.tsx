// ARIA tabs: a tablist with roving focus (arrows, Home, End); the caller renders the panel.
import { useRef, type KeyboardEvent } from 'react';

export interface TabDef { id: string; label: string }

interface Props { tabs: TabDef[]; selected: string; onSelect: (id: string) => void; label: string; idPrefix: string }

export const tabId = (prefix: string, id: string) => `${prefix}-tab-${id}`;
export const panelId = (prefix: string, id: string) => `${prefix}-panel-${id}`;

export function Tabs({ tabs, selected, onSelect, label, idPrefix }: Props) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % tabs.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + tabs.length) % tabs.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    e.preventDefault();
    refs.current[next]?.focus();
    onSelect(tabs[next].id);
  };
  return (
    <div role="tablist" aria-label={label} className="tablist">
      {tabs.map((tab, i) => (
        <button key={tab.id} ref={(el) => { refs.current[i] = el; }} type="button" role="tab"
          id={tabId(idPrefix, tab.id)} aria-controls={panelId(idPrefix, tab.id)}
          aria-selected={tab.id === selected} tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)} onKeyDown={(e) => onKey(e, i)}>
          {tab.label}
        </button>
      ))}
    </div>
  );
}
