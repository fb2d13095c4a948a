// Value formatting: digit grouping by locale (French uses a narrow no-break space, per CLDR), but
// not for integer years, identifiers and codes named as such.
import { describe, expect, it } from 'vitest';
import { formatValue, isCodeLike } from '../../web/src/format/format.ts';

describe('formatValue', () => {
  it('groups digits of measures by locale', () => {
    expect(formatValue('en', 1200000, 'int', 'amount')).toBe('1,200,000');
    expect(formatValue('fr', 1200000, 'int', 'amount')).toBe('1\u202f200\u202f000');
    expect(formatValue('en', 1234.5, 'double', 'height')).toBe('1,234.5');
  });

  it('shows years, identifiers and codes as written', () => {
    expect(formatValue('en', 2019, 'int', 'year')).toBe('2019');
    expect(formatValue('fr', 2019, 'int', 'annee')).toBe('2019');
    expect(formatValue('en', 75056, 'int', 'code_insee')).toBe('75056');
    expect(formatValue('en', 10021, 'int', 'zip')).toBe('10021');
    expect(formatValue('en', 12345, 'int', 'station_id')).toBe('12345');
    expect(isCodeLike('yearly_total')).toBe(false);
    expect(isCodeLike('identity')).toBe(false);
    expect(formatValue('en', 12345, 'int', 'yearly_total')).toBe('12,345');
  });
});
