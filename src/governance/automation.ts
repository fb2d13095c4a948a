// The Automation API's operations on datasets and their security, as functions over the catalog and
// the accounts store: who may do what (ODS permissions) is checked here, HTTP shapes live in
// src/server/routes/automation.ts. Bodies follow the ODS Automation API v1.0 schemas.
import { AgoraError } from '../core/errors.ts';
import type { Dataset, DatasetMetas } from '../core/types.ts';
import type { Catalog } from '../catalog/index.ts';
import { applyMeta, COMPUTED_KEYS, sameMetas } from '../catalog/index.ts';
import type { GovernanceStore } from './store.ts';
import { canSeeDataset, hasPermission, type Caller } from './rules.ts';
import { parseDatasetPermissions, parseSecurity, rulesetBody, securityBody } from './security.ts';
import { OPEN_SECURITY, type DomainPermission, type Ruleset, type RulesetTarget } from './types.ts';
import { isPlainObject as isObject } from '../core/types.ts';
import { invalidParameter as invalid } from '../core/errors.ts';

export interface AutomationDeps { catalog: Catalog; store: GovernanceStore }

const EDITING: DomainPermission[] = ['edit_dataset', 'publish_dataset', 'manage_dataset'];

export function requireUser(c: Caller): void {
  if (!c.user) throw new AgoraError('UNAUTHORIZED', 'Authentication required: send an API key ("Authorization: Apikey KEY").');
}

/** Datasets the caller may edit, publish or secure (ODS: "all the datasets that can be edited by this user"). */
export function editableDatasets(d: AutomationDeps, c: Caller): Dataset[] {
  requireUser(c);
  return d.catalog.list().filter((ds) => EDITING.some((p) => hasPermission(d.store, c, p, ds)));
}

/** The dataset by uid if the caller holds `perm` on it; 404 when they cannot even see or edit it,
 *  403 when they can see it but lack the permission. */
export function datasetFor(d: AutomationDeps, c: Caller, uid: string, perm: DomainPermission | 'any'): Dataset {
  requireUser(c);
  const ds = d.catalog.findByUid(uid);
  const editable = ds && EDITING.some((p) => hasPermission(d.store, c, p, ds));
  if (!ds || (!editable && !canSeeDataset(d.store, c, ds))) throw new AgoraError('DATASET_NOT_FOUND', `Unknown dataset: ${uid}`, { dataset_uid: uid });
  if (perm === 'any' ? !editable : !hasPermission(d.store, c, perm, ds)) {
    throw new AgoraError('FORBIDDEN', `Permission denied: ${perm === 'any' ? 'edit_dataset' : perm} is required on dataset ${ds.dataset_id}.`);
  }
  return ds;
}

/** The default template as GET shows it: what a publisher sets, then what the portal computes (read-only:
 *  a PUT carrying them back is accepted and they are ignored; `modified` is the publisher's to set). */
const META_KEYS = [
  'title', 'description', 'theme', 'keyword', 'license', 'license_url', 'language', 'publisher', 'references', 'attributions', 'territory',
  'geographic_reference', 'timezone', 'modified', 'modified_updates_on_metadata_change', 'modified_updates_on_data_change',
  'data_processed', 'metadata_processed', 'records_count', 'temporal_coverage',
] as const;
const TEMPLATES = ['default', 'dcat'] as const;
type Template = (typeof TEMPLATES)[number];

/** ODS `DatasetMetadata`: each template an object of `{"value": …}` (unset values left out). */
export function metadataBody(ds: Dataset): Record<Template, Record<string, { value: unknown }>> {
  const out: Record<Template, Record<string, { value: unknown }>> = { default: {}, dcat: {} };
  const def = ds.metas.default as unknown as Record<string, unknown>;
  for (const k of META_KEYS) if (def[k] !== undefined && def[k] !== null) out.default[k] = { value: def[k] };
  for (const [k, v] of Object.entries(ds.metas.dcat ?? {})) if (v !== undefined && v !== null) out.dcat[k] = { value: v };
  return out;
}

