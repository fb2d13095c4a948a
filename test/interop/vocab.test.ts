// Mapping free metadata values to the EU Publications Office authority tables: codes as the
// tables spell them (frequency/DAILY, ANNUAL_2 for semiannual, UPDATE_CONT…), from words, EU
// URIs, Dublin Core Collection Description frequency URIs and EU codes alike.
import { describe, expect, it } from 'vitest';
import { frequencyConcept, languageConcept, languageTag, themeConcept } from '../../src/interop/vocab.ts';

const EU = 'http://publications.europa.eu/resource/authority/';

describe('EU vocabularies', () => {
  it('frequency from words, EU codes and URIs', () => {
    const cases: Array<[string, string]> = [
      ['daily', 'DAILY'], ['Quotidien', 'DAILY'], ['semiannual', 'ANNUAL_2'], ['ANNUAL_2', 'ANNUAL_2'], ['annual', 'ANNUAL'],
      [`${EU}frequency/WEEKLY`, 'WEEKLY'], ['http://purl.org/cld/freq/monthly', 'MONTHLY'], ['http://purl.org/cld/freq/quarterly', 'QUARTERLY'],
      ['UPDATE_CONT', 'UPDATE_CONT'], ['irregular', 'IRREG'], ['IRREG', 'IRREG'],
    ];
    for (const [input, code] of cases) expect(frequencyConcept(input)?.uri, input).toBe(`${EU}frequency/${code}`);
    expect(frequencyConcept('whenever we feel like it')).toBeUndefined();
    expect(frequencyConcept('R/P1D')).toBeUndefined();
  });

  it('language and theme', () => {
    expect(languageConcept('fr')?.uri).toBe(`${EU}language/FRA`);
    expect(languageConcept('de-CH')?.uri).toBe(`${EU}language/DEU`);
    expect(languageConcept('xx')).toBeUndefined();
    for (const [input, code] of [['fra', 'FRA'], ['fre', 'FRA'], ['ger', 'DEU'], ['spa', 'SPA'], ['nl_BE', 'NLD'], ['English', 'ENG']]) {
      expect(languageConcept(input)?.uri, input).toBe(`${EU}language/${code}`);
    }
    expect(languageTag('spa')).toBe('es');
    expect(languageTag('zz')).toBeUndefined();
    expect(themeConcept('Transport, Mobilité')?.uri).toBe(`${EU}data-theme/TRAN`);
    expect(themeConcept('Santé')?.uri).toBe(`${EU}data-theme/HEAL`);
  });
});
