// The catalog stage's one way in.
export { Catalog, type NewVersion } from './store.ts';
export { applyMeta, COMPUTED_KEYS, emptyMetas, parseMetaAssignment, sameMetas, sanitizeDescription } from './metas.ts';
export { coverageFromRow, temporalFields } from './coverage.ts';
export { newDatasetUid, validateDatasetId, newRecordTable, newStagingTable } from './ids.ts';
export { attachSearchTable, catalogMaskedDataset, catalogSearchDataset, CATALOG_FACETS, CATALOG_TABLE, FEATURES_MASK, featuresMask, featuresOf, stripTags } from './search-table.ts';
