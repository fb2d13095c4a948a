// The CKAN actions Agora answers, with their parameters: read by the dispatcher (which actions
// exist), help_show and the OpenAPI document (how to call them). Plain data. The write actions
// (`write`: POST only, with an API key) are mapped onto the Automation API in write-*.ts.

export interface CkanParam { name: string; description: string; schema: Record<string, unknown>; required?: boolean }
export interface CkanActionInfo { name: string; summary: string; params: CkanParam[]; write?: boolean }

const p = (name: string, description: string, schema: Record<string, unknown>, required = false): CkanParam => ({ name, description, schema, required });
const id = p('id', 'Name or id.', { type: 'string' }, true);
const limitOffset = [p('limit', 'Maximum number of items.', { type: 'integer', minimum: 0 }), p('offset', 'Items to skip.', { type: 'integer', minimum: 0 })];
const listParams = [p('all_fields', 'Return dictionaries instead of names.', { type: 'boolean' }), p('sort', '"name asc", "title asc" or "package_count desc".', { type: 'string' }), ...limitOffset];

export const CKAN_ACTIONS: CkanActionInfo[] = [
  { name: 'status_show', summary: 'Site information and CKAN version emulated', params: [] },
  { name: 'package_list', summary: 'Names of every visible dataset', params: limitOffset },
  { name: 'package_show', summary: 'One dataset as a CKAN package', params: [id] },
  {
    name: 'package_search', summary: 'Search datasets (q, fq, facets)', params: [
      p('q', 'Words to find (all must match), or field:value terms.', { type: 'string' }),
      p('fq', 'Filter query: field:value terms (tags, organization, groups, res_format, license_id, name), field:(a OR b) groups, date ranges metadata_modified:[2024-01-01 TO *] (also metadata_created, NOW, {exclusive}); - to negate; terms are ANDed.', { type: 'string' }),
      p('rows', 'Results per page, at most 1000.', { type: 'integer', minimum: 0, maximum: 1000, default: 10 }),
      p('start', 'Offset of the first result.', { type: 'integer', minimum: 0, default: 0 }),
      p('sort', 'e.g. "metadata_modified desc", "name asc", "title_string asc", "score desc".', { type: 'string' }),
      p('facet.field', 'JSON list of fields to facet on, e.g. ["tags","organization"].', { type: 'string' }),
      p('facet.limit', 'Values per facet (default 50, -1 for all).', { type: 'integer' }),
    ],
  },
  { name: 'organization_list', summary: 'Publishers as CKAN organizations', params: listParams },
  { name: 'organization_show', summary: 'One organization', params: [id, p('include_datasets', 'Include its datasets.', { type: 'boolean' })] },
  { name: 'group_list', summary: 'Themes as CKAN groups', params: listParams },
  { name: 'group_show', summary: 'One group', params: [id, p('include_datasets', 'Include its datasets.', { type: 'boolean' })] },
  { name: 'tag_list', summary: 'Keywords', params: [p('query', 'Only tags containing this text.', { type: 'string' }), p('all_fields', 'Return dictionaries.', { type: 'boolean' })] },
  { name: 'resource_show', summary: 'One resource (an export format or the datastore resource)', params: [id] },
  {
    name: 'datastore_search', summary: 'Records of a dataset (through the ODSQL pipeline)', params: [
      p('resource_id', 'The datastore resource id (the dataset id).', { type: 'string' }, true),
      p('filters', 'JSON object field → value or list of values.', { type: 'string' }),
      p('q', 'Full-text search, or a JSON object field → text.', { type: 'string' }),
      p('limit', 'Records per page (default 100, at most 32000).', { type: 'integer', minimum: 0, maximum: 32000, default: 100 }),
      p('offset', 'Records to skip.', { type: 'integer', minimum: 0, default: 0 }),
      p('sort', 'e.g. "field1 asc, field2 desc".', { type: 'string' }),
      p('fields', 'Comma-separated field names to return.', { type: 'string' }),
      p('include_total', 'Count the matching records (default true).', { type: 'boolean', default: true }),
      p('records_format', '"objects" (default) or "lists".', { enum: ['objects', 'lists'] }),
    ],
  },
  { name: 'datastore_info', summary: 'Fields and record count of a datastore resource', params: [id] },
  { name: 'help_show', summary: 'The documentation of an action (the page each response\'s "help" links to)', params: [p('name', 'Action name.', { type: 'string' }, true)] },
  { name: 'datastore_search_sql', summary: 'Disabled: answers 403 (use datastore_search)', params: [p('sql', 'SQL (not accepted).', { type: 'string' })] },
  ...writeActions(),
];