function template(name: string): Template {
  if (!(TEMPLATES as readonly string[]).includes(name)) throw new AgoraError('ACCOUNT_NOT_FOUND', `Unknown metadata template "${name}" (Agora has default and dcat).`);
  return name as Template;
}

/** GET metadata/{template}/[{key}/]: a template, or one `{"value"}` (404 when unset or unknown). */
export function readMetadata(d: AutomationDeps, c: Caller, uid: string, tpl?: string, key?: string): unknown {
  const ds = datasetFor(d, c, uid, 'any');
  const body = metadataBody(ds);
  if (tpl === undefined) return body;
  const t = body[template(tpl)];
  if (key === undefined) return t;
  if (!(key in t)) throw new AgoraError('ACCOUNT_NOT_FOUND', `No metadata "${key}" in template ${tpl} of dataset ${ds.dataset_id}.`);
  return t[key];
}

/** PUT metadata/, metadata/{template}/ or metadata/{template}/{key}/ (edit_dataset); `null` for a
 *  key (DELETE) unsets it. Returns the same level of the updated metadata. */
export async function writeMetadata(d: AutomationDeps, c: Caller, uid: string, body: unknown, tpl?: string, key?: string): Promise<unknown> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  if (key !== undefined && tpl === 'default' && COMPUTED_KEYS.has(key)) throw invalid(`metadata.default.${key}`, 'is computed by the portal and cannot be set');
  let patch: unknown = body;
  if (key !== undefined) patch = { [template(tpl!)]: { [key]: body === null ? { value: null } : body } };
  else if (tpl !== undefined) patch = { [template(tpl)]: body };
  await d.catalog.updateMetas(ds.dataset_id, metadataPatch(ds.metas, patch));
  return readMetadata(d, c, uid, tpl, key === undefined || body !== null ? key : undefined);
}

/** ODS `Dataset` body. */
export function datasetBody(d: AutomationDeps, ds: Dataset): Record<string, unknown> {
  const metadata = metadataBody(ds);
  const def = d.store.findRuleset(ds.dataset_uid, { kind: 'default' });
  return {
    uid: ds.dataset_uid, dataset_id: ds.dataset_id, created_at: ds.created,
    updated_at: ds.metas.default.metadata_processed ?? ds.metas.default.modified ?? ds.created,
    is_published: ds.is_published, is_restricted: ds.is_restricted, metadata,
    default_security: securityBody(def?.security ?? OPEN_SECURITY),
  };
}

/** PUT /datasets/{uid}/: a metadata change needs edit_dataset; an is_restricted or default_security
 *  change needs manage_dataset. A body read with GET is accepted back as it is: values equal to the
 *  current ones (read-only keys, computed metadata) change nothing and need no permission beyond
 *  editing. Everything is checked before anything is written. */
