// Harvesters through the Automation API, as ODS shapes them (/harvesters/: list, create, read,
// update, delete, start, abort, publish, unpublish, errors, preview, unsaved_preview, one schedule)
// plus Agora's run history, a new harvester's preview and the registered types. Managing harvesters needs the domain permissions create_dataset and
// publish_dataset; runs use the permissions of who last saved the harvester. HTTP wiring in server/routes.
import { AgoraError, invalidParameter as invalid } from '../core/errors.ts';
import { isPlainObject } from '../core/types.ts';
import { deleteDataset, setPublished, requireUser } from '../governance/automation.ts';
import { forgetDrafts } from '../governance/authoring.ts';
import { newUid } from '../governance/drafts.ts';
import { hasPermission, type Caller } from '../governance/rules.ts';
import { nextRuns, parseCron, parseTimezone } from '../refresh/cron.ts';
import type { Harvesting } from './index.ts';
import { checkOptions, checkSourceUrl } from './options.ts';
import { harvesterDef, harvesterDefs } from './registry.ts';
import { harvestContext } from './context.ts';
import { planFor, sourceAuth } from './runner.ts';
import type { HarvestRun, HarvestSource } from './store.ts';

/** How long a preview may page through a remote catalog. */
const PREVIEW_TIMEOUT_MS = 5 * 60_000;
/** Read-only members of an ODS Harvester body: a client may send back what it read, they are ignored. */
const READ_ONLY = new Set(['uid', 'status', 'version', 'remote_datasets_count', 'harvested_datasets_count', 'published_datasets_count', 'attached_datasets_count',
  'has_error', 'resource_errors_count', 'created_at', 'updated_at', 'updated_by', 'last_started_at', 'last_success_at', 'next_runs', 'schedule']);
const SETTINGS = new Set(['type', 'name', 'url', 'domain', 'api_key', 'metadata_only', 'delete_missing_datasets', 'restrict_datasets_visibility', 'forced_metas', 'dataset_id_prefix']);

export const sealer = (h: Harvesting) => (plain: string) => h.runner.d.secrets.seal(plain);

function mayManage(h: Harvesting, c: Caller): void {
  requireUser(c);
  for (const p of ['create_dataset', 'publish_dataset'] as const) {
    if (!hasPermission(h.runner.d.store, c, p)) throw new AgoraError('FORBIDDEN', `Permission denied: harvesters need the create_dataset and publish_dataset permissions (${p} is missing).`);
  }
}

export function getSource(h: Harvesting, c: Caller, uid: string): HarvestSource {
  mayManage(h, c);
  const s = h.store.get(uid);
  if (!s) throw new AgoraError('ACCOUNT_NOT_FOUND', `No harvester "${uid}".`);
  return s;
}

const bool = (v: unknown, where: string, dflt: boolean): boolean => {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw invalid(where, 'expected true or false');
  return v;
};

/** ODS's `domain` of an ods harvester: a portal id (paris → https://paris.opendatasoft.com) or a base URL. */
const domainUrl = (v: unknown) => (typeof v === 'string' && /^[a-z0-9][a-z0-9-]*$/i.test(v.trim()) ? `https://${v.trim()}.opendatasoft.com` : v);

function forcedMetas(v: unknown): Record<string, Record<string, unknown>> {
  if (v === undefined || v === null) return {};
  if (!isPlainObject(v)) throw invalid('forced_metas', 'expected {"default": {"publisher": "…"}, "dcat": {…}}');
  for (const [tpl, values] of Object.entries(v)) {
    if (tpl !== 'default' && tpl !== 'dcat') throw invalid(`forced_metas.${tpl}`, 'unknown template (Agora has default and dcat)');
    if (!isPlainObject(values)) throw invalid(`forced_metas.${tpl}`, 'expected an object of metadata values');
  }
  return v as Record<string, Record<string, unknown>>;
}

/** ODS's api_key: a string sets it (sealed with `seal`), null or "" removes it, absent keeps the old one. */
function apiKey(body: Record<string, unknown>, def: ReturnType<typeof harvesterDef>, seal: (plain: string) => string, old?: HarvestSource): string | null {
  const v = body.api_key;
  if (v === undefined) return old?.apiKey ?? null;
  if (v === null || v === '') return null;
  if (!def.apiKeyHeaders) throw invalid('api_key', `the ${def.type} harvester takes no API key`);
  if (typeof v !== 'string' || /[\r\n]/.test(v)) throw invalid('api_key', 'expected the remote portal\'s API key as a string');
  return seal(v.trim());
}

