// Date processors against DuckDB: strptime with the same formats gives the expected dates and
// datetimes, and timezone(zone, TIMESTAMP) (ICU's tz database) the instant a wall-clock time stands for.
import { describe, expect, it } from 'vitest';
import { duckdb, run, text, values } from './support.ts';

describe('normalize_date', () => {
  const cases: Array<[string, string]> = [
    ['01/02/2024', '%d/%m/%Y'], ['29/02/2024', '%d/%m/%Y'], ['2024-12-31', '%Y-%m-%d'], ['7 March 99', '%d %B %y'],
    ['07 Mar 2024', '%d %b %Y'], ['20240105', '%Y%m%d'], ['03/04/21 02:30 PM', '%m/%d/%y %I:%M %p'],
  ];
  it('reads dates as DuckDB strptime does', async () => {
    for (const [v, f] of cases) {
      const [got] = await values({ type: 'normalize_date', input_formats: [f] }, [v]);
      expect(got, `${v} ${f}`).toBe(await duckdb('SELECT CAST(CAST(strptime(?, ?) AS DATE) AS VARCHAR)', [v, f]));
    }
  });
  it('reads datetimes in a time zone as DuckDB timezone() does', async () => {
    for (const [v, zone] of [['2024-07-01 12:00', 'Europe/Paris'], ['2024-01-15 08:30', 'America/New_York'], ['2024-03-31 03:30', 'Europe/Paris']]) {
      const [got] = await values({ type: 'normalize_date', input_formats: '%Y-%m-%d %H:%M', output_type: 'datetime', timezone: zone }, [v]);
      const want = await duckdb(`SELECT strftime(timezone(?, CAST(strptime(?, '%Y-%m-%d %H:%M') AS TIMESTAMP)) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.000Z')`, [zone, v]);
      expect(got, `${v} ${zone}`).toBe(want);
    }
  });
  it('tries the formats in order; a value none reads fails naming the formats, or is skipped and counted', async () => {
    expect(await values({ type: 'normalize_date', input_formats: ['%d/%m/%Y', '%Y%m%d'] }, ['20240105', '05/01/2024'])).toEqual(['2024-01-05', '2024-01-05']);
    await expect(values({ type: 'normalize_date', input_formats: '%d/%m/%Y' }, ['31/02/2024'])).rejects.toThrow(/failed on record 1, field "v": "31\/02\/2024" does not match the format %d\/%m\/%Y/);
    const out = await run({ type: 'normalize_date', field: 'v', input_formats: '%d/%m/%Y', skip_on_error: true }, text('v'), [{ v: '01/01/2020' }, { v: 'x' }]);
    expect(out.records).toEqual([{ v: '2020-01-01' }]);
    expect(out.skipped).toEqual([expect.objectContaining({ record: 2, field: 'v', processor: 'pr_0' })]);
    expect(out.fields).toEqual([{ name: 'v', label: 'v', type: 'date' }]);
  });
  it('refuses an unknown directive or time zone, naming the parameter', async () => {
    await expect(values({ type: 'normalize_date', input_formats: '%Q' }, [])).rejects.toMatchObject({ code: 'PROCESSOR_INVALID', details: { detail: { input_formats: expect.any(Array) } } });
    await expect(values({ type: 'normalize_date', input_formats: '%Y', timezone: 'Mars/Base' }, [])).rejects.toMatchObject({ details: { detail: { timezone: expect.any(Array) } } });
  });
});

describe('set_timezone', () => {
  it('re-reads times without an offset in the zone, as DuckDB timezone() does; keeps explicit offsets', async () => {
    const inputs = ['2024-07-01T12:00:00', '2024-12-24 23:15', '2024-10-27 02:30:00'];
    const got = await values({ type: 'set_timezone', timezone: 'Europe/Paris' }, [...inputs, '2024-07-01T12:00:00+02:00']);
    for (const [i, v] of inputs.entries()) {
      expect(got[i], v).toBe(await duckdb(`SELECT strftime(timezone('Europe/Paris', CAST(? AS TIMESTAMP)) AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.000Z')`, [v]));
    }
    expect(got[3]).toBe('2024-07-01T10:00:00.000Z');
  });
});