export async function updateDataset(d: AutomationDeps, c: Caller, uid: string, body: unknown): Promise<Dataset> {
  let ds = datasetFor(d, c, uid, 'any');
  if (!isObject(body)) throw invalid('body', 'expected a Dataset object');
  const known = new Set(['uid', 'dataset_id', 'created_at', 'updated_at', 'is_published', 'is_restricted', 'metadata', 'default_security']);
  for (const k of Object.keys(body)) if (!known.has(k)) throw invalid(k, 'unknown key');
  if (body.uid !== undefined && body.uid !== ds.dataset_uid) throw invalid('uid', 'is read-only');
  if (body.dataset_id !== undefined && body.dataset_id !== ds.dataset_id) throw invalid('dataset_id', 'cannot be changed in Agora');
  if (body.is_published !== undefined && body.is_published !== ds.is_published) throw invalid('is_published', 'is read-only: use publish/ or unpublish/');
  let metas: DatasetMetas | null = body.metadata !== undefined ? metadataPatch(ds.metas, body.metadata) : null;
  if (metas && sameMetas(metas, ds.metas)) metas = null;
  if (metas && !hasPermission(d.store, c, 'edit_dataset', ds)) throw new AgoraError('FORBIDDEN', `Permission denied: edit_dataset is required to change the metadata of dataset ${ds.dataset_id}.`);
  if (body.is_restricted !== undefined && typeof body.is_restricted !== 'boolean') throw invalid('is_restricted', 'expected true or false');
  let defaultSecurity = body.default_security !== undefined ? parseSecurity(body.default_security, ds, 'default_security') : null;
  const current = d.store.findRuleset(ds.dataset_uid, { kind: 'default' })?.security ?? OPEN_SECURITY;
  if (defaultSecurity && JSON.stringify(securityBody(defaultSecurity)) === JSON.stringify(securityBody(current))) defaultSecurity = null;
  const restricting = typeof body.is_restricted === 'boolean' && body.is_restricted !== ds.is_restricted;
  if ((restricting || defaultSecurity) && !hasPermission(d.store, c, 'manage_dataset', ds)) {
    throw new AgoraError('FORBIDDEN', `Permission denied: manage_dataset is required to change the security of dataset ${ds.dataset_id}.`);
  }
  if (metas) ds = await d.catalog.updateMetas(ds.dataset_id, metas);
  if (restricting) ds = await d.catalog.updateFlags(ds.dataset_id, { is_restricted: body.is_restricted as boolean });
  if (defaultSecurity) await d.store.putRuleset({ datasetUid: ds.dataset_uid, target: { kind: 'default' }, permissions: [], security: defaultSecurity });
  return ds;
}

export function metadataPatch(current: DatasetMetas, metadata: unknown): DatasetMetas {
  if (!isObject(metadata)) throw invalid('metadata', 'expected an object of templates');
  let metas = current;
  for (const [template, values] of Object.entries(metadata)) {
    if (template !== 'default' && template !== 'dcat') throw invalid(`metadata.${template}`, 'unknown template (Agora has default and dcat)');
    if (values === null) throw invalid(`metadata.${template}`, 'expected an object of {"value": …}');
    if (!isObject(values)) throw invalid(`metadata.${template}`, 'expected an object of {"value": …}');
    // `modified` first: setting it turns the automatic updates off, unless the same body says otherwise.
    const entries = Object.entries(values).sort(([a], [b]) => Number(b === 'modified') - Number(a === 'modified'));
    for (const [key, v] of entries) {
      if (!isObject(v) || !('value' in v)) throw invalid(`metadata.${template}.${key}`, 'expected {"value": …}');
      if (template === 'default' && COMPUTED_KEYS.has(key)) continue; // computed by the portal: a body read with GET carries them
      try {
        metas = applyMeta(metas, template, key, v.value);
      } catch (e) {
        throw invalid(`metadata.${template}.${key}`, (e as Error).message);
      }
    }
  }
  return metas;
}

export async function setPublished(d: AutomationDeps, c: Caller, uid: string, published: boolean): Promise<Dataset> {
  const ds = datasetFor(d, c, uid, 'publish_dataset');
  return ds.is_published === published ? ds : d.catalog.updateFlags(ds.dataset_id, { is_published: published });
}

export async function deleteDataset(d: AutomationDeps, c: Caller, uid: string): Promise<void> {
  const ds = datasetFor(d, c, uid, 'edit_dataset');
  await d.catalog.delete(ds.dataset_id);
  await d.store.deleteDatasetRulesets(ds.dataset_uid);
}

// ---- security rulesets ----

export type TargetKind = 'user' | 'group';

export function listRulesets(d: AutomationDeps, c: Caller, uid: string, kind: TargetKind): Record<string, unknown>[] {
  const ds = datasetFor(d, c, uid, 'manage_dataset');
  return d.store.rulesets(ds.dataset_uid).filter((r) => r.target.kind === kind).map(rulesetBody);
}

