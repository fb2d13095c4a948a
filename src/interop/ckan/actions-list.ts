// The read-only CKAN actions Agora answers, with their parameters: read by the dispatcher (which
// actions exist) and by the OpenAPI document (how to call them). Plain data.

export interface CkanParam { name: string; description: string; schema: Record<string, unknown>; required?: boolean }
export interface CkanActionInfo { name: string; summary: string; params: CkanParam[] }

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
];
