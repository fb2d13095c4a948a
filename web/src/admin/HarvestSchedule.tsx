// The one schedule of a harvester: shown with its time zone and next runs (removable), and set or
// changed with the shared schedule picker, which asks for the time zone (the browser's at first).
import type { Harvester } from './harvest-api.ts';
import { createSchedule, deleteSchedule, updateSchedule } from './harvest-api.ts';
import { useHarvestI18n } from './harvest-messages.ts';
import { browserZone, SchedulePicker } from './SchedulePicker.tsx';
import { Outcome, useOutcome } from './ui.tsx';

export function HarvestSchedule({ harvester, onChanged }: { harvester: Harvester; onChanged: () => void }) {
  const { t } = useHarvestI18n();
  const outcome = useOutcome();
  const s = harvester.schedule;
  const save = (cron: string, zone: string | undefined) => (s
    ? updateSchedule(harvester.uid, s.uid, cron, zone ?? s.timezone)
    : createSchedule(harvester.uid, cron, zone ?? browserZone()));
  return (
    <section aria-labelledby="hv-schedule-heading">
      <h2 id="hv-schedule-heading">{t('hv.scheduleTitle')}</h2>
      <p className="help">{t('hv.scheduleHelp')}</p>
      {s ? (
        <p className="harvest-schedule">
          {t('hv.scheduleIs', { cron: s.cron_schedule, zone: s.timezone, next: s.next_runs.map((n) => new Date(n).toLocaleString()).join(' · ') })}{' '}
          <button type="button" onClick={() => void outcome.run(async () => { await deleteSchedule(harvester.uid, s.uid); onChanged(); return t('hv.scheduleRemoved'); })}>
            {t('hv.scheduleRemove')}
          </button>
        </p>
      ) : <p className="muted">{t('hv.noSchedule')}</p>}
      <Outcome message={outcome.message} error={outcome.error} />
      <SchedulePicker save={save} onSaved={onChanged}
        initial={s?.cron_schedule} timezone={s?.timezone ?? browserZone()} heading={s ? t('hv.scheduleChange') : t('hv.scheduleAdd')} idPrefix="hv-sc" />
    </section>
  );
}
