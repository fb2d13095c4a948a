// The schedule picker's presets as cron texts and back: hourly (at a minute), daily (at a time),
// weekly (a day and a time); anything else is a custom cron text the server checks.
export type Preset = { kind: 'hourly'; minute: number } | { kind: 'daily'; hour: number; minute: number } | { kind: 'weekly'; day: number; hour: number; minute: number } | { kind: 'custom'; cron: string };

export function presetCron(p: Preset): string {
  if (p.kind === 'hourly') return `${p.minute} * * * *`;
  if (p.kind === 'daily') return `${p.minute} ${p.hour} * * *`;
  if (p.kind === 'weekly') return `${p.minute} ${p.hour} * * ${p.day}`;
  return p.cron.trim().replace(/\s+/g, ' ');
}

const int = (s: string, max: number): number | null => (/^\d{1,2}$/.test(s) && Number(s) <= max ? Number(s) : null);

/** The preset a cron text is (custom when it is none of them). */
export function cronPreset(cron: string): Preset {
  const f = cron.trim().split(/\s+/);
  if (f.length === 5 && f[2] === '*' && f[3] === '*') {
    const minute = int(f[0], 59);
    const hour = int(f[1], 23);
    const day = int(f[4], 6);
    if (minute !== null && f[1] === '*' && f[4] === '*') return { kind: 'hourly', minute };
    if (minute !== null && hour !== null && f[4] === '*') return { kind: 'daily', hour, minute };
    if (minute !== null && hour !== null && day !== null) return { kind: 'weekly', day, hour, minute };
  }
  return { kind: 'custom', cron };
}

/** "HH:MM" for a time input, and back. */
export const timeText = (hour: number, minute: number) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
export function parseTime(text: string): { hour: number; minute: number } {
  const [h, m] = text.split(':').map(Number);
  return { hour: Number.isInteger(h) ? h : 0, minute: Number.isInteger(m) ? m : 0 };
}
