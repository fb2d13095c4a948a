// A JSON Schema for DCAT-US 1.1 (Project Open Data metadata schema, non-federal profile), written
// for these tests from the field tables of the specification
// (https://resources.data.gov/resources/dcat-us/): required fields, cardinalities, enumerations
// and value formats. The official JSON Schema files are not available offline.
const ISO_DATE_OR_TIME = '^\\d{4}(-\\d{2}(-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?)?$';
const ISO_INTERVAL = '^\\d{4}(-\\d{2}(-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?)?)?/\\d{4}(-\\d{2}(-\\d{2}(T[0-9:.]+(Z|[+-]\\d{2}:?\\d{2})?)?)?)?$';
const uri = { type: 'string', format: 'uri' };

export const dcatUsCatalogSchema = {
  type: 'object',
  required: ['conformsTo', 'dataset'],
  properties: {
    '@context': uri,
    '@id': uri,
    '@type': { const: 'dcat:Catalog' },
    conformsTo: { const: 'https://project-open-data.cio.gov/v1.1/schema' },
    describedBy: uri,
    dataset: { type: 'array', items: { $ref: '#/$defs/dataset' } },
  },
  $defs: {
    dataset: {
      type: 'object',
      required: ['title', 'description', 'keyword', 'modified', 'publisher', 'contactPoint', 'identifier', 'accessLevel'],
      properties: {
        '@type': { const: 'dcat:Dataset' },
        title: { type: 'string', minLength: 1 },
        description: { type: 'string', minLength: 1 },
        keyword: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
        modified: { type: 'string', pattern: ISO_DATE_OR_TIME },
        issued: { type: 'string', pattern: ISO_DATE_OR_TIME },
        publisher: {
          type: 'object', required: ['name'],
          properties: { '@type': { const: 'org:Organization' }, name: { type: 'string', minLength: 1 }, subOrganizationOf: { type: 'object' } },
        },
        contactPoint: {
          type: 'object', required: ['fn', 'hasEmail'],
          properties: { '@type': { const: 'vcard:Contact' }, fn: { type: 'string', minLength: 1 }, hasEmail: { type: 'string', pattern: '^mailto:[^@\\s]+@[^@\\s]+\\.[^@\\s]+$' } },
        },
        identifier: { type: 'string', minLength: 1 },
        accessLevel: { enum: ['public', 'restricted public', 'non-public'] },
        license: uri,
        rights: { type: 'string', minLength: 1, maxLength: 255 },
        spatial: { type: 'string', minLength: 1 },
        temporal: { type: 'string', pattern: ISO_INTERVAL },
        accrualPeriodicity: { anyOf: [{ const: 'irregular' }, { type: 'string', pattern: '^R/P(\\d+[YMWD])*(T(\\d+[HMS])+)?$' }] },
        conformsTo: uri,
        describedBy: uri,
        describedByType: { type: 'string', pattern: '^[-\\w]+/[-\\w.+]+$' },
        isPartOf: { type: 'string', minLength: 1 },
        landingPage: uri,
        language: { type: 'array', items: { type: 'string', pattern: '^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$' } },
        references: { type: 'array', minItems: 1, uniqueItems: true, items: uri },
        theme: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', minLength: 1 } },
        distribution: { type: 'array', minItems: 1, items: { $ref: '#/$defs/distribution' } },
      },
    },
    distribution: {
      type: 'object',
      properties: {
        '@type': { const: 'dcat:Distribution' },
        downloadURL: uri,
        accessURL: uri,
        mediaType: { type: 'string', pattern: '^[-\\w]+/[-\\w.+]+$' },
        format: { type: 'string', minLength: 1 },
        title: { type: 'string', minLength: 1 },
        description: { type: 'string', minLength: 1 },
        conformsTo: uri,
        describedBy: uri,
      },
      // "mediaType: required if downloadURL is present"; one of the two URLs must be given.
      anyOf: [{ required: ['downloadURL', 'mediaType'] }, { required: ['accessURL'], not: { required: ['downloadURL'] } }],
    },
  },
} as const;
