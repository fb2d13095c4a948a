// The errors catalogue: every error Agora returns has a stable, greppable code, grouped by stage,
// an HTTP status and the ODS `error_code` the Explore API body carries. Throw AgoraError only.

export interface ErrorSpec { status: number; odsCode: string; doc: string }

export const ERRORS = {
  // core / config
  CONFIG_INVALID: { status: 500, odsCode: 'ConfigError', doc: 'A configuration value is invalid.' },
  // catalog
  DATASET_NOT_FOUND: { status: 404, odsCode: 'UnknownDatasetError', doc: 'No dataset with this identifier is visible to the caller.' },
  DATASET_ID_INVALID: { status: 400, odsCode: 'InvalidDatasetIdError', doc: 'A dataset identifier must be lowercase letters, digits, - and _.' },
  DATASET_EXISTS: { status: 409, odsCode: 'DatasetExistsError', doc: 'A dataset with this identifier exists; use --replace or --append.' },
  METADATA_INVALID: { status: 400, odsCode: 'InvalidMetadataError', doc: 'A metadata key is unknown or its value has the wrong shape.' },
  RECORD_NOT_FOUND: { status: 404, odsCode: 'UnknownRecordError', doc: 'No record with this identifier in the dataset.' },
  // ingest
  INGEST_EMPTY: { status: 400, odsCode: 'IngestError', doc: 'The source file is empty.' },
  INGEST_NO_HEADER: { status: 400, odsCode: 'IngestError', doc: 'The source has no header row.' },
  INGEST_RAGGED_ROW: { status: 400, odsCode: 'IngestError', doc: 'A row has more or fewer columns than the header.' },
  INGEST_MALFORMED_ROW: { status: 400, odsCode: 'IngestError', doc: 'A row cannot be parsed (e.g. an unterminated quote).' },
  INGEST_ENCODING: { status: 400, odsCode: 'IngestError', doc: 'The source has bytes that cannot be decoded.' },
  INGEST_INVALID_GEOJSON: { status: 400, odsCode: 'IngestError', doc: 'The GeoJSON source is not a valid FeatureCollection.' },
  INGEST_INVALID_JSON: { status: 400, odsCode: 'IngestError', doc: 'The JSON source cannot be parsed.' },
  INGEST_NOT_WORKBOOK: { status: 400, odsCode: 'IngestError', doc: 'The file is not an Excel workbook, or the sheet does not exist.' },
  INGEST_UNREACHABLE: { status: 400, odsCode: 'IngestError', doc: 'The source URL cannot be fetched.' },
  INGEST_FORMAT: { status: 400, odsCode: 'IngestError', doc: 'The source format is not recognised or not supported.' },
  INGEST_SCHEMA_MISMATCH: { status: 400, odsCode: 'IngestError', doc: 'Appended data does not have the fields of the dataset.' },
  INGEST_NO_ROWS: { status: 400, odsCode: 'IngestError', doc: 'The source has columns but no rows, and publishing it empty was not allowed.' },
  PROCESSOR_INVALID: { status: 400, odsCode: 'InvalidProcessorError', doc: 'A processor is unknown, or one of its parameters is missing or has a wrong value (the parameter is named).' },
  HARVEST_INVALID: { status: 400, odsCode: 'InvalidHarvestError', doc: 'A harvest source is unknown or misconfigured, or one of its options is missing or has a wrong value (the option is named).' },
  HARVEST_STATUS: { status: 400, odsCode: 'invalid_harvester_status', doc: 'The harvester cannot do that in its current status: it is running already (one run at a time; abort it or wait for it to end), or it is not running (nothing to abort).' },
  HARVEST_FAILED: { status: 502, odsCode: 'HarvestFailedError', doc: 'The remote portal of a harvest source answered something that could not be read (the URL and what was wrong are named).' },
  PROCESSOR_NOT_FOUND: { status: 404, odsCode: 'NotFoundError', doc: 'No processor with this identifier in the dataset.' },
  PROCESSOR_FAILED: { status: 400, odsCode: 'ProcessorError', doc: 'A processor failed on a record (the processor, the record and the field are named); nothing was published.' },
  INGEST_FAILED: { status: 500, odsCode: 'IngestError', doc: 'Loading the data failed; nothing was published.' },
  // outbound (every request Agora makes to another host: src/outbound/)
  OUTBOUND_REFUSED: { status: 400, odsCode: 'OutboundRefusedError', doc: 'An outbound request was refused: its host (or a redirect\'s) is a local, private or otherwise reserved address, or it passed a limit (redirects, size, time, content type).' },
  OUTBOUND_FAILED: { status: 502, odsCode: 'OutboundError', doc: 'An outbound request could not be completed: the host cannot be resolved or reached, or the connection broke off.' },
  // refresh (scheduled sources)
  REFRESH_RUNNING: { status: 409, odsCode: 'ConflictError', doc: 'A refresh of this dataset is running already; one runs at a time.' },
  // query
  ODSQL_SYNTAX: { status: 400, odsCode: 'ODSQLError', doc: 'The ODSQL text cannot be parsed.' },
  ODSQL_UNKNOWN_FIELD: { status: 400, odsCode: 'ODSQLError', doc: 'A field name is not in the dataset.' },
  ODSQL_TYPE: { status: 400, odsCode: 'ODSQLError', doc: 'An argument has the wrong type for a function or operator.' },
  ODSQL_UNKNOWN_FUNCTION: { status: 400, odsCode: 'ODSQLError', doc: 'A function name is not in the function catalogue.' },
  ODSQL_CLAUSE: { status: 400, odsCode: 'ODSQLError', doc: 'A function or expression is not allowed in this clause.' },
  ODSQL_EVALUATION: { status: 400, odsCode: 'ODSQLError', doc: 'The query is valid but a value it computes overflows or is out of range.' },
  // plan
  LIMIT_INVALID: { status: 400, odsCode: 'InvalidRESTParameterError', doc: 'limit/offset are out of the documented bounds.' },
  PARAMETER_INVALID: { status: 400, odsCode: 'InvalidRESTParameterError', doc: 'A request parameter has an invalid value.' },
  // server
  ROUTE_NOT_FOUND: { status: 404, odsCode: 'NotFoundError', doc: 'No such API route.' },
  EXPORT_FORMAT_UNKNOWN: { status: 400, odsCode: 'InvalidRESTParameterError', doc: 'The export format is not supported.' },
  QUOTA_EXCEEDED: { status: 429, odsCode: 'TooManyRequestsError', doc: 'Too many requests for the caller\'s quota.' },
  // auth
  UNAUTHORIZED: { status: 401, odsCode: 'AuthenticationError', doc: 'The credentials are missing or invalid.' },
  FORBIDDEN: { status: 403, odsCode: 'PermissionDeniedError', doc: 'The caller lacks the permission.' },
  ACCOUNT_EXISTS: { status: 409, odsCode: 'AccountExistsError', doc: 'A user or group with this name already exists.' },
  ACCOUNT_NOT_FOUND: { status: 404, odsCode: 'NotFoundError', doc: 'No user, group or API key with this identifier.' },
  // realtime
  PUSH_KEY_INVALID: { status: 401, odsCode: 'AuthenticationError', doc: 'The push key is missing, wrong or revoked for this real-time resource.' },
  PUSH_DISABLED: { status: 409, odsCode: 'PushDisabledError', doc: 'Pushes to this real-time resource are disabled; its data is kept.' },
  PUSH_RECORD_INVALID: { status: 400, odsCode: 'InvalidRecordError', doc: 'A pushed record has an unknown field or a value of the wrong type; nothing of the push is stored.' },
  PUSH_TOO_LARGE: { status: 413, odsCode: 'PayloadTooLargeError', doc: 'The push body is over the size limit (5 MB); nothing of it is stored.' },
  REALTIME_NOT_FOUND: { status: 404, odsCode: 'NotFoundError', doc: 'No real-time resource with this identifier in the dataset.' },
  // pages
  PAGE_NOT_FOUND: { status: 404, odsCode: 'NotFoundError', doc: 'No page with this identifier or slug is visible to the caller.' },
  PAGE_SLUG_TAKEN: { status: 409, odsCode: 'ConflictError', doc: 'Another page already has this slug (its address).' },
  // community (reuses)
  REUSE_NOT_FOUND: { status: 404, odsCode: 'NotFoundError', doc: 'No reuse with this identifier is visible to the caller.' },
  REUSE_EXISTS: { status: 409, odsCode: 'ConflictError', doc: 'A reuse of this URL is already submitted (waiting for moderation or shown); a rejected one may be submitted again.' },
  // storage
  STORAGE_FAILED: { status: 500, odsCode: 'InternalError', doc: 'The store failed to answer.' },
  STORAGE_UNAVAILABLE: { status: 503, odsCode: 'ServiceUnavailableError', doc: 'The store cannot be reached right now (connection lost or timed out); try again later.' },
} as const satisfies Record<string, ErrorSpec>;

export type ErrorCode = keyof typeof ERRORS;

export class AgoraError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly odsCode: string;
  readonly details: Record<string, unknown>;
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'AgoraError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.odsCode = ERRORS[code].odsCode;
    this.details = details;
  }
}

export function isAgoraError(e: unknown): e is AgoraError {
  return e instanceof AgoraError;
}

/** A request body's key or parameter with a wrong value: 400, the ODS validation body names `where`. */
export function invalidParameter(where: string, message: string): AgoraError {
  return new AgoraError('PARAMETER_INVALID', `Invalid ${where}: ${message}`, { detail: { [where]: [message] } });
}
