// The schedule picker of a dataset's URL source: every hour (at a minute), every day or every week
// (at a time), or a custom cron text; the cron it makes is shown, the server checks it and answers
// with the next runs.
import { useState, type FormEvent } from 'react';
import { presetCron, timeText, parseTime, type Preset } from './cron-presets.ts';
import { createSchedule } from './refresh-api.ts';
import { useRefreshI18n, type RefreshKey } from './refresh-messages.ts';
import { Outcome, useOutcome } from './ui.tsx';

export function SchedulePicker({ datasetUid, onSaved }: { datasetUid: string; onSaved: () => void }) {
  const { t } = useRefreshI18n();
  const outcome = useOutcome();
  const [kind, setKind] = useState<Preset['kind']>('daily');
  const [minute, setMinute] = useState('0');
  const [time, setTime] = useState('06:00');
  const [day, setDay] = useState(1);
  const [custom, setCustom] = useState('');
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
      const s = await createSchedule(datasetUid, cron);
      onSaved();
      return t('rf.added', { next: s.next_runs[0] ? new Date(s.next_runs[0]).toLocaleString() : '—' });
    });
  };
  const kinds: Array<[Preset['kind'], RefreshKey]> = [['hourly', 'rf.hourly'], ['daily', 'rf.daily'], ['weekly', 'rf.weekly'], ['custom', 'rf.custom']];
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="rf-picker-heading">
      <h3 id="rf-picker-heading">{t('rf.picker')}</h3>
      <fieldset>
        <legend className="visually-hidden">{t('rf.picker')}</legend>
        {kinds.map(([k, label]) => (
          <label key={k} className="check"><input type="radio" name="rf-kind" checked={kind === k} onChange={() => setKind(k)} /> {t(label)}</label>
        ))}
      </fieldset>
      {kind === 'hourly' && (
        <div className="field"><label htmlFor="rf-minute">{t('rf.minute')}</label><input id="rf-minute" type="number" min={0} max={59} step={1} value={minute} onChange={(e) => setMinute(e.target.value)} /></div>
      )}
      {kind === 'weekly' && (
        <div className="field">
          <label htmlFor="rf-day">{t('rf.day')}</label>
          <select id="rf-day" value={day} onChange={(e) => setDay(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6, 0].map((d) => <option key={d} value={d}>{t(`rf.d${d}` as RefreshKey)}</option>)}
          </select>
        </div>
      )}
      {(kind === 'daily' || kind === 'weekly') && (
        <div className="field"><label htmlFor="rf-time">{t('rf.time')}</label><input id="rf-time" type="time" value={time} onChange={(e) => setTime(e.target.value || timeText(0, 0))} required /></div>
      )}
      {kind === 'custom' && (
        <div className="field">
          <label htmlFor="rf-cron">{t('rf.cron')}</label>
          <input id="rf-cron" className="mono" value={custom} required aria-describedby="rf-cron-help" onChange={(e) => setCustom(e.target.value)} placeholder="0 6 * * 1-5" />
          <p className="help" id="rf-cron-help">{t('rf.cronHelp')}</p>
        </div>
      )}
      {kind !== 'custom' && <p className="small muted">{t('rf.cronIs', { cron })}</p>}
      <button type="submit" className="primary">{t('rf.add')}</button>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}
