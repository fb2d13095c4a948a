// Pages as the API writes them: the Automation body (ODS StudioPage fields, plus Agora's content,
// published_content, featured, readers and the draft's problems), the public body, and the export file.
import type { Page, PageContent } from './types.ts';
import type { DataEnv } from './data-env.ts';
import { contentProblems } from './validate.ts';

const user = (name: string | null) => (name ? { username: name } : null);

/** draft: never published; published: the published content is the draft; changed: a draft differs. */
export function pageStatus(p: Page): 'draft' | 'published' | 'changed' {
  if (!p.published) return 'draft';
  return JSON.stringify(p.published) === JSON.stringify(p.draft) ? 'published' : 'changed';
}

/** `env`: checks the draft against the catalog as it is now (`problems`: what a save would refuse). */
export function automationBody(p: Page, env?: DataEnv): Record<string, unknown> {
  const version = (name: string, c: PageContent, at: string | null) => ({
    version_name: name, title: c.title, description: c.description, created_at: p.created_at, updated_at: at ?? p.updated_at, updated_by: user(p.updated_by),
  });
  return {
    uid: p.uid, slug: p.slug, public: p.public, featured: p.featured, readers: p.readers, status: pageStatus(p),
    contents: [version('draft', p.draft, p.updated_at), ...(p.published ? [version('published', p.published, p.published_at)] : [])],
    content: p.draft, published_content: p.published, ...(env ? { problems: contentProblems(p.draft, env) } : {}),
    first_published_at: p.first_published_at, published_at: p.published_at, created_at: p.created_at, updated_at: p.updated_at,
    created_by: user(p.created_by), updated_by: user(p.updated_by),
  };
}

/** Keys of the Automation body that a PUT ignores (computed or read-only), so GET → edit → PUT works. */
export const READ_ONLY_KEYS = ['uid', 'status', 'problems', 'contents', 'published_content', 'first_published_at', 'published_at', 'created_at', 'updated_at', 'created_by', 'updated_by'];

export function publicBody(p: Page, content: PageContent): Record<string, unknown> {
  return { uid: p.uid, slug: p.slug, public: p.public, featured: p.featured, published_at: p.published_at, updated_at: p.updated_at, content };
}

export function listItem(p: Page): Record<string, unknown> {
  const c = p.published!;
  return { uid: p.uid, slug: p.slug, title: c.title, description: c.description, featured: p.featured, public: p.public, published_at: p.published_at, updated_at: p.updated_at, blocks_count: c.blocks.length };
}

export const EXPORT_FORMAT = 'agora-page';
export const EXPORT_VERSION = 1;

/** A page as a file to keep in git: its settings and draft content, nothing tied to this portal's ids. */
export function exportBody(p: Page): Record<string, unknown> {
  return { format: EXPORT_FORMAT, format_version: EXPORT_VERSION, slug: p.slug, public: p.public, featured: p.featured, content: p.draft };
}
