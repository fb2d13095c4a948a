// Automation API calls of the back office (/api/automation/v1.0/), typed after the ODS bodies.
import { adminFetch, AdminError, csrfToken, xhrError } from './session.ts';

export const AUTOMATION = '/api/automation/v1.0';

export interface MetaValue { value: unknown }
export interface AdminDataset {
  uid: string; dataset_id: string; is_published: boolean; is_restricted: boolean;
  metadata: { default: Record<string, MetaValue>; dcat: Record<string, MetaValue> };
  default_security: Security;
}
export interface Paginated<T> { total_count: number; results: T[] }
export interface Security { is_data_visible: boolean; visible_fields: string[] | null; filter_query: string | null; api_calls_quota: unknown }
export interface RulesetBody { user?: { username: string }; group?: { uid: string }; permissions: string[]; security: Security }
export interface AdminUser { username: string; email: string; is_admin: boolean; is_active: boolean; permissions: string[]; groups?: Array<{ uid: string }> }
export interface AdminGroup { uid: string; title: string; description: string; user_count: number; permissions: string[] }
export interface ApiKey { key_id: string; username: string; scopes: string[]; created: string; revoked: boolean | string | null }
export interface AuditEntry { at: string; actor: string; action: string; target: string; ip: string | null; detail: unknown }

export const DATASET_PERMISSIONS = ['explore_restricted_dataset', 'edit_dataset', 'publish_dataset', 'manage_dataset'] as const;
export const DOMAIN_PERMISSIONS = [
  'edit_domain', 'create_dataset', 'explore_restricted_dataset', 'edit_dataset', 'publish_dataset', 'manage_dataset',
  'create_page', 'edit_page', 'manage_page', 'explore_restricted_page',
] as const;

const ds = (uid: string) => `${AUTOMATION}/datasets/${encodeURIComponent(uid)}`;

export function titleOf(d: AdminDataset): string {
  const v = d.metadata.default.title?.value;
  return typeof v === 'string' && v ? v : d.dataset_id;
}

export const listDatasets = () => adminFetch<Paginated<AdminDataset>>('GET', `${AUTOMATION}/datasets?limit=1000`);
export const getDataset = (uid: string) => adminFetch<AdminDataset>('GET', ds(uid));
export const setPublished = (uid: string, publish: boolean) => adminFetch<unknown>('POST', `${ds(uid)}/${publish ? 'publish' : 'unpublish'}`);
export const setRestricted = (uid: string, restricted: boolean) => adminFetch<AdminDataset>('PUT', ds(uid), { is_restricted: restricted });
export const setDefaultSecurity = (uid: string, security: Security) => adminFetch<AdminDataset>('PUT', ds(uid), { default_security: security });
export const deleteDataset = (uid: string) => adminFetch<void>('DELETE', ds(uid));
export const putMetadata = (uid: string, template: Record<string, MetaValue>) => adminFetch<unknown>('PUT', `${ds(uid)}/metadata/default`, template);

export const listRules = (uid: string, kind: 'user' | 'group') => adminFetch<Paginated<RulesetBody>>('GET', `${ds(uid)}/security/${kind}s?limit=1000`);
export const createRule = (uid: string, kind: 'user' | 'group', body: RulesetBody) => adminFetch<RulesetBody>('POST', `${ds(uid)}/security/${kind}s`, body);
export const updateRule = (uid: string, kind: 'user' | 'group', name: string, body: RulesetBody) => adminFetch<RulesetBody>('PUT', `${ds(uid)}/security/${kind}s/${encodeURIComponent(name)}`, body);
export const deleteRule = (uid: string, kind: 'user' | 'group', name: string) => adminFetch<void>('DELETE', `${ds(uid)}/security/${kind}s/${encodeURIComponent(name)}`);

export interface UserPreview {
  username: string; is_active: boolean; dataset_visible: boolean; data_visible: boolean;
  fields: Array<{ name: string; label: string; type: string }>; total_count: number; results: Array<Record<string, unknown>>;
}
/** Agora extension: what `username` would get from the Explore API records of this dataset (manage_dataset). */
export const previewAsUser = (uid: string, username: string, limit = 10) =>
  adminFetch<UserPreview>('GET', `${ds(uid)}/security/preview?username=${encodeURIComponent(username)}&limit=${limit}`);

