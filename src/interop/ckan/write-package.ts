// CKAN package writes onto the Automation API's authoring path: package_create (a draft with the
// package's metadata, then published as the read side shows it), package_update (the metadata CKAN
// manages replaced as a whole), package_patch (only the keys given), package_delete (CKAN's soft
// delete: the dataset is unpublished, its name stays taken; package_patch with "state": "active"
// publishes it again) and dataset_purge (the dataset and its data are deleted).
// A package dictionary read with package_show is accepted back: read-only keys are ignored.
import type { FastifyRequest } from 'fastify';
import type { Dataset } from '../../core/types.ts';
import { validateDatasetId } from '../../catalog/index.ts';
import { createDataset, forgetDrafts, publishDataset } from '../../governance/authoring.ts';
import { deleteDataset, metadataPatch, setPublished, updateDataset } from '../../governance/automation.ts';
import { hasPermission } from '../../governance/rules.ts';
import type { AppContext } from '../../server/context.ts';
import { describedDatasets, visibleDatasets } from '../visibility.ts';
import { frequencyConcept, languageTag } from '../vocab.ts';
import { CkanError, invalid } from './envelope.ts';
import { packageDict, slug, stableId, type CkanContext } from './package.ts';
import { flag, jsonValue, text, type CkanData } from './params.ts';
import { collections } from './search.ts';
import { asCkan, editablePackage, isDict, onlyKeys, writeContext, type WriteContext } from './write-context.ts';

const ckanContext = (ctx: AppContext): CkanContext => ({ baseUrl: ctx.config.baseUrl, portalName: ctx.config.portalName });

