// EU controlled vocabularies (Publications Office authority tables) for the DCAT-AP feed:
// languages, update frequencies and data themes, mapped from the free values ODS metadata holds.
// Pure lookups: unknown values give undefined, callers then fall back to plain keywords.

export const EU_AUTH = 'http://publications.europa.eu/resource/authority/';

export interface Concept { uri: string; scheme: string; label: string }

const concept = (table: string, code: string, label: string): Concept =>
  ({ uri: `${EU_AUTH}${table}/${code}`, scheme: `${EU_AUTH}${table}`, label });

/** ISO 639-1 → EU language authority code (ISO 639-3 style, upper case) and English label. */
const LANGUAGES: Record<string, [string, string]> = {
  en: ['ENG', 'English'], fr: ['FRA', 'French'], de: ['DEU', 'German'], es: ['SPA', 'Spanish'],
  it: ['ITA', 'Italian'], nl: ['NLD', 'Dutch'], pt: ['POR', 'Portuguese'], sv: ['SWE', 'Swedish'],
  da: ['DAN', 'Danish'], fi: ['FIN', 'Finnish'], pl: ['POL', 'Polish'], cs: ['CES', 'Czech'],
  sk: ['SLK', 'Slovak'], sl: ['SLV', 'Slovenian'], hu: ['HUN', 'Hungarian'], ro: ['RON', 'Romanian'],
  bg: ['BUL', 'Bulgarian'], el: ['ELL', 'Modern Greek'], et: ['EST', 'Estonian'], lv: ['LAV', 'Latvian'],
  lt: ['LIT', 'Lithuanian'], ga: ['GLE', 'Irish'], mt: ['MLT', 'Maltese'], hr: ['HRV', 'Croatian'],
  ca: ['CAT', 'Catalan'], eu: ['EUS', 'Basque'], gl: ['GLG', 'Galician'], no: ['NOR', 'Norwegian'],
  nb: ['NOB', 'Norwegian Bokmål'], is: ['ISL', 'Icelandic'], lb: ['LTZ', 'Luxembourgish'], rm: ['ROH', 'Romansh'],
  ar: ['ARA', 'Arabic'], zh: ['ZHO', 'Chinese'], ja: ['JPN', 'Japanese'], ru: ['RUS', 'Russian'], tr: ['TUR', 'Turkish'],
  uk: ['UKR', 'Ukrainian'],
};

/** ISO 639-2/B spellings that differ from the 639-3 codes the EU table uses. */
const BIBLIOGRAPHIC: Record<string, string> = { fre: 'fr', ger: 'de', dut: 'nl', chi: 'zh', gre: 'el', cze: 'cs', slo: 'sk', rum: 'ro', baq: 'eu', ice: 'is' };

/** The ISO 639-1 code of a language tag (fr, fr-CH), a three-letter code (fra, fre) or a name
 *  starting with it (French, Deutsch), when the EU table knows the language. */
function iso1(code: string): string | undefined {
  const primary = code.trim().toLowerCase().split(/[-_\s]/)[0] ?? '';
  if (primary.length === 3) {
    const three = BIBLIOGRAPHIC[primary] ?? Object.keys(LANGUAGES).find((k) => LANGUAGES[k]![0] === primary.toUpperCase());
    if (three) return three;
  }
  const c = primary.slice(0, 2);
  return LANGUAGES[c] ? c : undefined;
}

export function languageConcept(code: string | null | undefined): Concept | undefined {
  const c = code ? iso1(code) : undefined;
  const hit = c ? LANGUAGES[c] : undefined;
  return hit ? concept('language', hit[0], hit[1]) : undefined;
}

/** The ISO 639-1 code, for formats that want it (data.json, schema.org, CKAN). */
export function languageTag(code: string | null | undefined): string | undefined {
  return code ? iso1(code) : undefined;
}