export const listUsers = () => adminFetch<Paginated<AdminUser>>('GET', `${AUTOMATION}/users?limit=1000`);
export const updateUser = (username: string, body: { permissions: string[]; is_active: boolean }) => adminFetch<AdminUser>('PUT', `${AUTOMATION}/users/${encodeURIComponent(username)}`, body);
/** Whether the caller may manage accounts (edit_domain): the users list answers, or 403. */
export const canManageDomain = () => adminFetch<unknown>('GET', `${AUTOMATION}/users?limit=0`).then(() => true, () => false);
export const deleteUser = (username: string) => adminFetch<void>('DELETE', `${AUTOMATION}/users/${encodeURIComponent(username)}`);
export async function provisionUser(u: { username: string; email: string; password: string; is_admin: boolean; permissions: string[] }): Promise<void> {
  const out = await adminFetch<Record<string, { status_code: string; error?: { message: string } }>>('POST', `${AUTOMATION}/users/provision`, {
    username: u.username, email: u.email || undefined, is_admin: u.is_admin, permissions: u.permissions,
    identity_provider: { uid: 'local' }, identity_provider_attributes: { password: u.password },
  });
  const r = out['0'];
  if (!r || r.status_code !== 'success') throw new Error(r?.error?.message ?? 'the account was not created');
}
export const listGroups = () => adminFetch<Paginated<AdminGroup>>('GET', `${AUTOMATION}/groups?limit=1000`);
export const createGroup = (title: string, description: string, permissions: string[]) => adminFetch<AdminGroup>('POST', `${AUTOMATION}/groups`, { title, description, permissions });
export const updateGroupPermissions = (uid: string, permissions: string[]) => adminFetch<AdminGroup>('PUT', `${AUTOMATION}/groups/${encodeURIComponent(uid)}`, { permissions });
export const deleteGroup = (uid: string) => adminFetch<void>('DELETE', `${AUTOMATION}/groups/${encodeURIComponent(uid)}`);
export const addMember = (uid: string, username: string) => adminFetch<unknown>('POST', `${AUTOMATION}/groups/${encodeURIComponent(uid)}/users`, { username });
export const removeMember = (uid: string, username: string) => adminFetch<void>('DELETE', `${AUTOMATION}/groups/${encodeURIComponent(uid)}/users/${encodeURIComponent(username)}`);

export const listKeys = () => adminFetch<{ results: ApiKey[] }>('GET', '/api/auth/apikeys');
export const createKey = (scopes: string[]) => adminFetch<ApiKey & { key: string }>('POST', '/api/auth/apikeys', { scopes });
export const revokeKey = (id: string) => adminFetch<void>('DELETE', `/api/auth/apikeys/${encodeURIComponent(id)}`);

export const listAudit = (limit: number, offset: number) => adminFetch<{ total_count: number; results: AuditEntry[] }>('GET', `/api/auth/audit?limit=${limit}&offset=${offset}`);

/** Forgotten password: an account named by username, or by e-mail address when the text has an @.
 *  `delivery` says where links go on this portal: e-mail, or the administrator (no mail server). */
export const requestPasswordReset = (who: string, language: string) => adminFetch<{ detail: string; delivery: 'email' | 'administrator' }>(
  'POST', '/api/auth/password-reset/request', who.includes('@') ? { email: who, language } : { username: who, language });
export const confirmPasswordReset = (token: string, password: string) => adminFetch<void>('POST', '/api/auth/password-reset/confirm', { token, password });

// ---- creating a dataset from a file (resources/files/, resources/, preview, fields/, publish/) ----

export const FIELD_TYPES = ['text', 'int', 'double', 'boolean', 'date', 'datetime', 'geo_point_2d', 'geo_shape', 'json_blob', 'file'] as const;
export interface PreviewField { name: string; label: string; type: string; original_name: string; description?: string }
export interface ResourcePreview { fields: PreviewField[]; records: Array<Record<string, unknown>> }
export interface FieldConfig { uid: string; type: string; field?: string; from_name?: string; to_name?: string; type_param?: string; field_label?: string; description?: string }