/** CKAN licence ids → the licence text and URL Agora stores (read back by licences.ts as the same id). */
const LICENCES: Record<string, { title: string; url: string }> = {
  'odc-odbl': { title: 'Open Data Commons Open Database License (ODbL)', url: 'https://opendatacommons.org/licenses/odbl/1-0/' },
  'odc-pddl': { title: 'Open Data Commons Public Domain Dedication and License (PDDL)', url: 'https://opendatacommons.org/licenses/pddl/1-0/' },
  'odc-by': { title: 'Open Data Commons Attribution License (ODC-By)', url: 'https://opendatacommons.org/licenses/by/1-0/' },
  'cc-zero': { title: 'Creative Commons CC0 1.0 Universal', url: 'https://creativecommons.org/publicdomain/zero/1.0/' },
  'cc-by': { title: 'Creative Commons Attribution 4.0', url: 'https://creativecommons.org/licenses/by/4.0/' },
  'cc-by-sa': { title: 'Creative Commons Attribution-ShareAlike 4.0', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
  'cc-nc': { title: 'Creative Commons Attribution-NonCommercial 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
  'uk-ogl': { title: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
  lov2: { title: 'Licence Ouverte / Open Licence 2.0 (Etalab)', url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/' },
};

/** package_update replaces the metadata CKAN manages (title, notes, tags, license_id, owner_org,
 *  groups, url, author, maintainer, maintainer_email, extras: a key left out is cleared). The keys
 *  package_show computes (id, metadata_modified, organization, resources, num_tags…) and other
 *  unknown top-level keys are ignored, as CKAN's schema ignores them; unknown keys inside tags,
 *  groups and extras are refused, as CKAN refuses them. */
const NAME_RE = /^[a-z0-9_-]{2,100}$/;

type Meta = { default: Record<string, { value: unknown }>; dcat: Record<string, { value: unknown }> };

function str(d: CkanData, key: string): string | null {
  const v = d[key];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' && typeof v !== 'number') throw invalid(key, 'Must be a string');
  return String(v);
}

/** A list of dictionaries (JSON in a form or multipart body) or undefined. */
function dictList(d: CkanData, key: string): CkanData[] | undefined {
  const v = jsonValue(d, key);
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || !v.every(isDict)) throw invalid(key, 'Must be a list of dictionaries');
  return v;
}

function checkName(name: string): void {
  if (name.length < 2) throw invalid('name', 'Must be at least 2 characters long');
  if (name.length > 100) throw invalid('name', 'Name must be a maximum of 100 characters long');
  if (!NAME_RE.test(name)) throw invalid('name', 'Must be purely lowercase alphanumeric (ascii) characters and these symbols: -_');
  try { validateDatasetId(name); } catch (e) { throw invalid('name', (e as Error).message); }
}

/** The ODS metadata the package keys give (only the keys present, or all of MANAGED with `replace`). */
function metadataOf(w: WriteContext, d: CkanData, current: Dataset | null, replace: boolean): Meta {
  const out: Meta = { default: {}, dcat: {} };
  const has = (k: string) => replace || (d[k] !== undefined);
  const set = (t: 'default' | 'dcat', k: string, v: unknown) => { out[t][k] = { value: v }; };
  const c = ckanContext(w.ctx);
  if (has('title')) set('default', 'title', str(d, 'title') ?? current?.dataset_id ?? text(d, 'name') ?? '');
  if (has('notes')) set('default', 'description', str(d, 'notes'));
  if (has('url')) set('default', 'references', str(d, 'url'));
  if (has('author')) set('dcat', 'creator', str(d, 'author'));
  if (has('maintainer')) set('dcat', 'contact_name', str(d, 'maintainer'));
  if (has('maintainer_email')) set('dcat', 'contact_email', str(d, 'maintainer_email'));
  for (const k of ['author_email', 'version']) {
    if (str(d, k) !== null) throw invalid(k, `Agora keeps no package ${k.replace('_', ' ')}${k === 'author_email' ? ': give the contact as maintainer and maintainer_email' : ''}`);
  }
  if (has('tags')) {
    const tags = dictList(d, 'tags') ?? [];
    const names = tags.map((t, i) => {
      onlyKeys('tags', t, ['name', 'id', 'display_name', 'state', 'vocabulary_id']);
      const n = typeof t.name === 'string' ? t.name.trim() : '';
      if (!n) throw new CkanError('Validation Error', `tags: tag ${i + 1} has no name`, { tags: [`Tag ${i + 1}: Missing value`] });
      if (n.length < 2 || n.length > 100) throw new CkanError('Validation Error', `tags: tag "${n}" length`, { tags: [`Tag "${n}" length must be between 2 and 100 characters`] });
      if (!/^[\p{L}\p{N}\s\-_.]+$/u.test(n)) throw new CkanError('Validation Error', `tags: tag "${n}"`, { tags: [`Tag "${n}" must be alphanumeric characters or symbols: -_.`] });
      return n;
    });
    set('default', 'keyword', [...new Set(names)]);
  }
  if (has('license_id')) {
    const id = str(d, 'license_id');
    const known = id ? LICENCES[id] : undefined;
    set('default', 'license', id === null || id === 'notspecified' ? null : known ? known.title : id);
    set('default', 'license_url', known ? known.url : null);
  }
  const visible = visibleDatasets(w.ctx, w.req);
  if (has('owner_org')) {
    const org = str(d, 'owner_org');
    if (org === null) set('default', 'publisher', null);
    else {
      const orgs = [...collections(visible, c, 'organization').values()];
      const own = { name: slug(c.portalName), id: stableId('organization', slug(c.portalName)), title: c.portalName };
      const found = [...orgs, own].find((o) => o.id === org || o.name === org);
      if (!found) throw invalid('owner_org', 'Organization does not exist');
      set('default', 'publisher', found.name === own.name ? null : found.title);
    }
  }
  if (has('groups')) {
    const groups = [...collections(visible, c, 'group').values()];
    const themes = (dictList(d, 'groups') ?? []).map((g) => {
      onlyKeys('groups', g, ['id', 'name', 'title', 'display_name', 'description', 'image_display_url', 'type', 'is_organization', 'approval_status', 'state', 'image_url', 'created', 'capacity']);
      const found = groups.find((x) => x.id === g.id || x.name === g.name || (g.id === undefined && x.name === g.name));
      if (!found) throw invalid('groups', `That group name or ID does not exist: ${String(g.name ?? g.id ?? '')}`);
      return found.title;
    });
    set('default', 'theme', themes);
  }
  if (has('extras')) extrasInto(d, current ? packageDict(current, c) : null, set);
  return out;
}

/** Extras Agora keeps (language, frequency); the ones package_show computes are accepted back unchanged. */
function extrasInto(d: CkanData, shown: Record<string, unknown> | null, set: (t: 'default' | 'dcat', k: string, v: unknown) => void): void {
  const extras = dictList(d, 'extras') ?? [];
  const echoed = new Map(((shown?.extras ?? []) as Array<{ key: string; value: string }>).map((e) => [e.key, e.value]));
  let language: string | null = null;
  /** undefined: as stored (package_show's own URI sent back). */
  let frequency: string | null | undefined = null;
  for (const e of extras) {
    onlyKeys('extras', e, ['key', 'value', 'state', 'deleted']);
    const key = typeof e.key === 'string' ? e.key : '';
    const value = e.value === null || e.value === undefined ? '' : typeof e.value === 'string' ? e.value : JSON.stringify(e.value);
    if (!key) throw invalid('extras', 'An extra has no key');
    if (e.deleted === true || e.deleted === 'on') continue;
    if (key === 'language') {
      if (value && !languageTag(value)) throw invalid('extras', `language: "${value}" is not a language code (ISO 639-1, e.g. "en")`);
      language = value || null;
    } else if (key === 'frequency') {
      if (value && value === echoed.get('frequency')) frequency = undefined;
      else if (value && !frequencyConcept(value)) throw invalid('extras', `frequency: "${value}" is not a frequency (e.g. "daily" or an EU frequency URI)`);
      else frequency = value || null;
    } else if (echoed.get(key) !== value) {
      throw invalid('extras', `"${key}": Agora keeps no free-form extras (it keeps language and frequency; ${[...echoed.keys()].filter((k) => k !== 'language' && k !== 'frequency').join(', ')} are computed)`);
    }
  }
  set('default', 'language', language);
  if (frequency !== undefined) set('dcat', 'accrualperiodicity', frequency);
}

async function packageResult(w: WriteContext, ds: Dataset): Promise<Record<string, unknown>> {
  const dict = packageDict((await describedDatasets(w.ctx, w.req, [ds]))[0], ckanContext(w.ctx));
  return { ...dict, private: ds.is_restricted, state: ds.is_published ? 'active' : 'draft' };
}

/** Agora's metadata keys in its errors (metadata.dcat.contact_email…) → the package keys CKAN names. */
const CKAN_KEY: Record<string, string> = {
  'metadata.default.title': 'title', 'metadata.default.description': 'notes', 'metadata.default.keyword': 'tags', 'metadata.default.license': 'license_id',
  'metadata.default.license_url': 'license_id', 'metadata.default.publisher': 'owner_org', 'metadata.default.theme': 'groups', 'metadata.default.references': 'url',
  'metadata.default.language': 'extras', 'metadata.dcat.creator': 'author', 'metadata.dcat.contact_name': 'maintainer', 'metadata.dcat.contact_email': 'maintainer_email',
  'metadata.dcat.accrualperiodicity': 'extras', is_restricted: 'private', dataset_id: 'name',
};

async function packageNames<T>(field: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await asCkan(field, fn);
  } catch (e) {
    if (e instanceof CkanError && e.type === 'Validation Error') {
      throw new CkanError(e.type, e.message, Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [CKAN_KEY[k] ?? k, v])));
    }
    throw e;
  }
}

