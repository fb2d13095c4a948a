// Reading a page body (Automation API, import) into a checked PageContent and page settings. Every
// refusal names the path of the key at fault; nothing is stored unless the whole body passes.
import type { Block, PageContent, PageFilter } from './types.ts';
import type { DataEnv } from './data-env.ts';
import { blockKind, blockTypes } from './blocks/index.ts';
import { invalid, list, object, oneOf, onlyKeys, optBool, optInt, optText, text, type Obj } from './read.ts';

export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;
const ID = /^[A-Za-z0-9_-]{1,40}$/;
const COMMON = ['id', 'type', 'layout', 'title'];
const DEFAULT_SIZE: Record<string, { w: number; h: number }> = {
  text: { w: 12, h: 2 }, kpi: { w: 3, h: 2 }, chart: { w: 6, h: 4 }, map: { w: 6, h: 5 }, table: { w: 12, h: 4 }, image: { w: 6, h: 4 },
};

export function readSlug(v: unknown, at = 'slug'): string {
  if (typeof v !== 'string' || !SLUG.test(v)) throw invalid(at, 'expected lower-case letters, digits and dashes (at most 80), e.g. air-quality');
  return v;
}

export interface PageSettings { slug?: string; public?: boolean; featured?: boolean }

export function readSettings(o: Obj): PageSettings {
  const out: PageSettings = {};
  if (o.slug !== undefined) out.slug = readSlug(o.slug);
  const pub = optBool(o, 'public', '');
  if (pub !== undefined) out.public = pub;
  const featured = optBool(o, 'featured', '');
  if (featured !== undefined) out.featured = featured;
  return out;
}

function readBlock(raw: unknown, at: string, env: DataEnv, index: number): Block {
  const o = object(raw, at);
  const type = oneOf(o, 'type', at, blockTypes());
  const kind = blockKind(type)!;
  onlyKeys(o, [...COMMON, ...kind.keys], at);
  const id = o.id === undefined ? `b${index + 1}` : String(o.id);
  if (!ID.test(id)) throw invalid(`${at}.id`, 'expected 1 to 40 letters, digits, - or _');
  const dflt = DEFAULT_SIZE[type];
  const l = o.layout === undefined ? {} : object(o.layout, `${at}.layout`);
  onlyKeys(l, ['w', 'h'], `${at}.layout`);
  const layout = { w: optInt(l, 'w', `${at}.layout`, 1, 12) ?? dflt.w, h: optInt(l, 'h', `${at}.layout`, 1, 12) ?? dflt.h };
  const title = optText(o, 'title', at, 200);
  return { id, type, layout, ...(title ? { title } : {}), ...kind.parse(o, at, env) } as Block;
}

function readFilter(raw: unknown, at: string, env: DataEnv, index: number): PageFilter {
  const o = object(raw, at);
  onlyKeys(o, ['id', 'type', 'dataset', 'field', 'label'], at);
  const type = oneOf(o, 'type', at, ['facet', 'date_range'] as const);
  const ds = env.dataset(text(o, 'dataset', at, { max: 200 }), `${at}.dataset`);
  const field = env.field(ds, text(o, 'field', at, { max: 200 }), `${at}.field`, type === 'date_range' ? ['date', 'datetime'] : undefined).name;
  const id = o.id === undefined ? `f${index + 1}` : String(o.id);
  if (!ID.test(id)) throw invalid(`${at}.id`, 'expected 1 to 40 letters, digits, - or _');
  const label = optText(o, 'label', at, 100);
  return { id, type, dataset: ds.dataset_id, field, ...(label ? { label } : {}) };
}

/** The content of a page: title, description (Markdown), filter bar and blocks. */
export function readContent(raw: unknown, env: DataEnv, at = 'content'): PageContent {
  const o = object(raw, at);
  onlyKeys(o, ['title', 'description', 'filters', 'blocks'], at);
  const blocks = list(o, 'blocks', at, 60).map((b, i) => readBlock(b, `${at}.blocks[${i}]`, env, i));
  const filters = list(o, 'filters', at, 10).map((f, i) => readFilter(f, `${at}.filters[${i}]`, env, i));
  for (const [what, items] of [['blocks', blocks], ['filters', filters]] as const) {
    const seen = new Set<string>();
    items.forEach((x, i) => {
      if (seen.has(x.id)) throw invalid(`${at}.${what}[${i}].id`, `"${x.id}" is already the id of another ${what === 'blocks' ? 'block' : 'filter'}`);
      seen.add(x.id);
    });
  }
  return { title: text(o, 'title', at, { max: 200 }).trim(), description: optText(o, 'description', at, 5000) ?? '', filters, blocks };
}

export interface PageProblem { path: string; message: string }

/** What no longer holds in a stored content (a dataset deleted, a field renamed, ODSQL that stopped
 *  compiling): each block and filter checked on its own, so the editor can point at every one. */
export function contentProblems(c: PageContent, env: DataEnv, at = 'content'): PageProblem[] {
  const out: PageProblem[] = [];
  const check = (f: () => unknown) => {
    try { f(); } catch (e) {
      const detail = ((e as { details?: { detail?: Record<string, string[]> } }).details?.detail) ?? {};
      for (const [path, messages] of Object.entries(detail)) out.push({ path, message: messages.join('; ') });
      if (!Object.keys(detail).length) out.push({ path: at, message: (e as Error).message });
    }
  };
  c.blocks.forEach((b, i) => check(() => readBlock(b, `${at}.blocks[${i}]`, env, i)));
  c.filters.forEach((f, i) => check(() => readFilter(f, `${at}.filters[${i}]`, env, i)));
  return out;
}
