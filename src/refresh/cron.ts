// Cron schedules of refreshed sources: the unix five-field form ODS's `cron_schedule` uses (minute
// hour day-of-month month day-of-week, or @hourly/@daily/@weekly/@monthly), in the server's time zone
// (TZ) or AGORA_CRON_TIMEZONE. Parsing and next runs come from croner; here only the checks.
import { Cron } from 'croner';
import { invalidParameter as invalid } from '../core/errors.ts';

const NICKNAMES = ['@hourly', '@daily', '@weekly', '@monthly', '@yearly', '@annually', '@midnight'];
/** A schedule may not run more often than this: each run downloads the source. */
export const MIN_INTERVAL_MINUTES = 5;

function cron(pattern: string, zone?: string): Cron {
  const timezone = zone || process.env.AGORA_CRON_TIMEZONE || undefined;
  return new Cron(pattern, { paused: true, ...(timezone ? { timezone } : {}) });
}

/** A checked cron text (trimmed, single spaces); errors name `where` and say what is wrong. */
export function parseCron(value: unknown, where = 'cron_schedule'): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid(where, 'expected a cron text such as "0 6 * * *" (every day at 06:00)');
  const text = value.trim().replace(/\s+/g, ' ');
  const fields = text.split(' ');
  if (!(fields.length === 1 && NICKNAMES.includes(text.toLowerCase())) && fields.length !== 5) {
    throw invalid(where, `"${text}" has ${fields.length} field${fields.length === 1 ? '' : 's'}; expected 5 (minute hour day-of-month month day-of-week) or one of ${NICKNAMES.slice(0, 4).join(', ')}`);
  }
  let runs: Date[];
  try { runs = cron(text).nextRuns(3, new Date()); } catch (e) {
    throw invalid(where, `"${text}" is not a valid cron schedule (${(e as Error).message.replace(/^CronPattern: /, '')})`);
  }
  if (runs.length === 0) throw invalid(where, `"${text}" never runs`);
  for (let i = 1; i < runs.length; i++) {
    if (runs[i].getTime() - runs[i - 1].getTime() < MIN_INTERVAL_MINUTES * 60_000) throw invalid(where, `"${text}" runs more often than every ${MIN_INTERVAL_MINUTES} minutes`);
  }
  return text;
}

/** The next `n` run times strictly after `after` (in `timezone`, else the server's: see above). */
export function nextRuns(pattern: string, after: Date, n: number, timezone?: string): Date[] {
  return cron(pattern, timezone).nextRuns(n, after);
}

/** When a schedule created at `created` next runs, given the last run it started (null: none yet):
 *  a stop over several due times runs what is overdue once, then follows the schedule again. */
export function nextDueAt(pattern: string, created: string, lastStart: string | null, timezone?: string): number | undefined {
  const after = lastStart && lastStart > created ? lastStart : created;
  return nextRuns(pattern, new Date(after), 1, timezone)[0]?.getTime();
}

/** A checked IANA time zone name (ODS HarvesterSchedule.timezone), e.g. Europe/Berlin. */
export function parseTimezone(value: unknown, where = 'timezone'): string {
  if (typeof value !== 'string' || !value.trim()) throw invalid(where, 'expected an IANA time zone such as "Europe/Paris" or "UTC"');
  try { new Intl.DateTimeFormat('en', { timeZone: value.trim() }); } catch { throw invalid(where, `"${value}" is not an IANA time zone (such as "Europe/Paris" or "UTC")`); }
  return value.trim();
}