export async function packageCreate(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'package_create');
  const name = text(d, 'name');
  if (name === undefined) throw invalid('name', 'Missing value');
  checkName(name);
  const resources = dictList(d, 'resources');
  if (resources?.length) throw invalid('resources', 'Add resources with resource_create once the package exists (Agora imports each one into the dataset\'s records)');
  const state = text(d, 'state') ?? 'active';
  if (state !== 'active' && state !== 'draft') throw invalid('state', 'Must be active or draft');
  const isPrivate = flag(d, 'private', false);
  // Checked before anything is created: the dataset is published at once unless asked for a draft.
  return packageNames('name', async () => {
    if (!w.caller.user) throw new CkanError('Authorization Error', 'Access denied: Action package_create requires an authenticated user');
    if (!hasPermission(w.deps.store, w.caller, 'create_dataset')) throw new CkanError('Authorization Error', `Access denied: User ${w.caller.user.username} not authorized to create packages (create_dataset is required)`);
    if (state === 'active' && !hasPermission(w.deps.store, w.caller, 'publish_dataset')) {
      throw new CkanError('Authorization Error', `Access denied: User ${w.caller.user.username} not authorized to publish packages (publish_dataset is required; send "state": "draft" to create a draft)`);
    }
    if (ctx.catalog.find(name)) throw invalid('name', 'That URL is already in use.');
    const metadata = metadataOf(w, d, null, false);
    if (metadata.default.title === undefined) metadata.default.title = { value: name };
    let ds = await createDataset(w.deps, w.caller, { dataset_id: name, metadata, is_restricted: isPrivate });
    await w.audit('dataset.create', ds.dataset_uid, { dataset_id: ds.dataset_id });
    const grant = w.deps.store.findRuleset(ds.dataset_uid, { kind: 'user', username: w.caller.user.username });
    if (grant) await w.audit('security.user.create', ds.dataset_uid, { user: { username: w.caller.user.username }, permissions: grant.permissions, reason: 'creator of the dataset' });
    if (state === 'active') {
      ds = (await publishDataset(w.deps, w.caller, ds.dataset_uid)).dataset;
      await w.audit('dataset.publish', ds.dataset_uid, { dataset_id: ds.dataset_id });
    }
    return packageResult(w, ds);
  });
}

