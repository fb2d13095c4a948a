// The KPI block's arithmetic (web/src/pages-view/kpi-logic.ts): period windows worked out by hand
// on a calendar (2024 is a leap year; 2024-03-15 is a Friday), the change and its arrow, whether
// it is good for the target, the target status and the locale's number forms.
import { describe, expect, it } from 'vitest';
import { addPeriods, changeBetween, comparisonWindows, partialBefore, periodWindows, formatChange, formatKpi, isoDay, judge, periodStart, targetMet } from '../../web/src/pages-view/kpi-logic.ts';

const d = (s: string) => new Date(s);
const days = (w: { from: Date; to: Date }) => [isoDay(w.from), isoDay(w.to)];

describe('period windows', () => {
  it('a paused feed: the second look stays below the partial period, and compares the period holding its answer', () => {
    // Readings dated 7 Dec 2026 after a pause since 14 March: December is partial, so look below 1 December…
    expect(isoDay(partialBefore(d('2026-12-07T09:00:00Z'), 'month')!)).toBe('2026-12-01');
    // …and the latest record found there (14 March) names March against February.
    const w = periodWindows(d('2026-03-14T08:00:00Z'), 'month');
    expect(days(w.current)).toEqual(['2026-03-01', '2026-04-01']);
    expect(days(w.previous)).toEqual(['2026-02-01', '2026-03-01']);
    // A full latest period needs no second look.
    expect(partialBefore(d('2026-11-30T23:00:00Z'), 'month')).toBeNull();
    expect(partialBefore(d('2015-12-31'), 'year')).toBeNull();
    expect(isoDay(partialBefore(d('2024-03-13T12:00:00Z'), 'week')!)).toBe('2024-03-11');
  });

  it('starts weeks on Monday, months on the 1st, years on 1 January (UTC)', () => {
    expect(isoDay(periodStart(d('2024-03-15T10:00:00Z'), 'week'))).toBe('2024-03-11');
    expect(isoDay(periodStart(d('2024-03-11T00:00:00Z'), 'week'))).toBe('2024-03-11');
    expect(isoDay(periodStart(d('2024-03-17T23:59:00Z'), 'week'))).toBe('2024-03-11');
    expect(isoDay(periodStart(d('2024-03-15T10:00:00Z'), 'month'))).toBe('2024-03-01');
    expect(isoDay(periodStart(d('2024-03-15T10:00:00Z'), 'year'))).toBe('2024-01-01');
    expect(isoDay(addPeriods(d('2024-01-01T00:00:00Z'), 'month', -1))).toBe('2023-12-01');
  });

  it('a month the data stops inside is not full: the month before is compared with the one before it', () => {
    const w = comparisonWindows(d('2024-03-15T10:00:00Z'), 'month');
    expect(days(w.current)).toEqual(['2024-02-01', '2024-03-01']);
    expect(days(w.previous)).toEqual(['2024-01-01', '2024-02-01']);
  });

  it('a month whose last day holds the latest record is full', () => {
    const w = comparisonWindows(d('2024-03-31T23:00:00Z'), 'month');
    expect(days(w.current)).toEqual(['2024-03-01', '2024-04-01']);
    expect(days(w.previous)).toEqual(['2024-02-01', '2024-03-01']);
  });

  it('crosses year ends and leap days', () => {
    expect(days(comparisonWindows(d('2024-01-10T00:00:00Z'), 'month').current)).toEqual(['2023-12-01', '2024-01-01']);
    expect(days(comparisonWindows(d('2024-01-10T00:00:00Z'), 'month').previous)).toEqual(['2023-11-01', '2023-12-01']);
    const day = comparisonWindows(d('2024-03-01T05:00:00Z'), 'day');
    expect(days(day.current)).toEqual(['2024-03-01', '2024-03-02']);
    expect(days(day.previous)).toEqual(['2024-02-29', '2024-03-01']);
  });

  it('years and weeks', () => {
    const y = comparisonWindows(d('2015-12-31'), 'year');
    expect(days(y.current)).toEqual(['2015-01-01', '2016-01-01']);
    expect(days(y.previous)).toEqual(['2014-01-01', '2015-01-01']);
    expect(days(comparisonWindows(d('2015-12-30'), 'year').current)).toEqual(['2014-01-01', '2015-01-01']);
    const w = comparisonWindows(d('2024-03-17T12:00:00Z'), 'week'); // a Sunday: the week is full
    expect(days(w.current)).toEqual(['2024-03-11', '2024-03-18']);
    expect(days(w.previous)).toEqual(['2024-03-04', '2024-03-11']);
    expect(days(comparisonWindows(d('2024-03-15T12:00:00Z'), 'week').current)).toEqual(['2024-03-04', '2024-03-11']);
  });
});

describe('change, arrow and judgement', () => {
  it('the arrow follows the value; the percent is of the previous value', () => {
    expect(changeBetween(33, 30)).toEqual({ delta: 3, percent: 10, arrow: 'up' });
    expect(changeBetween(27, 30)).toEqual({ delta: -3, percent: -10, arrow: 'down' });
    expect(changeBetween(-5, -10)).toEqual({ delta: 5, percent: 50, arrow: 'up' });
    expect(changeBetween(4, 0)).toEqual({ delta: 4, percent: null, arrow: 'up' });
    expect(changeBetween(7, 7).arrow).toBe('flat');
  });

  it('going down is good for an at-most target, going up for an at-least one', () => {
    expect(judge('down', 'at_most')).toBe('good');
    expect(judge('up', 'at_most')).toBe('bad');
    expect(judge('up', 'at_least')).toBe('good');
    expect(judge('down', 'at_least')).toBe('bad');
    expect(judge('flat', 'at_most')).toBe('neutral');
    expect(judge('up', undefined)).toBe('neutral');
  });

  it('a target is met at its value exactly', () => {
    expect(targetMet(40, { value: 40, direction: 'at_most' })).toBe(true);
    expect(targetMet(40.1, { value: 40, direction: 'at_most' })).toBe(false);
    expect(targetMet(39.9, { value: 40, direction: 'at_least' })).toBe(false);
    expect(targetMet(40, { value: 40, direction: 'at_least' })).toBe(true);
  });
});

describe('numbers as the reader reads them', () => {
  it('exact decimals, the unit after a no-break space, French digit groups', () => {
    expect(formatKpi('en', 23.456, 1, 'µg/m³')).toBe('23.5\u00a0µg/m³');
    expect(formatKpi('en', 23, 1)).toBe('23.0');
    expect(formatKpi('en', 1234567)).toBe('1,234,567');
    expect(formatKpi('fr', 1234.5, 1, 'mm')).toBe('1\u202f234,5\u00a0mm');
  });

  it('signed percent changes, and a signed difference when the previous value is 0', () => {
    expect(formatChange('en', changeBetween(33, 30))).toBe('+10.0 %');
    expect(formatChange('en', changeBetween(27, 30))).toBe('-10.0 %');
    expect(formatChange('fr', changeBetween(3.3, 3))).toBe('+10,0\u202f%');
    expect(formatChange('en', changeBetween(4, 0), 1, 'mm')).toBe('+4.0\u00a0mm');
  });
});
