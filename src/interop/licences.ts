// Recognises the licence a publisher typed (ODS `license` text or `license_url`) and maps it to
// the EU licence vocabulary, SPDX and the licence's canonical URL. Unknown licences stay as text.
import type { Dataset } from '../core/types.ts';

export interface Licence {
  title: string;
  /** Canonical URL of the licence text, when known (or the publisher's license_url). */
  url?: string;
  /** Code in http://publications.europa.eu/resource/authority/licence/ */
  eu?: string;
  spdx?: string;
}

const EU_LICENCE = 'http://publications.europa.eu/resource/authority/licence/';

interface Known extends Licence { match: RegExp }

// Order matters: the more specific variants (BY-SA, BY-NC…) come before plain BY.
const KNOWN: Known[] = [
  { match: /odbl|open\s*database\s*licen[cs]e/i, title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/', eu: 'ODC_BL', spdx: 'ODbL-1.0' },
  { match: /pddl|public\s*domain\s*dedication/i, title: 'Open Data Commons Public Domain Dedication and License (PDDL)', url: 'https://opendatacommons.org/licenses/pddl/1-0/', eu: 'ODC_PDDL', spdx: 'PDDL-1.0' },
  { match: /odc[-_ ]?by|open\s*data\s*commons\s*attribution/i, title: 'Open Data Commons Attribution License (ODC-By)', url: 'https://opendatacommons.org/licenses/by/1-0/', eu: 'ODC_BY', spdx: 'ODC-By-1.0' },
  { match: /cc[-_ ]?0|cc\s*zero|creativecommons\.org\/publicdomain\/zero/i, title: 'Creative Commons CC0 1.0 Universal', url: 'https://creativecommons.org/publicdomain/zero/1.0/', eu: 'CC0', spdx: 'CC0-1.0' },
  { match: /(cc[-_ ]?by[-_ ]?nc[-_ ]?sa|by-nc-sa)/i, title: 'Creative Commons Attribution-NonCommercial-ShareAlike 4.0', url: 'https://creativecommons.org/licenses/by-nc-sa/4.0/', eu: 'CC_BYNCSA_4_0', spdx: 'CC-BY-NC-SA-4.0' },
  { match: /(cc[-_ ]?by[-_ ]?nc[-_ ]?nd|by-nc-nd)/i, title: 'Creative Commons Attribution-NonCommercial-NoDerivatives 4.0', url: 'https://creativecommons.org/licenses/by-nc-nd/4.0/', eu: 'CC_BYNCND_4_0', spdx: 'CC-BY-NC-ND-4.0' },
  { match: /(cc[-_ ]?by[-_ ]?sa|by-sa)/i, title: 'Creative Commons Attribution-ShareAlike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/', eu: 'CC_BYSA_4_0', spdx: 'CC-BY-SA-4.0' },
  { match: /(cc[-_ ]?by[-_ ]?nc|by-nc)/i, title: 'Creative Commons Attribution-NonCommercial 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/', eu: 'CC_BYNC_4_0', spdx: 'CC-BY-NC-4.0' },
  { match: /(cc[-_ ]?by[-_ ]?nd|by-nd)/i, title: 'Creative Commons Attribution-NoDerivatives 4.0', url: 'https://creativecommons.org/licenses/by-nd/4.0/', eu: 'CC_BYND_4_0', spdx: 'CC-BY-ND-4.0' },
  { match: /cc[-_ ]?by|creative\s*commons\s*attribution|creativecommons\.org\/licenses\/by\//i, title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/', eu: 'CC_BY_4_0', spdx: 'CC-BY-4.0' },
  { match: /licen[cs]e\s*ouverte|open\s*licen[cs]e|etalab/i, title: 'Licence Ouverte / Open Licence 2.0 (Etalab)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/', spdx: 'etalab-2.0' },
  { match: /open\s*government\s*licen[cs]e|\bogl\b/i, title: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/', eu: 'OGL_3_0', spdx: 'OGL-UK-3.0' },
  { match: /public\s*domain\s*mark/i, title: 'Creative Commons Public Domain Mark 1.0', url: 'https://creativecommons.org/publicdomain/mark/1.0/', eu: 'CC_PDM_1_0' },
];

export function euLicenceUri(code: string): string { return EU_LICENCE + code; }

/** The dataset's licence, or undefined when the publisher gave none. */
export function licenceOf(ds: Dataset): Licence | undefined {
  const text = ds.metas.default.license?.trim() ?? '';
  const url = ds.metas.default.license_url?.trim() || undefined;
  if (!text && !url) return undefined;
  const probe = `${text} ${url ?? ''}`;
  const known = KNOWN.find((k) => k.match.test(probe));
  if (known) {
    const { match: _m, ...lic } = known;
    return { ...lic, title: text || lic.title };
  }
  return { title: text || url!, url };
}
