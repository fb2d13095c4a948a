// Automation API calls of the back office (/api/automation/v1.0/), typed after the ODS bodies.
import { adminFetch } from './session.ts';

export const AUTOMATION = '/api/automation/v1.0';

export interface MetaValue { value: unknown }
export interface AdminDataset {
  uid: string; dataset_id: string; is_published: boolean; is_restricted: boolean;
  metadata: { default: Record<string, MetaValue>; dcat: Record<string, MetaValue> };
}
export interface Paginated<T> { total_count: number; results: T[] }
export interface Security { is_data_visible: boolean; visible_fields: string[] | null; filter_query: string | null; api_calls_quota: unknown }
export interface RulesetBody { user?: { username: string }; group?: { uid: string }; permissions: string[]; security: Security }
export interface AdminUser { username: string; email: string; is_admin: boolean; is_active: boolean; permissions: string[]; groups?: Array<{ uid: string }> }
export interface AdminGroup { uid: string; title: string; description: string; user_count: number; permissions: string[] }
export interface ApiKey { key_id: string; username: string; scopes: string[]; created: string; revoked: boolean | string | null }
export interface AuditEntry { at: string; actor: string; action: string; target: string; ip: string | null; detail: unknown }

export const DATASET_PERMISSIONS = ['explore_restricted_dataset', 'edit_dataset', 'publish_dataset', 'manage_dataset'] as const;
export const DOMAIN_PERMISSIONS = ['edit_domain', 'create_dataset', 'explore_restricted_dataset', 'edit_dataset', 'publish_dataset', 'manage_dataset'] as const;

const ds = (uid: string) => `${AUTOMATION}/datasets/${encodeURIComponent(uid)}`;

export function titleOf(d: AdminDataset): string {
  const v = d.metadata.default.title?.value;
  return typeof v === 'string' && v ? v : d.dataset_id;
}

export const listDatasets = () => adminFetch<Paginated<AdminDataset>>('GET', `${AUTOMATION}/datasets?limit=1000`);
export const getDataset = (uid: string) => adminFetch<AdminDataset>('GET', ds(uid));
export const setPublished = (uid: string, publish: boolean) => adminFetch<unknown>('POST', `${ds(uid)}/${publish ? 'publish' : 'unpublish'}`);
export const setRestricted = (uid: string, restricted: boolean) => adminFetch<AdminDataset>('PUT', ds(uid), { is_restricted: restricted });
export const deleteDataset = (uid: string) => adminFetch<void>('DELETE', ds(uid));
export const putMetadata = (uid: string, template: Record<string, MetaValue>) => adminFetch<unknown>('PUT', `${ds(uid)}/metadata/default`, template);

export const listRules = (uid: string, kind: 'user' | 'group') => adminFetch<Paginated<RulesetBody>>('GET', `${ds(uid)}/security/${kind}s?limit=1000`);
export const createRule = (uid: string, kind: 'user' | 'group', body: RulesetBody) => adminFetch<RulesetBody>('POST', `${ds(uid)}/security/${kind}s`, body);
export const deleteRule = (uid: string, kind: 'user' | 'group', name: string) => adminFetch<void>('DELETE', `${ds(uid)}/security/${kind}s/${encodeURIComponent(name)}`);

export const listUsers = () => adminFetch<Paginated<AdminUser>>('GET', `${AUTOMATION}/users?limit=1000`);
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
export const deleteGroup = (uid: string) => adminFetch<void>('DELETE', `${AUTOMATION}/groups/${encodeURIComponent(uid)}`);
export const addMember = (uid: string, username: string) => adminFetch<unknown>('POST', `${AUTOMATION}/groups/${encodeURIComponent(uid)}/users`, { username });
export const removeMember = (uid: string, username: string) => adminFetch<void>('DELETE', `${AUTOMATION}/groups/${encodeURIComponent(uid)}/users/${encodeURIComponent(username)}`);

export const listKeys = () => adminFetch<{ results: ApiKey[] }>('GET', '/api/auth/apikeys');
export const createKey = (scopes: string[]) => adminFetch<ApiKey & { key: string }>('POST', '/api/auth/apikeys', { scopes });
export const revokeKey = (id: string) => adminFetch<void>('DELETE', `/api/auth/apikeys/${encodeURIComponent(id)}`);

export const listAudit = (limit: number, offset: number) => adminFetch<{ total_count: number; results: AuditEntry[] }>('GET', `/api/auth/audit?limit=${limit}&offset=${offset}`);