async function updateOrPatch(ctx: AppContext, req: FastifyRequest, d: CkanData, action: 'package_update' | 'package_patch'): Promise<unknown> {
  const w = await writeContext(ctx, req, action);
  const id = text(d, 'id') ?? text(d, 'name');
  if (id === undefined) throw invalid('id', 'Missing value');
  return packageNames('id', async () => {
    let ds = editablePackage(w, id, 'any');
    const name = text(d, 'name');
    if (name !== undefined && name !== ds.dataset_id && text(d, 'id') !== undefined) {
      checkName(name);
      throw invalid('name', ctx.catalog.find(name) ? 'That URL is already in use.' : 'A package cannot be renamed in Agora (its name is the dataset id)');
    }
    const body: Record<string, unknown> = {};
    const metadata = metadataOf(w, d, ds, action === 'package_update');
    metadataPatch(ds.metas, metadata); // every value checked before anything is written
    body.metadata = metadata;
    if (d.private !== undefined || action === 'package_update') body.is_restricted = flag(d, 'private', action === 'package_update' ? false : ds.is_restricted);
    // CKAN's states: "active" publishes (a package_delete undone), "deleted" or "draft" unpublishes.
    const state = text(d, 'state');
    if (state !== undefined && !['active', 'deleted', 'draft'].includes(state)) throw invalid('state', 'Must be active, draft or deleted');
    const publish = state === undefined || (state === 'active') === ds.is_published ? null : state === 'active';
    if (publish !== null && !hasPermission(w.deps.store, w.caller, 'publish_dataset', ds)) {
      throw new CkanError('Authorization Error', `Access denied: publish_dataset is required to change the state of package ${ds.dataset_id}`);
    }
    const before = JSON.stringify([ds.metas, ds.is_restricted]);
    ds = await updateDataset(w.deps, w.caller, ds.dataset_uid, body);
    if (JSON.stringify([ds.metas, ds.is_restricted]) !== before) await w.audit('dataset.update', ds.dataset_uid, { dataset_id: ds.dataset_id, changes: body });
    if (publish === true) {
      ds = (await publishDataset(w.deps, w.caller, ds.dataset_uid)).dataset;
      await w.audit('dataset.publish', ds.dataset_uid, { dataset_id: ds.dataset_id });
    } else if (publish === false) {
      ds = await setPublished(w.deps, w.caller, ds.dataset_uid, false);
      await w.audit('dataset.unpublish', ds.dataset_uid, { dataset_id: ds.dataset_id });
    }
    return packageResult(w, ds);
  });
}

export const packageUpdate = (ctx: AppContext, req: FastifyRequest, d: CkanData) => updateOrPatch(ctx, req, d, 'package_update');
export const packagePatch = (ctx: AppContext, req: FastifyRequest, d: CkanData) => updateOrPatch(ctx, req, d, 'package_patch');

/** CKAN's package_delete marks the package deleted (it leaves the lists, its name stays taken): here
 *  it is unpublished (publish_dataset, as unpublish/). Returns null as CKAN does. */
export async function packageDelete(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'package_delete');
  const id = text(d, 'id');
  if (id === undefined) throw invalid('id', 'Missing value');
  return asCkan('id', async () => {
    const ds = editablePackage(w, id, 'any');
    const out = await setPublished(w.deps, w.caller, ds.dataset_uid, false);
    await w.audit('dataset.unpublish', out.dataset_uid, { dataset_id: out.dataset_id });
    return null;
  });
}

/** dataset_purge: the dataset, its data, its rulesets and what was prepared for it are deleted
 *  (edit_dataset, as DELETE datasets/{uid}/). Returns null as CKAN does. */
export async function datasetPurge(ctx: AppContext, req: FastifyRequest, d: CkanData): Promise<unknown> {
  const w = await writeContext(ctx, req, 'dataset_purge');
  const id = text(d, 'id');
  if (id === undefined) throw invalid('id', 'Missing value');
  return asCkan('id', async () => {
    const ds = editablePackage(w, id, 'any');
    await deleteDataset(w.deps, w.caller, ds.dataset_uid);
    await forgetDrafts(w.deps, ds.dataset_uid);
    await w.audit('dataset.delete', ds.dataset_uid, { dataset_id: ds.dataset_id });
    return null;
  });
}
