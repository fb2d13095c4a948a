// What the pages API does: create, update (GET → edit → PUT safe), publish, unpublish, delete,
// versions and restore, export and import; each checks the caller's page permissions first and
// reads the whole body before anything is stored.
import type { Caller } from '../governance/rules.ts';
import type { GovernanceStore } from '../governance/store.ts';
import type { DataEnv } from './data-env.ts';
import { newPageUid, type PageStore } from './store.ts';
import type { Page, PageContent } from './types.ts';
import { READ_ONLY_KEYS, EXPORT_FORMAT, EXPORT_VERSION } from './body.ts';
import { readContent, readSettings } from './validate.ts';
import { invalid, list, object, onlyKeys, type Obj } from './read.ts';
import { canReadPage, requirePage } from './access.ts';
import { AgoraError } from '../core/errors.ts';

export interface PageDeps { pages: PageStore; store: GovernanceStore; env: DataEnv }

const SETTINGS = ['slug', 'public', 'featured', 'readers'];

function readReaders(v: unknown, store: GovernanceStore): Page['readers'] {
  const o = object(v, 'readers');
  onlyKeys(o, ['users', 'groups'], 'readers');
  const names = (key: 'users' | 'groups') => list(o, key, 'readers', 500).map((x, i) => {
    const known = typeof x === 'string' && (key === 'users' ? store.findUser(x) : store.findGroup(x));
    if (!known) throw invalid(`readers.${key}[${i}]`, `no ${key === 'users' ? 'user' : 'group'} "${String(x)}"`);
    return x as string;
  });
  return { users: [...new Set(names('users'))], groups: [...new Set(names('groups'))] };
}

/** The changes a body asks for, checked whole; security keys need manage_page. */
function readChanges(d: PageDeps, body: unknown, ignore: readonly string[]): { settings: ReturnType<typeof readSettings>; readers?: Page['readers']; content?: PageContent } {
  const o = object(body, 'body');
  onlyKeys(o, [...SETTINGS, 'content', ...ignore], '');
  const settings = readSettings(o);
  const readers = o.readers === undefined ? undefined : readReaders(o.readers, d.store);
  const content = o.content === undefined ? undefined : readContent(o.content, d.env);
  return { settings, readers, content };
}

function managed(d: PageDeps, c: Caller, before: Page | null, ch: ReturnType<typeof readChanges>): void {
  const pub = ch.settings.public !== undefined && ch.settings.public !== (before?.public ?? false);
  const feat = ch.settings.featured !== undefined && ch.settings.featured !== (before?.featured ?? false);
  const rd = ch.readers !== undefined && JSON.stringify(ch.readers) !== JSON.stringify(before?.readers ?? { users: [], groups: [] });
  if (pub || feat || rd) requirePage(d.store, c, 'manage_page');
}

export async function createPage(d: PageDeps, c: Caller, body: unknown): Promise<Page> {
  requirePage(d.store, c, 'create_page');
  const ch = readChanges(d, body, []);
  if (!ch.settings.slug) throw invalid('slug', 'is required (the page\'s address: /pages/<slug>)');
  if (!ch.content) throw invalid('content', 'is required: {"title", "blocks": [...]}');
  managed(d, c, null, ch);
  const now = new Date().toISOString();
  const who = c.user!.username;
  const page: Page = {
    uid: newPageUid(), slug: ch.settings.slug, public: ch.settings.public ?? false, featured: ch.settings.featured ?? false,
    draft: ch.content, published: null, readers: ch.readers ?? { users: [], groups: [] },
    first_published_at: null, published_at: null, created_at: now, updated_at: now, created_by: who, updated_by: who,
  };
  await d.pages.save(page, { saved_at: now, saved_by: who, note: 'created', published: false, content: page.draft });
  return page;
}

export async function updatePage(d: PageDeps, c: Caller, uid: string, body: unknown): Promise<Page> {
  requirePage(d.store, c, 'edit_page');
  const before = d.pages.get(uid);
  const ch = readChanges(d, body, READ_ONLY_KEYS);
  managed(d, c, before, ch);
  const now = new Date().toISOString();
  const changed = ch.content !== undefined && JSON.stringify(ch.content) !== JSON.stringify(before.draft);
  const page: Page = {
    ...before, slug: ch.settings.slug ?? before.slug, public: ch.settings.public ?? before.public, featured: ch.settings.featured ?? before.featured,
    readers: ch.readers ?? before.readers, draft: ch.content ?? before.draft, updated_at: now, updated_by: c.user!.username,
  };
  await d.pages.save(page, changed ? { saved_at: now, saved_by: c.user!.username, note: null, published: false, content: page.draft } : undefined);
  return page;
}