/** The ODS extractor for a file name (csvfile, xlsxfile, …), or null when Agora cannot read it. */
export function extractorFor(filename: string): string | null {
  const ext = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase();
  const map: Record<string, string> = { csv: 'csvfile', tsv: 'tsvfile', json: 'jsonfile', jsonl: 'jsonlinesfile', ndjson: 'jsonlinesfile', geojson: 'geojsonfile', xls: 'xlsfile', xlsx: 'xlsxfile', parquet: 'parquetfile', kml: 'kmlfile', gpx: 'gpxfile', zip: 'shpfile' };
  return ext ? map[ext] ?? null : null;
}

export const createDataset = (datasetId: string, title: string) =>
  adminFetch<AdminDataset>('POST', `${AUTOMATION}/datasets`, { dataset_id: datasetId, metadata: { default: { title: { value: title } } } });

/** Uploads one file (multipart, XMLHttpRequest for upload progress from 0 to 1). */
export function uploadFile(uid: string, file: File, onProgress: (fraction: number) => void): Promise<{ uid: string; filename: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${ds(uid)}/resources/files`);
    xhr.setRequestHeader('accept', 'application/json');
    const csrf = csrfToken();
    if (csrf) xhr.setRequestHeader('x-csrf-token', csrf);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) { onProgress(1); resolve(JSON.parse(xhr.responseText) as { uid: string; filename: string }); } else reject(xhrError(xhr));
    };
    xhr.onerror = () => reject(new AdminError('The upload failed (network error).', 0));
    const form = new FormData();
    form.append('file', file);
    xhr.send(form);
  });
}

/** `params.skip_bad_rows` (Agora extension): rows with the wrong number of columns are skipped and listed by publish/. */
export const createFileResource = (uid: string, fileUid: string, filename: string, type: string, params: Record<string, unknown> = {}) =>
  adminFetch<{ uid: string }>('POST', `${ds(uid)}/resources`, { type, title: filename, params, datasource: { type: 'uploaded_file', file: { uid: fileUid } } });
export const deleteResource = (uid: string, resourceUid: string) => adminFetch<void>('DELETE', `${ds(uid)}/resources/${encodeURIComponent(resourceUid)}`);
export const previewResource = (uid: string, resourceUid: string) => adminFetch<ResourcePreview>('GET', `${ds(uid)}/resources/${encodeURIComponent(resourceUid)}/preview?limit=10`);
export const fieldConfigs = (uid: string) => adminFetch<Paginated<FieldConfig>>('GET', `${ds(uid)}/fields?limit=1000`);
export const putFieldConfig = (uid: string, existing: string | undefined, body: Omit<FieldConfig, 'uid'> & { label?: string }) => existing
  ? adminFetch<FieldConfig>('PUT', `${ds(uid)}/fields/${encodeURIComponent(existing)}`, body)
  : adminFetch<FieldConfig>('POST', `${ds(uid)}/fields`, body);
/** publish/'s answer: the ODS "detail", and (Agora extensions) files published without rows and the rows skipped. */
export interface PublishAnswer {
  detail: string;
  warnings?: Array<{ code: string; file: string; message: string }>;
  skipped_rows?: Array<{ file: string; line: number; reason: string }>;
}
export const publishWithResources = (uid: string) => adminFetch<PublishAnswer>('POST', `${ds(uid)}/publish`);

/** The configuration of one kind (type, rename, description) for one field, if any. */
export function configFor(configs: FieldConfig[], kind: string, field: string): FieldConfig | undefined {
  return [...configs].reverse().find((c) => c.type === kind && (c.field ?? c.from_name) === field);
}

/** The rename configuration giving `field` a new label (its uid to replace, if any): a pending rename
 *  of the field's technical name, made through the Automation API, keeps its new name. */
export function labelRename(configs: FieldConfig[], field: string, label: string): { uid: string | undefined; body: Omit<FieldConfig, 'uid'> } {
  const rename = configFor(configs, 'rename', field);
  return { uid: rename?.uid, body: { type: 'rename', from_name: field, to_name: rename?.to_name ?? field, field_label: label } };
}
