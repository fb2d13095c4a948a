// The schedule picker (a dataset's URL source, a harvester): every hour (at a minute), every day or
// every week (at a time), or a custom cron text, optionally in a chosen time zone; the cron it makes is
// shown, `save` sends it, the server checks it and answers with the next runs.
import { useState, type FormEvent } from 'react';
import { cronPreset, presetCron, timeText, parseTime, type Preset } from './cron-presets.ts';
import { useRefreshI18n, type RefreshKey } from './refresh-messages.ts';
import { Outcome, useOutcome } from './ui.tsx';

/** The browser's time zone, the default of a picker that asks for one. */
export const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

export interface SchedulePickerProps {
  /** Sends the cron text (and the time zone when the picker asks for one). */
  save: (cron: string, timezone: string | undefined) => Promise<{ next_runs: string[] }>;
  onSaved: () => void;
  /** The schedule shown first (a stored one being changed); daily at 06:00 otherwise. */
  initial?: string;
  /** Asks for a time zone, starting with this one. */
  timezone?: string;
  heading?: string;
  /** Prefix of the element ids, unique on the page. */
  idPrefix?: string;
}

function initialState(cron: string | undefined) {
  const p = cron ? cronPreset(cron) : { kind: 'daily', hour: 6, minute: 0 } as Preset;
  return {
    kind: p.kind, minute: p.kind === 'custom' ? '0' : String(p.minute), day: p.kind === 'weekly' ? p.day : 1,
    time: p.kind === 'daily' || p.kind === 'weekly' ? timeText(p.hour, p.minute) : '06:00', custom: p.kind === 'custom' ? p.cron : '',
  };
}

export function SchedulePicker({ save, onSaved, initial, timezone, heading, idPrefix = 'rf' }: SchedulePickerProps) {
  const { t } = useRefreshI18n();
  const outcome = useOutcome();
  const [start] = useState(() => initialState(initial));
  const [kind, setKind] = useState<Preset['kind']>(start.kind);
  const [minute, setMinute] = useState(start.minute);
  const [time, setTime] = useState(start.time);
  const [day, setDay] = useState(start.day);
  const [custom, setCustom] = useState(start.custom);
  const [zone, setZone] = useState(timezone ?? '');
  const id = (name: string) => `${idPrefix}-${name}`;
  const preset = (): Preset => {
    const { hour, minute: m } = parseTime(time);
    if (kind === 'hourly') return { kind, minute: Math.min(59, Math.max(0, Number(minute) || 0)) };
    if (kind === 'daily') return { kind, hour, minute: m };
    if (kind === 'weekly') return { kind, day, hour, minute: m };
    return { kind, cron: custom };
  };
  const cron = presetCron(preset());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void outcome.run(async () => {
      const s = await save(cron, timezone === undefined ? undefined : zone.trim());
      onSaved();
      return t('rf.added', { next: s.next_runs[0] ? new Date(s.next_runs[0]).toLocaleString() : '—' });
    });
  };
  const kinds: Array<[Preset['kind'], RefreshKey]> = [['hourly', 'rf.hourly'], ['daily', 'rf.daily'], ['weekly', 'rf.weekly'], ['custom', 'rf.custom']];
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby={id('picker-heading')}>
      <h3 id={id('picker-heading')}>{heading ?? t('rf.picker')}</h3>
      <fieldset>
        <legend className="visually-hidden">{heading ?? t('rf.picker')}</legend>
        {kinds.map(([k, label]) => (
          <label key={k} className="check"><input type="radio" name={id('kind')} checked={kind === k} onChange={() => setKind(k)} /> {t(label)}</label>
        ))}
      </fieldset>
      {kind === 'hourly' && (
        <div className="field"><label htmlFor={id('minute')}>{t('rf.minute')}</label><input id={id('minute')} type="number" min={0} max={59} step={1} value={minute} onChange={(e) => setMinute(e.target.value)} /></div>
      )}
      {kind === 'weekly' && (
        <div className="field">
          <label htmlFor={id('day')}>{t('rf.day')}</label>
          <select id={id('day')} value={day} onChange={(e) => setDay(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6, 0].map((d) => <option key={d} value={d}>{t(`rf.d${d}` as RefreshKey)}</option>)}
          </select>
        </div>
      )}
      {(kind === 'daily' || kind === 'weekly') && (
        <div className="field"><label htmlFor={id('time')}>{t('rf.time')}</label><input id={id('time')} type="time" value={time} onChange={(e) => setTime(e.target.value || timeText(0, 0))} required /></div>
      )}
      {kind === 'custom' && (
        <div className="field">
          <label htmlFor={id('cron')}>{t('rf.cron')}</label>
          <input id={id('cron')} className="mono" value={custom} required aria-describedby={id('cron-help')} onChange={(e) => setCustom(e.target.value)} placeholder="0 6 * * 1-5" />
          <p className="help" id={id('cron-help')}>{t(timezone === undefined ? 'rf.cronHelp' : 'rf.cronHelpZone')}</p>
        </div>
      )}
      {timezone !== undefined && (
        <div className="field">
          <label htmlFor={id('zone')}>{t('rf.zone')}</label>
          <input id={id('zone')} value={zone} required list={id('zones')} aria-describedby={id('zone-help')} spellCheck={false} onChange={(e) => setZone(e.target.value)} />
          <datalist id={id('zones')}>{Intl.supportedValuesOf('timeZone').map((z) => <option key={z} value={z} />)}</datalist>
          <p className="help" id={id('zone-help')}>{t('rf.zoneHelp')}</p>
        </div>
      )}
      {kind !== 'custom' && <p className="small muted">{t('rf.cronIs', { cron })}</p>}
      <button type="submit" className="primary">{t('rf.add')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}
