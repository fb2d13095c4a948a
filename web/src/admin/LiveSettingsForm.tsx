// The back office form of a live dataset's silence alert and retention (realtime_settings/), with the
// alerts active now (a silent dataset or sensor) and "apply retention now".
import { useState, type FormEvent } from 'react';
import type { AdminDataset } from './api.ts';
import { applyRetention, getLiveSettings, putLiveSettings, type LiveSettings } from './realtime-api.ts';
import { useRealtimeI18n } from './realtime-messages.ts';
import { FormError, Outcome, useLoad, useOutcome } from './ui.tsx';

const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));

function Form({ dataset, current, onSaved }: { dataset: AdminDataset; current: LiveSettings; onSaved: () => void }) {
  const { t } = useRealtimeI18n();
  const outcome = useOutcome();
  const [v, setV] = useState({
    silence: current.silence_minutes?.toString() ?? '', sensor: current.sensor_field ?? '', days: current.retention_days?.toString() ?? '',
    time: current.time_field ?? '', downsample: current.downsample_hourly,
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    await outcome.run(async () => {
      await putLiveSettings(dataset.uid, {
        silence_minutes: num(v.silence), sensor_field: v.sensor || null, retention_days: num(v.days), time_field: v.time || null, downsample_hourly: v.downsample,
      });
      onSaved();
      return t('rt.saveWatch');
    });
  };
  const apply = () => outcome.run(async () => {
    const r = await applyRetention(dataset.uid);
    return t('rt.applied', { deleted: r.records_deleted, added: r.records_added });
  });
  const select = (id: string, label: string, value: string, options: string[], set: (x: string) => void) => (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => set(e.target.value)}>
        <option value="">{t('rt.noField')}</option>
        {options.map((o) => <option key={o} value={o}>{o}</option>)}
      </select>
    </div>
  );
  return (
    <form className="admin-form" onSubmit={submit} aria-labelledby="rt-watch-heading">
      <h3 id="rt-watch-heading">{t('rt.watch')}</h3>
      <ul className="rt-alerts">
        {current.alerts.length === 0 && <li className="muted">{t('rt.alertsNone')}</li>}
        {current.alerts.map((a, i) => (
          <li key={i} className="state state-error">{a.sensor === null
            ? t('rt.alertDataset', { since: new Date(a.last_record).toLocaleString(), minutes: a.minutes })
            : t('rt.alertSensor', { sensor: a.sensor, since: new Date(a.last_record).toLocaleString(), minutes: a.minutes })}</li>
        ))}
      </ul>
      <div className="field"><label htmlFor="rt-silence">{t('rt.silence')}</label><input id="rt-silence" type="number" min={1} step={1} value={v.silence} onChange={(e) => setV({ ...v, silence: e.target.value })} /></div>
      {select('rt-sensor', t('rt.sensorField'), v.sensor, current.choices.sensor_field, (sensor) => setV({ ...v, sensor }))}
      <div className="field"><label htmlFor="rt-days">{t('rt.retention')}</label><input id="rt-days" type="number" min={1} step={1} value={v.days} onChange={(e) => setV({ ...v, days: e.target.value })} /></div>
      {select('rt-time', t('rt.timeField'), v.time, current.choices.time_field, (time) => setV({ ...v, time }))}
      <div className="field check"><input id="rt-down" type="checkbox" checked={v.downsample} onChange={(e) => setV({ ...v, downsample: e.target.checked })} /><label htmlFor="rt-down">{t('rt.downsample')}</label></div>
      <div className="button-row">
        <button type="submit" className="primary">{t('rt.saveWatch')}</button>
        {current.retention_days !== null && <button type="button" onClick={() => void apply()}>{t('rt.applyNow')}</button>}
      </div>
      <Outcome message={outcome.message} error={outcome.error} />
    </form>
  );
}

export function LiveSettingsForm({ dataset, version }: { dataset: AdminDataset; version: number }) {
  const settings = useLoad(() => getLiveSettings(dataset.uid), [dataset.uid, version]);
  return (
    <>
      <FormError error={settings.error} />
      {settings.data && <Form key={JSON.stringify(settings.data)} dataset={dataset} current={settings.data} onSaved={settings.reload} />}
    </>
  );
}
