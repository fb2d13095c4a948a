// A JSON Schema (2020-12, for ajv) of a DCAT-US 1.1 `data.json` catalog, rule for rule from the
// Project Open Data v1.1 JSON Schema files (catalog.json, dataset.json, distribution.json,
// organization.json, vcard.json of project-open-data.github.io / GSA's dashboard) and the field
// tables of https://resources.data.gov/resources/dcat-us/. Not derived from our output: each rule
// names its source below. Deliberate differences, all stricter than the official files:
//  - bureauCode and programCode (required "USG" fields for US federal agencies only) are left out,
//    as the non-federal profile (dataset-non-federal.json) does; keyword and modified stay required
//    (federal dataset.json; "Required: Always" in the field tables);
//  - contactPoint.hasEmail is required, as in the federal vcard.json;
//  - "mediaType is required if downloadURL is present" and "accessURL or downloadURL" (field
//    tables) are enforced; the official distribution.json leaves them to prose;
//  - ISO 8601 dates are accepted in the extended form only (with hyphens and colons);
//  - strings the official files allow to be null must here be non-empty strings when present.
// The official files are not available offline; they were read, not copied.

// ISO 8601 pieces (extended format): calendar, week and ordinal dates, optional time and zone.
const DATE = '[+-]?\\d{4}(?:-(?:(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\\d|3[01]))?|W(?:[0-4]\\d|5[0-3])(?:-[1-7])?|(?:00[1-9]|0[1-9]\\d|[12]\\d{2}|3(?:[0-5]\\d|6[0-6]))))?';
const TIME = '(?:[T ](?:(?:[01]\\d|2[0-3])(?::[0-5]\\d(?::[0-5]\\d(?:[.,]\\d+)?)?)?|24:00)(?:Z|[zZ]|[+-](?:[01]\\d|2[0-3])(?::?[0-5]\\d)?)?)?';
const INSTANT = DATE + TIME;
// A duration with at least one number (the official lookahead `(?=\w*\d)`).
const DURATION = 'P(?=\\w*\\d)(?:\\d+Y)?(?:\\d+M)?(?:\\d+W)?(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+(?:\\.\\d{1,2})?S)?)?';
const anchored = (...alternatives: string[]): string => `^(?:${alternatives.join('|')})$`;
// dataset.json "modified": an instant, a duration (repeating or not, as dataset-non-federal.json
// allows), or an interval (start/end, start/duration, duration/end, R/start/duration).
const MODIFIED = anchored(INSTANT, `(?:R\\d*/)?${DURATION}`, `${INSTANT}/${INSTANT}`, `${INSTANT}/${DURATION}`, `${DURATION}/${INSTANT}`, `R\\d*/${INSTANT}/${DURATION}`);
// dataset.json "issued": an instant.
const ISSUED = anchored(INSTANT);
// dataset-non-federal.json "temporal": an interval (start/end, [R/]start/duration, [R/]duration/end).
const TEMPORAL = anchored(`${INSTANT}/${INSTANT}`, `(?:R\\d*/)?${INSTANT}/${DURATION}`, `(?:R\\d*/)?${DURATION}/${INSTANT}`);
// dataset.json "accrualPeriodicity": "irregular" or a repeating duration R/P…
const PERIODICITY = `^R\\d*/${DURATION}$`;
// distribution.json "mediaType" / "describedByType".
const MEDIA_TYPE = '^[-\\w]+/[-\\w]+(\\.[-\\w]+)*([+][-\\w]+)?$';
// vcard-non-federal.json "hasEmail".
const MAILTO = '^mailto:[\\w.-]+@[\\w.-]+\\.[\\w.-]+?$';
// BCP 47 language tag: language, optional script, region and variants (dataset.json "language").
const LANGUAGE = '^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|\\d{3}))?(-([A-Za-z0-9]{5,8}|\\d[A-Za-z0-9]{3}))*$';

const uri = { type: 'string', format: 'uri' };
const text = { type: 'string', minLength: 1 };

export const dcatUsCatalogSchema = {
  type: 'object',
  // catalog.json
  required: ['conformsTo', 'dataset'],
  properties: {
    '@context': uri,
    '@id': uri,
    '@type': { enum: ['dcat:Catalog'] },
    conformsTo: { enum: ['https://project-open-data.cio.gov/v1.1/schema'] },
    describedBy: uri,
    dataset: { type: 'array', items: { $ref: '#/$defs/dataset' } },
  },
  $defs: {
    // dataset.json (federal), less the two USG-only codes.
    dataset: {
      type: 'object',
      required: ['title', 'description', 'keyword', 'modified', 'publisher', 'contactPoint', 'identifier', 'accessLevel'],
      properties: {
        '@type': { enum: ['dcat:Dataset'] },
        title: text,
        description: text,
        keyword: { type: 'array', minItems: 1, items: text },
        modified: { type: 'string', pattern: MODIFIED },
        issued: { type: 'string', pattern: ISSUED },
        publisher: { $ref: '#/$defs/organization' },
        contactPoint: { $ref: '#/$defs/vcard' },
        identifier: text,
        accessLevel: { enum: ['public', 'restricted public', 'non-public'] },
        license: uri,
        rights: { type: 'string', minLength: 1, maxLength: 255 },
        spatial: text,
        temporal: { type: 'string', pattern: TEMPORAL },
        accrualPeriodicity: { anyOf: [{ enum: ['irregular'] }, { type: 'string', pattern: PERIODICITY }] },
        conformsTo: uri,
        dataQuality: { type: 'boolean' },
        describedBy: uri,
        describedByType: { type: 'string', pattern: MEDIA_TYPE },
        isPartOf: text,
        landingPage: uri,
        language: { type: 'array', items: { type: 'string', pattern: LANGUAGE } },
        primaryITInvestmentUII: { type: 'string', pattern: '[0-9]{3}-[0-9]{9}' },
        references: { type: 'array', minItems: 1, uniqueItems: true, items: uri },
        systemOfRecords: text,
        theme: { type: 'array', minItems: 1, uniqueItems: true, items: text },
        distribution: { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/$defs/distribution' } },
      },
    },
    // organization.json
    organization: {
      type: 'object',
      required: ['name'],
      properties: { '@type': { enum: ['org:Organization'] }, name: text, subOrganizationOf: { $ref: '#/$defs/organization' } },
    },
    // vcard.json (federal: fn and hasEmail required)
    vcard: {
      type: 'object',
      required: ['fn', 'hasEmail'],
      properties: { '@type': { enum: ['vcard:Contact'] }, fn: text, hasEmail: { type: 'string', pattern: MAILTO } },
    },
    // distribution.json, plus the field tables' "mediaType required if downloadURL is present"
    // and "accessURL or downloadURL".
    distribution: {
      type: 'object',
      properties: {
        '@type': { enum: ['dcat:Distribution'] },
        downloadURL: uri,
        mediaType: { type: 'string', pattern: MEDIA_TYPE },
        format: text,
        accessURL: uri,
        description: text,
        title: text,
        conformsTo: uri,
        describedBy: uri,
        describedByType: { type: 'string', pattern: MEDIA_TYPE },
      },
      dependentRequired: { downloadURL: ['mediaType'] },
      anyOf: [{ required: ['downloadURL'] }, { required: ['accessURL'] }],
    },
  },
} as const;