/** Frequency words (English, French, Dublin Core/ISO 19115 codes) → EU frequency authority. */
const FREQUENCIES: Array<[RegExp, string, string, string]> = [
  // [pattern, EU code, label, ISO 8601 duration for data.json (R/…) or '' when irregular]
  [/^(continuous|continu|realtime|real[- ]time|temps r[ée]el|update_cont)/i, 'UPDATE_CONT', 'continuously updated', 'R/PT1S'],
  [/^(hourly|horaire|toutes les heures)/i, 'HOURLY', 'hourly', 'R/PT1H'],
  [/^(daily|quotidien|journalier|day)/i, 'DAILY', 'daily', 'R/P1D'],
  [/^(weekly|hebdomadaire|week)/i, 'WEEKLY', 'weekly', 'R/P1W'],
  [/^(biweekly|fortnightly|bimensuel)/i, 'BIWEEKLY', 'biweekly', 'R/P2W'],
  [/^(monthly|mensuel|month)/i, 'MONTHLY', 'monthly', 'R/P1M'],
  [/^(quarterly|trimestriel)/i, 'QUARTERLY', 'quarterly', 'R/P3M'],
  [/^(semiannual|biannual|semestriel|semi-annual)/i, 'ANNUAL_2', 'semiannual', 'R/P6M'],
  [/^(annual|annuel|yearly|year)/i, 'ANNUAL', 'annual', 'R/P1Y'],
  [/^(biennial|biennal)/i, 'BIENNIAL', 'biennial', 'R/P2Y'],
  [/^(irregular|irr[ée]guli[eè]re?|irreg|as needed|ponctuel)/i, 'IRREG', 'irregular', 'irregular'],
  [/^(never|jamais|not planned|notplanned)/i, 'NEVER', 'never', 'irregular'],
  [/^(unknown|inconnu)/i, 'UNKNOWN', 'unknown', 'irregular'],
];

export function frequencyConcept(value: string | null | undefined): (Concept & { isoDuration: string }) | undefined {
  if (!value) return undefined;
  // A URI (EU frequency authority, Dublin Core cld:freq…) is read by its last segment; an EU code
  // (DAILY, ANNUAL_2, UPDATE_CONT…) is taken as it is before any word matching.
  const v = value.trim().replace(/^[a-z]+:\/\/.*[/#]/i, '');
  const exact = FREQUENCIES.find(([, code]) => code === v.toUpperCase());
  if (exact) { const [, code, label, iso] = exact; return { ...concept('frequency', code, label), isoDuration: iso }; }
  for (const [re, code, label, iso] of FREQUENCIES) if (re.test(v)) return { ...concept('frequency', code, label), isoDuration: iso };
  return undefined;
}

/** ODS theme names (English and French portals) → EU data-theme authority. */
const THEMES: Array<[RegExp, string, string]> = [
  [/agricult|fish|p[eê]che|forest|for[eê]t|food|aliment/i, 'AGRI', 'Agriculture, fisheries, forestry and food'],
  [/econom|financ|business|commerce|entreprise|emploi|employment|budget/i, 'ECON', 'Economy and finance'],
  [/educat|[ée]ducation|^culture|\bculture|\bsports?\b|loisir|leisure|touris/i, 'EDUC', 'Education, culture and sport'],
  [/energ/i, 'ENER', 'Energy'],
  [/environ|climat|\bnature|biodivers|\bair\b|water|\beaux?\b|d[ée]chet|waste/i, 'ENVI', 'Environment'],
  [/govern|administration|public sector|politi|[ée]lection|citoyen|citizen/i, 'GOVE', 'Government and public sector'],
  [/health|sant[ée]/i, 'HEAL', 'Health'],
  [/international/i, 'INTR', 'International issues'],
  [/justice|legal|crime|s[ée]curit[ée]|safety|police/i, 'JUST', 'Justice, legal system and public safety'],
  [/region|cit(y|ies)|urban|urbanism|am[ée]nagement|territoire|housing|logement|planning|ville/i, 'REGI', 'Regions and cities'],
  [/popul|soci|social|solidar|d[ée]mograph/i, 'SOCI', 'Population and society'],
  [/scien|technolog|num[ée]rique|digital|research|recherche/i, 'TECH', 'Science and technology'],
  [/transport|mobilit|traffic|trafic|v[ée]lo|bike|cycl|parking|stationnement|road|route/i, 'TRAN', 'Transport'],
];

export function themeConcept(theme: string): Concept | undefined {
  for (const [re, code, label] of THEMES) if (re.test(theme)) return concept('data-theme', code, label);
  return undefined;
}

export const DATA_THEME_SCHEME = `${EU_AUTH}data-theme`;
