// Date literals (partial dates are periods, in a time zone) and now() with the reference's examples.
import { describe, expect, it } from 'vitest';
import { nowWith, parseDateLiteral } from '../../src/query/dates.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('date literals', () => {
  it('a partial date is its whole period', () => {
    const y = parseDateLiteral('2021', 'UTC')!;
    expect([iso(y.start), iso(y.end), y.startDate, y.endDate, y.precision]).toEqual(['2021-01-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z', '2021-01-01', '2022-01-01', 'year']);
    const m = parseDateLiteral('2021/12', 'UTC')!;
    expect([iso(m.start), iso(m.end)]).toEqual(['2021-12-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z']);
    const d = parseDateLiteral('2018/04/01', 'UTC')!;
    expect([d.startDate, d.endDate, d.precision]).toEqual(['2018-04-01', '2018-04-02', 'day']);
    const mi = parseDateLiteral('2017-04-03T08:02', 'UTC')!;
    expect([iso(mi.start), iso(mi.end), mi.startDate, mi.endDate]).toEqual(['2017-04-03T08:02:00.000Z', '2017-04-03T08:03:00.000Z', '2017-04-03', '2017-04-04']);
  });

  it('uses the time zone unless the literal has an offset, across DST changes', () => {
    const p = parseDateLiteral('2021-03-28', 'Europe/Paris')!; // the day clocks go forward: 23 hours long
    expect([iso(p.start), iso(p.end)]).toEqual(['2021-03-27T23:00:00.000Z', '2021-03-28T22:00:00.000Z']);
    expect(iso(parseDateLiteral('2021-07-01T10:00:00+02:00', 'America/New_York')!.start)).toBe('2021-07-01T08:00:00.000Z');
    expect(iso(parseDateLiteral('2021-07-01T10:00:00.250Z', 'Europe/Paris')!.start)).toBe('2021-07-01T10:00:00.250Z');
    expect(iso(parseDateLiteral('2021-01-01', 'America/New_York')!.start)).toBe('2021-01-01T05:00:00.000Z');
  });

  it('rejects invalid dates', () => {
    for (const bad of ['2021-13', '2021-02-30', 'yesterday', '21-01-01', '2021-01-01T25:00', '']) expect(parseDateLiteral(bad, 'UTC')).toBeNull();
    expect(parseDateLiteral('2020-02-29', 'UTC')).not.toBeNull();
  });
});

describe('now() — the reference examples, at 2021-05-06T12:34:55.450Z (a Thursday)', () => {
  const NOW = Date.parse('2021-05-06T12:34:55.450Z');
  const at = (p: Record<string, number>) => iso(nowWith(p, NOW, 'UTC'));
  it('sets and shifts components', () => {
    expect(at({})).toBe('2021-05-06T12:34:55.450Z');
    expect(at({ year: 2000 })).toBe('2000-05-06T12:34:55.450Z');
    expect(at({ years: -1 })).toBe('2020-05-06T12:34:55.450Z');
    // The reference prints 2000-04-06 here; setting the year to 2001 then subtracting a month (python-dateutil's
    // relativedelta, which the parameter table describes) gives 2001-04-06.
    expect(at({ year: 2001, months: -1 })).toBe('2001-04-06T12:34:55.450Z');
    expect(at({ day: 31, month: 2 })).toBe('2021-02-28T12:34:55.450Z');
    expect(at({ weekday: 0 })).toBe('2021-05-10T12:34:55.450Z');
    expect(at({ mondays: 1 })).toBe('2021-05-10T12:34:55.450Z');
    expect(at({ mondays: -1 })).toBe('2021-05-03T12:34:55.450Z');
    expect(at({ thursdays: 1 })).toBe('2021-05-06T12:34:55.450Z');
    expect(at({ days: -6, hours: 12, minutes: 30, seconds: 5 })).toBe('2021-05-01T01:05:00.450Z');
    expect(at({ months: 9 })).toBe('2022-02-06T12:34:55.450Z');
    expect(at({ hour: 0, minute: 0, second: 0, microsecond: 0 })).toBe('2021-05-06T00:00:00.000Z');
  });

  it('works in the request time zone', () => {
    // 12:34Z is 14:34 in Paris; midnight in Paris is 22:00Z the day before.
    expect(iso(nowWith({ hour: 0, minute: 0, second: 0, microsecond: 0 }, NOW, 'Europe/Paris'))).toBe('2021-05-05T22:00:00.000Z');
  });
});
