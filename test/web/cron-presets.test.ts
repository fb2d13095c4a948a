// The back office's schedule presets: the cron texts expected are written by hand from the crontab(5)
// field order (minute hour day-of-month month day-of-week, Sunday = 0).
import { describe, expect, it } from 'vitest';
import { cronPreset, parseTime, presetCron } from '../../web/src/admin/cron-presets.ts';

describe('schedule presets', () => {
  it('make cron texts', () => {
    expect(presetCron({ kind: 'hourly', minute: 15 })).toBe('15 * * * *');
    expect(presetCron({ kind: 'daily', hour: 6, minute: 30 })).toBe('30 6 * * *');
    expect(presetCron({ kind: 'weekly', day: 1, hour: 7, minute: 0 })).toBe('0 7 * * 1');
    expect(presetCron({ kind: 'custom', cron: ' 0  6 * * 1-5 ' })).toBe('0 6 * * 1-5');
  });
  it('are recognised back, anything else is custom', () => {
    expect(cronPreset('15 * * * *')).toEqual({ kind: 'hourly', minute: 15 });
    expect(cronPreset('30 6 * * *')).toEqual({ kind: 'daily', hour: 6, minute: 30 });
    expect(cronPreset('0 7 * * 0')).toEqual({ kind: 'weekly', day: 0, hour: 7, minute: 0 });
    for (const c of ['0 6 * * 1-5', '*/10 * * * *', '0 6 1 * *', '0 24 * * *', '@daily']) expect(cronPreset(c).kind, c).toBe('custom');
  });
  it('read a time input', () => {
    expect(parseTime('06:05')).toEqual({ hour: 6, minute: 5 });
  });
});
