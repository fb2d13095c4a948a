// The editor's licence pick list: each licence's URL is the canonical one its publisher gives
// (written here by hand from Creative Commons, Open Data Commons, Etalab, The National Archives and
// GovData), the stored pair is recognised back, and the feeds (DCAT, data.json) name the same licence.
import { describe, expect, it } from 'vitest';
import { LICENCES, licenceChoiceOf } from '../../web/src/admin/licences.ts';
import { licenceOf } from '../../src/interop/licences.ts';
import type { Dataset } from '../../src/core/types.ts';

const CANONICAL: Record<string, string> = {
  'etalab-2.0': 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  'ODbL-1.0': 'https://opendatacommons.org/licenses/odbl/1-0/',
  'CC-BY-4.0': 'https://creativecommons.org/licenses/by/4.0/',
  'CC-BY-SA-4.0': 'https://creativecommons.org/licenses/by-sa/4.0/',
  'CC0-1.0': 'https://creativecommons.org/publicdomain/zero/1.0/',
  'PDDL-1.0': 'https://opendatacommons.org/licenses/pddl/1-0/',
  'ODC-By-1.0': 'https://opendatacommons.org/licenses/by/1-0/',
  'OGL-UK-3.0': 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/',
  'dl-de-by-2.0': 'https://www.govdata.de/dl-de/by-2-0',
};

describe('licence pick list', () => {
  it('offers the common open licences, each with its canonical URL', () => {
    expect(Object.fromEntries(LICENCES.map((l) => [l.id, l.url]))).toEqual(CANONICAL);
  });

  it('recognises a stored licence by its URL (with or without the final slash), else by its name', () => {
    expect(licenceChoiceOf('anything', 'https://creativecommons.org/licenses/by-sa/4.0')?.id).toBe('CC-BY-SA-4.0');
    expect(licenceChoiceOf('CC0 1.0', '')?.id).toBe('CC0-1.0');
    expect(licenceChoiceOf('My own licence', 'https://city.example/licence')).toBeNull();
    expect(licenceChoiceOf('', '')).toBeNull();
  });

  it('is named by the feeds with the same URL and SPDX identifier', () => {
    for (const l of LICENCES.filter((x) => x.id !== 'dl-de-by-2.0')) {
      const ds = { metas: { default: { license: l.name, license_url: l.url } } } as unknown as Dataset;
      const seen = licenceOf(ds)!;
      expect(seen.url, l.id).toBe(l.url);
      expect(seen.spdx, l.id).toBe(l.id);
    }
  });
});