function target(kind: TargetKind, name: string): RulesetTarget {
  return kind === 'user' ? { kind, username: name } : { kind, name };
}

export function getRuleset(d: AutomationDeps, c: Caller, uid: string, kind: TargetKind, name: string): Record<string, unknown> {
  const ds = datasetFor(d, c, uid, 'manage_dataset');
  const r = d.store.findRuleset(ds.dataset_uid, target(kind, name));
  if (!r) throw new AgoraError('ACCOUNT_NOT_FOUND', `No ${kind} ruleset for "${name}" on dataset ${ds.dataset_id}.`);
  return rulesetBody(r);
}

/** Reads the target named in a DatasetUserSecurity / DatasetGroupSecurity body. */
function bodyTarget(kind: TargetKind, body: Record<string, unknown>): string | undefined {
  const t = body[kind];
  if (t === undefined) return undefined;
  const key = kind === 'user' ? 'username' : 'uid';
  if (!isObject(t) || typeof t[key] !== 'string' || !t[key]) throw invalid(`${kind}.${key}`, 'expected a non-empty string');
  return t[key] as string;
}

function parseRuleset(d: AutomationDeps, ds: Dataset, kind: TargetKind, name: string, body: Record<string, unknown>): Ruleset {
  for (const k of Object.keys(body)) if (![kind, 'permissions', 'security'].includes(k)) throw invalid(k, 'unknown key');
  if (kind === 'user' && !d.store.findUser(name)) throw invalid('user.username', `unknown user "${name}"`);
  if (kind === 'group' && !d.store.findGroup(name)) throw invalid('group.uid', `unknown group "${name}"`);
  return { datasetUid: ds.dataset_uid, target: target(kind, name), permissions: parseDatasetPermissions(body.permissions), security: parseSecurity(body.security, ds) };
}

/** POST: creates the ruleset named in the body; a target that already has one is a validation error. */
export async function createRuleset(d: AutomationDeps, c: Caller, uid: string, kind: TargetKind, body: unknown): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'manage_dataset');
  if (!isObject(body)) throw invalid('body', `expected a Dataset${kind === 'user' ? 'User' : 'Group'}Security object`);
  const name = bodyTarget(kind, body);
  if (!name) throw invalid(kind, 'is required');
  const r = parseRuleset(d, ds, kind, name, body);
  if (d.store.findRuleset(ds.dataset_uid, r.target)) throw invalid(kind, `a ruleset for "${name}" already exists on this dataset: update it with PUT`);
  return rulesetBody(await d.store.putRuleset(r));
}

/** PUT: replaces an existing ruleset (the body's target, if given, must match the path). */
export async function updateRuleset(d: AutomationDeps, c: Caller, uid: string, kind: TargetKind, name: string, body: unknown): Promise<Record<string, unknown>> {
  const ds = datasetFor(d, c, uid, 'manage_dataset');
  if (!d.store.findRuleset(ds.dataset_uid, target(kind, name))) throw new AgoraError('ACCOUNT_NOT_FOUND', `No ${kind} ruleset for "${name}" on dataset ${ds.dataset_id}.`);
  if (!isObject(body)) throw invalid('body', `expected a Dataset${kind === 'user' ? 'User' : 'Group'}Security object`);
  const named = bodyTarget(kind, body);
  if (named !== undefined && named !== name) throw invalid(kind, `does not match the ruleset in the path ("${name}")`);
  return rulesetBody(await d.store.putRuleset(parseRuleset(d, ds, kind, name, body)));
}

export async function deleteRuleset(d: AutomationDeps, c: Caller, uid: string, kind: TargetKind, name: string): Promise<void> {
  const ds = datasetFor(d, c, uid, 'manage_dataset');
  if (!(await d.store.deleteRuleset(ds.dataset_uid, target(kind, name)))) {
    throw new AgoraError('ACCOUNT_NOT_FOUND', `No ${kind} ruleset for "${name}" on dataset ${ds.dataset_id}.`);
  }
}