/** A checked source from an ODS Harvester body (over `old`'s settings for an update or an unsaved preview). */
export function parseSource(body: unknown, c: Caller, now: string, seal: (plain: string) => string, old?: HarvestSource): HarvestSource {
  if (!isPlainObject(body)) throw invalid('body', 'expected a Harvester object');
  if (old && body.uid !== undefined && body.uid !== old.uid) throw invalid('uid', `is ${old.uid} and cannot change`);
  const type = body.type ?? old?.type;
  const def = harvesterDef(type);
  if (old && type !== old.type) throw invalid('type', `is ${old.type} and cannot change: create another harvester`);
  const optionNames = new Set(def.options.map((o) => o.name));
  const options: Record<string, unknown> = old && body.type === undefined ? { ...old.options } : {};
  for (const [k, v] of Object.entries(body)) {
    if (READ_ONLY.has(k) || SETTINGS.has(k)) continue;
    if (!optionNames.has(k)) {
      throw invalid(k, `unknown key: a ${def.type} harvester takes ${[...SETTINGS].filter((x) => x !== 'domain' || def.type === 'ods').join(', ')}${def.options.length ? `, and its options ${[...optionNames].join(', ')}` : ''}`);
    }
    options[k] = v;
  }
  const url = checkSourceUrl(body.url ?? (def.type === 'ods' ? domainUrl(body.domain) : undefined) ?? old?.url);
  const name = body.name ?? old?.name ?? url;
  if (typeof name !== 'string' || !name.trim()) throw invalid('name', 'expected a non-empty string');
  const prefix = body.dataset_id_prefix ?? old?.prefix ?? '';
  if (typeof prefix !== 'string' || !/^[a-z0-9_-]{0,40}$/.test(prefix)) throw invalid('dataset_id_prefix', 'expected up to 40 lower-case letters, digits, - or _');
  return {
    uid: old?.uid ?? newUid('ha'), type: def.type, name: name.trim(), url, options: checkOptions(def, options), prefix,
    metadataOnly: bool(body.metadata_only, 'metadata_only', old?.metadataOnly ?? false),
    deleteMissing: bool(body.delete_missing_datasets, 'delete_missing_datasets', old?.deleteMissing ?? false),
    restrict: bool(body.restrict_datasets_visibility, 'restrict_datasets_visibility', old?.restrict ?? false),
    forcedMetas: body.forced_metas === undefined && old ? old.forcedMetas : forcedMetas(body.forced_metas),
    apiKey: apiKey(body, def, seal, old), schedule: old?.schedule ?? null, owner: c.user!.username, created: old?.created ?? now, updated: now,
  };
}

/** ODS Harvester body: the settings, the status and the counts of the last run. */
export async function sourceBody(h: Harvesting, s: HarvestSource): Promise<Record<string, unknown>> {
  const runs = await h.store.runsOf(s.uid);
  const last = runs.find((r) => r.outcome !== 'running') ?? null;
  const current = runs[0] ?? null;
  const attached = (await h.store.links(s.uid)).map((l) => h.runner.d.catalog.findByUid(l.datasetUid)).filter((d) => d !== undefined);
  return {
    uid: s.uid, type: s.type, name: s.name, status: h.runner.status(s.uid) === 'idle' && runs.length === 0 ? 'new' : h.runner.status(s.uid), version: 1,
    url: s.url, ...s.options, metadata_only: s.metadataOnly, delete_missing_datasets: s.deleteMissing, restrict_datasets_visibility: s.restrict,
    forced_metas: s.forcedMetas, dataset_id_prefix: s.prefix,
    // ODS: "If it isn't blank, the API returns null to hide this sensitive value"; has_api_key says whether one is set.
    ...(harvesterDef(s.type).apiKeyHeaders ? { api_key: null, has_api_key: s.apiKey !== null } : {}),
    remote_datasets_count: current?.remote ?? 0, harvested_datasets_count: current ? current.created + current.updated + current.unchanged : 0,
    published_datasets_count: attached.filter((d) => d.is_published).length, attached_datasets_count: attached.length,
    has_error: last !== null && last.outcome !== 'done', resource_errors_count: Object.keys(current?.errors ?? {}).length,
    created_at: s.created, updated_at: s.updated, updated_by: { username: s.owner },
    last_started_at: current?.started ?? null, last_success_at: runs.find((r) => r.outcome === 'done')?.finished ?? null,
    schedule: s.schedule ? scheduleBody(s) : null,
  };
}

/** GET harvester_types/ (Agora): every registered type with the options its form asks for; same permission as the list. */
export function listTypes(h: Harvesting, c: Caller): Array<{ type: string; label: string; api_key: boolean; options: Array<{ name: string; label: string; required: boolean; help: string | null }> }> {
  mayManage(h, c);
  return harvesterDefs().map((d) => ({
    type: d.type, label: d.label, api_key: d.apiKeyHeaders !== undefined, options: d.options.map((o) => ({ name: o.name, label: o.label, required: o.required === true, help: o.help ?? null })),
  }));
}

