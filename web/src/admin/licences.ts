// The licences offered by the dataset editor's pick list: the common open-data licences with the
// canonical URL of their text, stored as ODS `license` (the name) and `license_url`.
export interface LicenceChoice { id: string; name: string; url: string }

export const LICENCES: readonly LicenceChoice[] = [
  { id: 'etalab-2.0', name: 'Licence Ouverte v2.0 (Etalab)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' },
  { id: 'ODbL-1.0', name: 'Open Database License (ODbL) 1.0', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
  { id: 'CC-BY-4.0', name: 'CC BY 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  { id: 'CC-BY-SA-4.0', name: 'CC BY-SA 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  { id: 'CC0-1.0', name: 'CC0 1.0', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  { id: 'PDDL-1.0', name: 'Open Data Commons PDDL 1.0', url: 'https://opendatacommons.org/licenses/pddl/1-0/' },
  { id: 'ODC-By-1.0', name: 'Open Data Commons Attribution License (ODC-By) 1.0', url: 'https://opendatacommons.org/licenses/by/1-0/' },
  { id: 'OGL-UK-3.0', name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
  { id: 'dl-de-by-2.0', name: 'Datenlizenz Deutschland – Namensnennung – 2.0', url: 'https://www.govdata.de/dl-de/by-2-0' },
];

/** The choice matching a dataset's stored licence (by URL, else by name), or null for "Other…". */
export function licenceChoiceOf(name: string, url: string): LicenceChoice | null {
  const u = url.trim().replace(/\/+$/, '').toLowerCase();
  const n = name.trim().toLowerCase();
  if (!u && !n) return null;
  return LICENCES.find((l) => (u && l.url.replace(/\/+$/, '').toLowerCase() === u) || (!u && l.name.toLowerCase() === n)) ?? null;
}
