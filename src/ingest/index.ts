// The ingest stage's one way in: importing a file or URL into a dataset (create, replace, append).
export { importDataset } from './pipeline.ts';
export { INGEST_FORMATS, type FieldLayout, type ImportOptions, type ImportProgress, type ImportSummary, type ImportWarning, type IngestFormat, type SkippedRow } from './types.ts';
export { normaliseName, uniqueFieldNames } from './names.ts';
export { previewSource, type Preview, type PreviewField, type PreviewOptions } from './preview.ts';
export { noRowsMessage } from './no-rows.ts';
export { skipAdvice } from './sources/csv.ts';
export { emptyRecordTableSql } from './build.ts';