export function listSources(h: Harvesting, c: Caller): HarvestSource[] {
  mayManage(h, c);
  return h.store.all();
}

export async function createSource(h: Harvesting, c: Caller, body: unknown): Promise<HarvestSource> {
  mayManage(h, c);
  const s = parseSource(body, c, new Date(h.runner.d.clock()).toISOString(), sealer(h));
  await h.store.put(s);
  return s;
}

export async function updateSource(h: Harvesting, c: Caller, uid: string, body: unknown): Promise<HarvestSource> {
  const old = getSource(h, c, uid);
  const s = parseSource(body, c, new Date(h.runner.d.clock()).toISOString(), sealer(h), old);
  await h.store.put(s);
  return s;
}

/** DELETE (delete_attached_datasets required, as in ODS): the harvested datasets go too, or stay detached. */
export async function deleteSource(h: Harvesting, c: Caller, uid: string, deleteAttached: string | undefined): Promise<number> {
  const s = getSource(h, c, uid);
  if (deleteAttached !== 'true' && deleteAttached !== 'false') throw invalid('delete_attached_datasets', 'required: true (delete the harvested datasets too) or false (keep them, detached)');
  if (h.runner.isRunning(uid)) throw new AgoraError('HARVEST_STATUS', `Harvester ${uid} is running: abort it before deleting it.`);
  let deleted = 0;
  if (deleteAttached === 'true') {
    for (const l of await h.store.links(uid)) {
      const ds = h.runner.d.catalog.findByUid(l.datasetUid);
      if (!ds) continue;
      await deleteDataset(h.runner.d, c, ds.dataset_uid);
      await forgetDrafts(h.runner.d, ds.dataset_uid);
      deleted++;
    }
  }
  await h.store.delete(uid);
  return deleted;
}

/** POST start/: the run goes on in the background (the promise ends with it); HARVEST_STATUS while one runs. */
export function startSource(h: Harvesting, c: Caller, uid: string): Promise<HarvestRun> {
  const s = getSource(h, c, uid);
  if (h.runner.isRunning(s.uid)) throw new AgoraError('HARVEST_STATUS', `Harvester ${uid} is running: one run at a time (wait for it to end, or abort it).`);
  const run = h.runner.start(s, 'manual', c.user!.username);
  run.catch(() => undefined); // a run's own failure is recorded in its history
  return run;
}

export function abortSource(h: Harvesting, c: Caller, uid: string): void {
  const s = getSource(h, c, uid);
  if (!h.runner.abort(s.uid, c.user!.username)) throw new AgoraError('HARVEST_STATUS', `Harvester ${uid} is not running: there is nothing to abort.`);
}

/** POST publish/ or unpublish/: every dataset the harvester created; returns how many changed. */
export async function publishAttached(h: Harvesting, c: Caller, uid: string, published: boolean): Promise<number> {
  const s = getSource(h, c, uid);
  let n = 0;
  for (const l of await h.store.links(s.uid)) {
    const ds = h.runner.d.catalog.findByUid(l.datasetUid);
    if (!ds || ds.is_published === published) continue;
    await setPublished(h.runner.d, c, ds.dataset_uid, published);
    n++;
  }
  return n;
}

/** GET errors/: of the current or last run. */
export async function sourceErrors(h: Harvesting, c: Caller, uid: string): Promise<{ harvester: string | null; resources: Record<string, string> }> {
  const [run] = await h.store.runsOf(getSource(h, c, uid).uid);
  return { harvester: run?.message ?? null, resources: run?.errors ?? {} };
}

export async function listRuns(h: Harvesting, c: Caller, uid: string): Promise<HarvestRun[]> {
  return h.store.runsOf(getSource(h, c, uid).uid);
}

export function runBody(r: HarvestRun): Record<string, unknown> {
  return {
    uid: r.uid, trigger: r.trigger === 'manual' ? 'manual' : 'schedule', schedule_uid: r.trigger === 'manual' ? null : r.trigger,
    started_at: r.started, finished_at: r.finished, outcome: r.outcome, message: r.message, remote_datasets_count: r.remote,
    created: r.created, updated: r.updated, unchanged: r.unchanged, removed: r.removed, errors: r.errors,
  };
}

/** ODS HarvesterPreviewResult, each result with what a run would do (Agora: action, dataset_id, remote_url,
 *  formats) and the datasets the source no longer offers (missing). */