export async function setPagePublished(d: PageDeps, c: Caller, uid: string, published: boolean): Promise<Page> {
  requirePage(d.store, c, 'edit_page');
  const before = d.pages.get(uid);
  const now = new Date().toISOString();
  const who = c.user!.username;
  const page: Page = published
    ? { ...before, published: before.draft, published_at: now, first_published_at: before.first_published_at ?? now, updated_at: now, updated_by: who }
    : { ...before, published: null, published_at: null, updated_at: now, updated_by: who };
  await d.pages.save(page, published ? { saved_at: now, saved_by: who, note: 'published', published: true, content: page.draft } : undefined);
  return page;
}

export async function deletePage(d: PageDeps, c: Caller, uid: string): Promise<Page> {
  requirePage(d.store, c, 'edit_page');
  const p = d.pages.get(uid);
  await d.pages.delete(p.uid);
  return p;
}

/** Makes a saved version the draft again (as a new version; publishing stays a separate step). */
export async function restoreVersion(d: PageDeps, c: Caller, uid: string, n: number): Promise<Page> {
  requirePage(d.store, c, 'edit_page');
  const before = d.pages.get(uid);
  const v = await d.pages.version(before.uid, n);
  const now = new Date().toISOString();
  const page: Page = { ...before, draft: v.content, updated_at: now, updated_by: c.user!.username };
  await d.pages.save(page, { saved_at: now, saved_by: c.user!.username, note: `restored version ${n}`, published: false, content: v.content });
  return page;
}

/** Reads an export file; `replace` updates the draft of the page with the same slug instead of refusing. */
export async function importPage(d: PageDeps, c: Caller, body: unknown, replace: boolean): Promise<{ page: Page; created: boolean }> {
  requirePage(d.store, c, 'create_page');
  const o = object(body, 'body') as Obj;
  if (o.format !== EXPORT_FORMAT) throw invalid('format', `expected "${EXPORT_FORMAT}" (a file from GET …/pages/{uid}/export)`);
  if (o.format_version !== EXPORT_VERSION) throw invalid('format_version', `expected ${EXPORT_VERSION}`);
  const { format: _f, format_version: _v, ...rest } = o;
  const existing = typeof rest.slug === 'string' ? d.pages.findBySlug(rest.slug) : undefined;
  if (existing && !replace) throw new AgoraError('PAGE_SLUG_TAKEN', `A page already has the slug "${existing.slug}"; import with ?replace=true to make the file its draft.`, { detail: { slug: ['already used'] } });
  if (existing) return { page: await updatePage(d, c, existing.uid, rest), created: false };
  return { page: await createPage(d, c, rest), created: true };
}

/** The published page (or, for editors asking for it, the draft) the caller may read. */
export function readablePage(d: PageDeps, c: Caller, slug: string, draft: boolean): { page: Page; content: PageContent } {
  const p = d.pages.findBySlug(slug);
  const gone = () => new AgoraError('PAGE_NOT_FOUND', `No page at /pages/${slug}`, { detail: { slug: ['no such page'] } });
  if (!p) throw gone();
  if (draft) { requirePage(d.store, c, 'edit_page'); return { page: p, content: p.draft }; }
  if (!canReadPage(d.store, c, p)) throw gone();
  return { page: p, content: p.published! };
}

export function readablePages(d: PageDeps, c: Caller): Page[] {
  return d.pages.list().filter((p) => canReadPage(d.store, c, p));
}

/** Changes who may read a restricted page (its ODS rulesets); needs manage_page. */
export async function setReaders(d: PageDeps, c: Caller, uid: string, readers: Page['readers']): Promise<Page> {
  requirePage(d.store, c, 'manage_page');
  const before = d.pages.get(uid);
  const page: Page = { ...before, readers, updated_at: new Date().toISOString(), updated_by: c.user!.username };
  await d.pages.save(page);
  return page;
}
