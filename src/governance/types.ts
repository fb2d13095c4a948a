// Governance vocabulary: users, groups, API keys, ODS permissions and dataset security rulesets as
// plain data. No storage and no HTTP here; store.ts persists them, rules.ts reads them.

/** Domain-level permissions (ODS `Permission`, the subset Agora implements). */
export const DOMAIN_PERMISSIONS = [
  'edit_domain', 'create_dataset', 'explore_restricted_dataset', 'edit_dataset', 'publish_dataset', 'manage_dataset',
  'create_page', 'edit_page', 'manage_page', 'explore_restricted_page',
] as const;
export type DomainPermission = (typeof DOMAIN_PERMISSIONS)[number];

/** Per-dataset permissions a ruleset may grant (ODS `DatasetUserSecurity.permissions`). */
export const DATASET_PERMISSIONS = ['explore_restricted_dataset', 'edit_dataset', 'publish_dataset', 'manage_dataset'] as const;
export type DatasetPermission = (typeof DATASET_PERMISSIONS)[number];

/** API key scopes: which of its user's management powers a key may use ('admin' included). */
export const KEY_SCOPES = [...DOMAIN_PERMISSIONS, 'admin'] as const;
export type KeyScope = (typeof KEY_SCOPES)[number];

export const QUOTA_UNITS = ['second', 'minute', 'hour', 'day', 'month'] as const;
export type QuotaUnit = (typeof QUOTA_UNITS)[number];

/** ODS `DatasetSecurity`. */
export interface DatasetSecurity {
  is_data_visible: boolean;
  /** null: every field; [] : no field. */
  visible_fields: string[] | null;
  /** ODSQL where; '' means every record. */
  filter_query: string;
  api_calls_quota: { unit: QuotaUnit; limit: number } | null;
}

export const OPEN_SECURITY: Readonly<DatasetSecurity> = Object.freeze({
  is_data_visible: true, visible_fields: null, filter_query: '', api_calls_quota: null,
});

export interface User {
  username: string;
  email: string | null;
  /** scrypt hash (see passwords.ts); never logged, never returned by the API. */
  passwordHash: string;
  isAdmin: boolean;
  permissions: DomainPermission[];
  isActive: boolean;
  created: string;
}

export interface Group { name: string; permissions: DomainPermission[]; created: string; title: string | null; description: string | null }

export interface ApiKey {
  keyId: string;
  username: string;
  /** SHA-256 of the secret part (the secret is 256 random bits, so a fast hash is enough). */
  secretHash: string;
  scopes: KeyScope[];
  created: string;
  revoked: string | null;
}

export type RulesetTarget = { kind: 'user'; username: string } | { kind: 'group'; name: string } | { kind: 'default' };

export interface Ruleset {
  datasetUid: string;
  target: RulesetTarget;
  permissions: DatasetPermission[];
  security: DatasetSecurity;
}
