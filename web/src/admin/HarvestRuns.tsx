// A harvester's run history (runs/: when, by whom, outcome, counts, message, each dataset's error)
// and the errors of its current or last run (errors/: the run's own message and each dataset's).
import type { HarvestErrors, HarvestRun } from './harvest-api.ts';
import { useHarvestI18n, type HarvestKey } from './harvest-messages.ts';
import { OutcomeBadge } from './HarvestPage.tsx';

function ErrorList({ errors }: { errors: Record<string, string> }) {
  return (
    <ul className="harvest-run-errors">
      {Object.entries(errors).map(([id, message]) => <li key={id}><code>{id}</code>: {message}</li>)}
    </ul>
  );
}

export function LastErrors({ errors }: { errors: HarvestErrors }) {
  const { t } = useHarvestI18n();
  if (!errors.harvester && Object.keys(errors.resources).length === 0) return null;
  return (
    <section aria-labelledby="hv-last-errors" className="state-warning harvest-last-errors">
      <h3 id="hv-last-errors">{t('hv.lastErrors')}</h3>
      {errors.harvester && <p>{errors.harvester}</p>}
      <ErrorList errors={errors.resources} />
    </section>
  );
}

export function HarvestRuns({ runs }: { runs: HarvestRun[] }) {
  const { t } = useHarvestI18n();
  if (runs.length === 0) return <p className="muted">{t('hv.runsNone')}</p>;
  const heads: HarvestKey[] = ['hv.runStarted', 'hv.trigger', 'hv.outcome', 'hv.remoteCount', 'hv.c.created', 'hv.c.updated', 'hv.c.unchanged', 'hv.c.removed', 'hv.errors', 'hv.message'];
  return (
    <div className="table-scroll">
      <table className="data-table admin-table harvest-runs">
        <caption className="visually-hidden">{t('hv.runs')}</caption>
        <thead><tr>{heads.map((k) => <th key={k} scope="col">{t(k)}</th>)}</tr></thead>
        <tbody>
          {runs.map((r) => {
            const errors = Object.keys(r.errors).length;
            return (
              <tr key={r.uid}>
                <td className="nowrap">{new Date(r.started_at).toLocaleString()}</td>
                <td>{t(r.trigger === 'manual' ? 'hv.manual' : 'hv.scheduled')}</td>
                <td><OutcomeBadge outcome={r.outcome} /></td>
                <td className="num">{r.remote_datasets_count}</td>
                <td className="num">{r.created}</td>
                <td className="num">{r.updated}</td>
                <td className="num">{r.unchanged}</td>
                <td className="num">{r.removed}</td>
                <td>
                  {errors === 0 ? <span className="num">0</span> : (
                    <details>
                      <summary>{t('hv.errorsOf', { count: errors })}</summary>
                      <ErrorList errors={r.errors} />
                    </details>
                  )}
                </td>
                <td className="small">{r.message ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
