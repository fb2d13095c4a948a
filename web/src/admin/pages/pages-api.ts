// Automation API calls of the page editor (/api/automation/v1.0/pages/) and the catalog datasets
// its pickers offer (Explore API). Every write goes through adminFetch (session cookie + CSRF token).
import { AUTOMATION, type Paginated } from '../api.ts';
import { adminFetch } from '../session.ts';
import type { AutomationPage, CatalogDataset, PageContent, PageVersion } from './model.ts';

const PAGES = `${AUTOMATION}/pages`;
const page = (uid: string) => `${PAGES}/${encodeURIComponent(uid)}`;

export interface PageSettings { slug?: string; public?: boolean; featured?: boolean; readers?: AutomationPage['readers'] }

export const listPages = () => adminFetch<Paginated<AutomationPage>>('GET', `${PAGES}?limit=1000`);
export const getPage = (uid: string) => adminFetch<AutomationPage>('GET', page(uid));
export const createPage = (slug: string, content: PageContent) => adminFetch<AutomationPage>('POST', PAGES, { slug, content });
export const updatePage = (uid: string, body: PageSettings & { content?: PageContent }) => adminFetch<AutomationPage>('PUT', page(uid), body);
export const deletePage = (uid: string) => adminFetch<void>('DELETE', page(uid));
export const setPagePublished = (uid: string, publish: boolean) => adminFetch<unknown>('POST', `${page(uid)}/${publish ? 'publish' : 'unpublish'}`);
export const listVersions = (uid: string) => adminFetch<Paginated<PageVersion>>('GET', `${page(uid)}/versions?limit=100`);
export const restoreVersion = (uid: string, n: number) => adminFetch<AutomationPage>('POST', `${page(uid)}/versions/${n}/restore`);
export const exportPage = (uid: string) => adminFetch<Record<string, unknown>>('GET', `${page(uid)}/export`);
export const importPage = (body: unknown, replace: boolean) => adminFetch<AutomationPage>('POST', `${PAGES}/import${replace ? '?replace=true' : ''}`, body);
export const findPageBySlug = (slug: string) => adminFetch<Paginated<AutomationPage>>('GET', `${PAGES}?slug=${encodeURIComponent(slug)}`).then((r) => r.results[0] ?? null);
export const addReader = (uid: string, kind: 'user' | 'group', name: string) =>
  adminFetch<unknown>('POST', `${page(uid)}/security/${kind}s`, kind === 'user' ? { user: { username: name } } : { group: { uid: name } });
export const removeReader = (uid: string, kind: 'user' | 'group', name: string) => adminFetch<void>('DELETE', `${page(uid)}/security/${kind}s/${encodeURIComponent(name)}`);

interface ExploreList { total_count: number; results: Array<{ dataset_id: string; metas: { default: { title?: string } }; fields: Array<{ name: string; label: string; type: string }> }> }

/** The datasets of the catalog the signed-in account can read, with their fields (for the pickers):
 *  every page of 100 (the Explore API's largest), so a catalog of any size is offered whole. */
export async function catalogDatasets(): Promise<CatalogDataset[]> {
  const all: ExploreList['results'] = [];
  for (let offset = 0; ; offset += 100) {
    const r = await adminFetch<ExploreList>('GET', `/api/explore/v2.1/catalog/datasets?limit=100&offset=${offset}&order_by=title%20asc`);
    all.push(...r.results);
    if (r.results.length < 100 || all.length >= r.total_count) break;
  }
  return all.map((d) => ({ dataset_id: d.dataset_id, title: d.metas.default.title || d.dataset_id, fields: d.fields.map((f) => ({ name: f.name, label: f.label, type: f.type })) }));
}

/** The address of the draft in the page viewer. */
export const previewHref = (slug: string) => `/pages/${encodeURIComponent(slug)}?preview=draft`;
