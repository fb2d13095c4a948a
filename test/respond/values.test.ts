// toApiValue / toApiRecord against the Explore API shapes: the spec's record examples (geo_point_2d
// as {lat, lon}), the real ODS JSON export (geo_shape as a Feature) and known timezone offsets.
import { describe, expect, it } from 'vitest';
import { formatDatetime, isValidTimezone, toApiRecord, toApiValue, zonedParts, zonedPartsIntl } from '../../src/server/respond/values.ts';
import type { ResultColumn } from '../../src/core/request.ts';

describe('datetime formatting', () => {
  it('the fast path agrees with Intl (formatToParts) on random instants, zones with odd offsets and ms', () => {
    const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
    const viaIntl = (d: Date, tz: string) => {
      const p = zonedPartsIntl(d, tz);
      const ms = ((d.getTime() % 1000) + 1000) % 1000;
      const off = Math.abs(p.offsetMinutes);
      return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${ms ? '.' + pad(ms, 3) : ''}${p.offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(off / 60))}:${pad(off % 60)}`;
    };
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (const tz of ['UTC', 'Europe/Paris', 'America/St_Johns', 'Asia/Kolkata', 'Pacific/Chatham']) {
      for (let i = 0; i < 2000; i++) {
        const d = new Date(Math.floor((rand() * 2 - 0.5) * 4e12) + (i % 2 ? Math.floor(rand() * 1000) : 0));
        expect(formatDatetime(d, tz), `${tz} ${d.toISOString()}`).toBe(viaIntl(d, tz));
      }
    }
  });

  it('writes the offset of the request timezone (Paris summer/winter, around the DST switch)', () => {
    // Same instant as the ODS bike counters CSV sample: 2021-09-01T03:00:00+02:00.
    expect(formatDatetime(new Date('2021-09-01T01:00:00Z'), 'Europe/Paris')).toBe('2021-09-01T03:00:00+02:00');
    expect(formatDatetime(new Date('2021-01-15T12:30:05Z'), 'Europe/Paris')).toBe('2021-01-15T13:30:05+01:00');
    // Paris switched to summer time at 2021-03-28T01:00Z.
    expect(formatDatetime(new Date('2021-03-28T00:59:59Z'), 'Europe/Paris')).toBe('2021-03-28T01:59:59+01:00');
    expect(formatDatetime(new Date('2021-03-28T01:00:00Z'), 'Europe/Paris')).toBe('2021-03-28T03:00:00+02:00');
  });
  it('handles UTC, negative and half-hour offsets, and milliseconds', () => {
    expect(formatDatetime(new Date('2020-06-01T00:00:00Z'), 'UTC')).toBe('2020-06-01T00:00:00+00:00');
    expect(formatDatetime(new Date('2020-06-01T03:00:00Z'), 'America/New_York')).toBe('2020-05-31T23:00:00-04:00');
    expect(formatDatetime(new Date('2020-06-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2020-06-01T05:30:00+05:30');
    expect(formatDatetime(new Date('2020-06-01T00:00:00.250Z'), 'UTC')).toBe('2020-06-01T00:00:00.250+00:00');
    expect(formatDatetime(new Date('2020-06-01T00:00:00.250Z'), 'Europe/Paris')).toBe('2020-06-01T02:00:00.250+02:00');
  });
  it('agrees with Intl (the cache of offsets never crosses a transition)', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'Africa/Monrovia', 'America/Sao_Paulo', 'UTC'];
    // Every 7 min 13 s across a year with DST switches, plus instants before 1972 (odd historical offsets).
    const starts = [Date.UTC(2021, 0, 1), Date.UTC(1960, 0, 1), Date.UTC(1971, 11, 25)];
    for (const zone of zones) {
      for (const start of starts) {
        for (let t = start; t < start + 40 * 86400_000; t += 433_000) {
          const d = new Date(t);
          expect(zonedParts(d, zone)).toEqual(zonedPartsIntl(d, zone));
        }
      }
      for (let t = Date.UTC(2021, 2, 1); t < Date.UTC(2021, 11, 1); t += 3_600_000) {
        const d = new Date(t);
        expect(zonedParts(d, zone)).toEqual(zonedPartsIntl(d, zone));
      }
    }
  });
  it('knows valid zones', () => {
    expect(isValidTimezone('Europe/Paris')).toBe(true);
    expect(isValidTimezone('Mars/Olympus')).toBe(false);
  });
});

describe('toApiValue', () => {
  it('keeps numbers and booleans as JSON numbers and booleans', () => {
    expect(toApiValue(29278, 'int')).toBe(29278);
    expect(toApiValue(477.758, 'double')).toBe(477.758);
    expect(toApiValue(true, 'boolean')).toBe(true);
    expect(toApiValue(null, 'int')).toBeNull();
  });
  it('writes dates as YYYY-MM-DD (spec example "modification_date": "2019-03-26")', () => {
    expect(toApiValue(new Date(Date.UTC(2019, 2, 26)), 'date', 'Pacific/Auckland')).toBe('2019-03-26');
  });
  it('writes geo_point_2d as {lon, lat} (spec example "coordinates": {"lat": 46.7306, "lon": 4.50083})', () => {
    expect(toApiValue({ lon: 4.50083, lat: 46.7306 }, 'geo_point_2d')).toEqual({ lat: 46.7306, lon: 4.50083 });
  });
  it('wraps geo_shape as a GeoJSON Feature like the ODS JSON export', () => {
    const text = '{"type":"Point","coordinates":[2.319166999570154,48.88305599930338]}';
    // From paris-plaques-commemoratives.ods-export.json, first record.
    expect(toApiValue(text, 'geo_shape')).toEqual({
      type: 'Feature', geometry: { coordinates: [2.319166999570154, 48.88305599930338], type: 'Point' }, properties: {},
    });
  });
  it('parses json_blob text', () => {
    expect(toApiValue('{"a":[1,2]}', 'json_blob')).toEqual({ a: [1, 2] });
  });
  it('maps multivalued arrays element by element (spec example "alternate_names": [...])', () => {
    expect(toApiValue(['Saint-Leu', 'St Leu'], 'text')).toEqual(['Saint-Leu', 'St Leu']);
  });
});

describe('toApiRecord', () => {
  it('keeps the column order and names', () => {
    const columns: ResultColumn[] = [
      { name: 'name', type: 'text' }, { name: 'when', type: 'datetime' }, { name: 'population', type: 'int' },
    ];
    const rec = toApiRecord({ population: 5, when: new Date('2021-09-01T01:00:00Z'), name: 'x', _rid: 3 }, columns, 'Europe/Paris');
    expect(Object.keys(rec)).toEqual(['name', 'when', 'population']);
    expect(rec).toEqual({ name: 'x', when: '2021-09-01T03:00:00+02:00', population: 5 });
  });
});