export async function previewSource(h: Harvesting, c: Caller, s: HarvestSource): Promise<Record<string, unknown>> {
  mayManage(h, c);
  const remote = [];
  for await (const r of harvesterDef(s.type).list(harvestContext(s.url, s.options, AbortSignal.timeout(PREVIEW_TIMEOUT_MS), sourceAuth(s, h.runner.d.secrets)))) remote.push(r);
  const plan = await planFor(h.runner.d, s, remote);
  const row = (action: string) => ({ remote: r, datasetId }: (typeof plan.create)[number]) => ({
    id: r.remoteId, title: r.title, description: r.description ?? '', action, dataset_id: datasetId, remote_url: r.remoteUrl,
    formats: [...new Set(r.distributions.map((f) => f.format ?? 'unknown'))],
  });
  const results = [...plan.create.map(row('create')), ...plan.update.map(row('update')), ...plan.unchanged.map(row('unchanged'))];
  return {
    total_count: results.length, results,
    missing: plan.remove.map((l) => ({ id: l.remoteId, dataset_id: l.datasetId, action: s.deleteMissing ? 'delete' : 'keep' })),
    duplicates: plan.duplicates,
  };
}

/** POST harvesters/unsaved_preview/ (Agora): what a first run of a harvester not saved yet would do, so the
 *  back office can show it before creating the harvester (ODS previews unsaved changes of existing ones only). */
export async function previewNew(h: Harvesting, c: Caller, body: unknown): Promise<Record<string, unknown>> {
  mayManage(h, c);
  return previewSource(h, c, parseSource(body, c, new Date(h.runner.d.clock()).toISOString(), sealer(h)));
}

// ---- the one schedule of a harvester ----

export function scheduleBody(s: HarvestSource): Record<string, unknown> {
  const sc = s.schedule!;
  return { uid: sc.uid, cron_schedule: sc.cron, timezone: sc.timezone, next_runs: nextRuns(sc.cron, new Date(), 3, sc.timezone).map((t) => t.toISOString()), created_at: sc.created };
}

function parseSchedule(body: unknown, uid?: string): { cron: string; timezone: string } {
  if (!isPlainObject(body)) throw invalid('body', 'expected {"cron_schedule": "…", "timezone": "…"}');
  for (const k of Object.keys(body)) {
    if (k === 'uid' && (uid === undefined || body.uid === uid)) continue;
    if (k !== 'cron_schedule' && k !== 'timezone' && k !== 'next_runs' && k !== 'created_at') throw invalid(k, 'unknown key (expected cron_schedule, timezone)');
  }
  const zone = body.timezone ?? (process.env.AGORA_CRON_TIMEZONE || Intl.DateTimeFormat().resolvedOptions().timeZone);
  return { cron: parseCron(body.cron_schedule), timezone: parseTimezone(zone) };
}

export function getSchedule(h: Harvesting, c: Caller, uid: string, scheduleUid: string): HarvestSource {
  const s = getSource(h, c, uid);
  if (!s.schedule || s.schedule.uid !== scheduleUid) throw new AgoraError('ACCOUNT_NOT_FOUND', `No schedule "${scheduleUid}" in harvester ${uid}.`);
  return s;
}

/** A harvester has at most one schedule (ODS); it runs with the permissions of who sets it. */
export async function createSchedule(h: Harvesting, c: Caller, uid: string, body: unknown): Promise<HarvestSource> {
  const s = getSource(h, c, uid);
  if (s.schedule) throw invalid('cron_schedule', `harvester ${uid} has a schedule already (${s.schedule.uid}): a harvester can only have one; change it with PUT`);
  const now = new Date(h.runner.d.clock()).toISOString();
  const next: HarvestSource = { ...s, schedule: { uid: newUid('sc'), ...parseSchedule(body), created: now }, owner: c.user!.username, updated: now };
  await h.store.put(next);
  return next;
}

export async function updateSchedule(h: Harvesting, c: Caller, uid: string, scheduleUid: string, body: unknown): Promise<HarvestSource> {
  const s = getSchedule(h, c, uid, scheduleUid);
  const now = new Date(h.runner.d.clock()).toISOString();
  const next: HarvestSource = { ...s, schedule: { ...s.schedule!, ...parseSchedule(body, scheduleUid) }, owner: c.user!.username, updated: now };
  await h.store.put(next);
  return next;
}

export async function deleteSchedule(h: Harvesting, c: Caller, uid: string, scheduleUid: string): Promise<void> {
  const s = getSchedule(h, c, uid, scheduleUid);
  await h.store.put({ ...s, schedule: null, updated: new Date(h.runner.d.clock()).toISOString() });
}
