// Text formatting of values against Python's float repr (what the ODS CSV exports show: "45.0",
// "3.0") and the "lat, lon" point text of les-arbres.2019.ods-export.csv.
import { describe, expect, it } from 'vitest';
import { formatDouble, toText } from '../../src/server/respond/text.ts';

describe('formatDouble matches Python repr()', () => {
  // Expected strings are what CPython 3 prints for repr(x).
  const cases: Array<[number, string]> = [
    [45, '45.0'], [3, '3.0'], [0, '0.0'], [-12.5, '-12.5'], [0.125, '0.125'], [0.0001, '0.0001'],
    [0.00001, '1e-05'], [1e-7, '1e-07'], [123456789012345.6, '123456789012345.6'], [1e16, '1e+16'],
    [1.5e300, '1.5e+300'], [48.8391832608, '48.8391832608'], [-0.000123, '-0.000123'], [2.5e-5, '2.5e-05'],
  ];
  for (const [n, repr] of cases) it(`${n} → ${repr}`, () => expect(formatDouble(n)).toBe(repr));
});

describe('toText', () => {
  it('writes geo_point_2d as "lat, lon"', () => {
    expect(toText({ lon: 2.40714227176, lat: 48.8391832608 }, 'geo_point_2d', { timezone: 'UTC' })).toBe('48.8391832608, 2.40714227176');
  });
  it('writes ints bare and nulls empty', () => {
    expect(toText(2018928, 'int', { timezone: 'UTC' })).toBe('2018928');
    expect(toText(null, 'text', { timezone: 'UTC' })).toBe('');
  });
});