function writeActions(): CkanActionInfo[] {
  const w = (name: string, summary: string, params: CkanParam[]): CkanActionInfo => ({ name, summary, params, write: true });
  const list = (description: string) => ({ type: 'array', items: { type: 'object' }, description });
  const pkg = [
    p('title', 'Title (default: the name).', { type: 'string' }), p('notes', 'Description (sanitised HTML).', { type: 'string' }),
    p('tags', '[{"name": …}] → keywords.', list('tag dictionaries')), p('license_id', 'CKAN licence id (cc-by, odc-odbl, cc-zero…) or a licence name.', { type: 'string' }),
    p('owner_org', 'An organization of package_list\'s packages (the publisher), or the portal\'s own.', { type: 'string' }),
    p('groups', '[{"name": …}] of existing groups → themes.', list('group dictionaries')), p('private', 'true: restricted dataset.', { type: 'boolean' }),
    p('url', 'Source page (references).', { type: 'string' }), p('author', 'Creator.', { type: 'string' }), p('maintainer', 'Contact name.', { type: 'string' }),
    p('maintainer_email', 'Contact e-mail.', { type: 'string' }), p('extras', '[{"key", "value"}]: language and frequency (the computed ones are accepted back unchanged).', list('extra dictionaries')),
  ];
  const name = p('name', 'The dataset id: 2-100 lowercase letters, digits, - and _.', { type: 'string' }, true);
  const id = p('id', 'Name or id of the package.', { type: 'string' }, true);
  const source = [
    p('url', 'An http(s) URL of the data (checked as the Automation API checks it).', { type: 'string' }),
    p('upload', 'A file (multipart/form-data part).', { type: 'string', format: 'binary' }),
    p('format', 'CSV, TSV, JSON, JSONL, GeoJSON, XLSX, XLS, Parquet, KML, GPX, SHP (default: the file extension).', { type: 'string' }),
    p('name', 'Title of the source.', { type: 'string' }), p('description', 'Description.', { type: 'string' }),
  ];
  const resourceId = p('resource_id', 'The datastore resource id (the dataset id).', { type: 'string' }, true);
  return [
    w('package_create', 'Create a dataset (create_dataset; published at once with publish_dataset unless state is "draft")', [name, ...pkg, p('state', '"active" (default) or "draft".', { enum: ['active', 'draft'] })]),
    w('package_update', 'Replace the metadata CKAN manages (edit_dataset; private needs manage_dataset)', [id, ...pkg, p('state', '"active" publishes, "deleted" or "draft" unpublishes (publish_dataset).', { enum: ['active', 'draft', 'deleted'] })]),
    w('package_patch', 'Change only the keys given (as package_update)', [id, ...pkg, p('state', 'As package_update.', { enum: ['active', 'draft', 'deleted'] })]),
    w('package_delete', 'Mark deleted: the dataset is unpublished, its name stays taken (publish_dataset)', [id]),
    w('dataset_purge', 'Delete the dataset and its data for good (edit_dataset)', [id]),
    w('resource_create', 'Add a URL or uploaded file and import it into the dataset\'s records (edit_dataset and publish_dataset)', [p('package_id', 'The package.', { type: 'string' }, true), ...source]),
    w('resource_update', 'Replace the sources of the dataset\'s datastore resource with this URL or file, and import it', [p('id', 'The datastore resource id (the dataset id).', { type: 'string' }, true), ...source]),
    w('datastore_create', 'Add fields and records (one transaction; primary_key sets the upsert key)', [
      p('resource_id', 'The datastore resource id (the dataset id); or resource: {"package_id": …}.', { type: 'string' }),
      p('resource', '{"package_id": …} instead of resource_id.', { type: 'object' }),
      p('fields', '[{"id", "type": text | int | float | numeric | timestamp | date | bool | json, "info": {"label", "notes"}}].', list('field dictionaries')),
      p('records', 'Records to add (every one checked before anything is written).', list('records')),
      p('primary_key', 'Field names of the unique key (list or comma-separated).', { type: 'array', items: { type: 'string' } }),
    ]),
    w('datastore_upsert', 'Insert, update or upsert records by the primary key (one transaction)', [
      resourceId, p('records', 'The records.', list('records')),
      p('method', 'upsert (default), insert or update.', { enum: ['upsert', 'insert', 'update'], default: 'upsert' }),
      p('dry_run', 'Check and roll back.', { type: 'boolean' }),
    ]),
    w('datastore_delete', 'Delete the records matching filters, or the whole table', [resourceId, p('filters', 'Field → value or list of values; none: every record and field.', { type: 'object' })]),
  ];
}
