// Reading a submitted reuse body into checked values: every refusal is a 400 naming the field
// (title, url, image_url, description, dataset_ids[i]). Pure: the caller says which dataset ids exist
// for the submitter; nothing here reads the store or fetches a URL.
import { invalidParameter as invalid } from '../../core/errors.ts';
import { isPlainObject } from '../../core/types.ts';

export const LIMITS = { title: 200, url: 2000, description: 10_000, datasets: 20, reason: 1000 } as const;
const KEYS = ['title', 'url', 'image_url', 'description', 'dataset_ids'] as const;

export interface ReuseInput { title: string; url: string; imageUrl: string | null; description: string; datasetIds: string[] }

/** Control characters other than tab and line breaks: never meant, often a smuggling attempt. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function text(v: unknown, where: string, max: number, opts: { required: boolean; multiline: boolean }): string {
  if (v === undefined || v === null) {
    if (opts.required) throw invalid(where, 'required');
    return '';
  }
  if (typeof v !== 'string') throw invalid(where, 'expected text');
  const s = opts.multiline ? v.replace(/\r\n?/g, '\n').trim() : v.trim();
  if (opts.required && !s) throw invalid(where, 'must not be empty');
  if (s.length > max) throw invalid(where, `at most ${max} characters (this one has ${s.length})`);
  if (CONTROL.test(s) || (!opts.multiline && /[\n\t]/.test(s))) throw invalid(where, opts.multiline ? 'control characters are not allowed' : 'one line of text, without control characters');
  return s;
}

/** An absolute http or https address without user name or password; returned normalised. */
export function webUrl(v: unknown, where: string): string {
  const s = text(v, where, LIMITS.url, { required: true, multiline: false });
  let u: URL;
  try { u = new URL(s); } catch { throw invalid(where, 'expected an absolute address starting with http:// or https://'); }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw invalid(where, `only http and https addresses are accepted (not ${u.protocol.replace(':', '')})`);
  if (!u.hostname) throw invalid(where, 'the address has no host');
  if (u.username || u.password) throw invalid(where, 'an address with a user name or password is not accepted');
  return u.href;
}

/** The body of POST /api/agora/v1/reuses; `exists(id)` says whether the submitter may see that dataset. */
export function readReuse(body: unknown, exists: (datasetId: string) => boolean): ReuseInput {
  if (!isPlainObject(body)) throw invalid('body', 'expected a JSON object {"title", "url", "image_url", "description", "dataset_ids"}');
  for (const k of Object.keys(body)) if (!(KEYS as readonly string[]).includes(k)) throw invalid(k, `unknown key; expected one of ${KEYS.join(', ')}`);
  const title = text(body.title, 'title', LIMITS.title, { required: true, multiline: false });
  const url = webUrl(body.url, 'url');
  const imageUrl = body.image_url === undefined || body.image_url === null || body.image_url === '' ? null : webUrl(body.image_url, 'image_url');
  const description = text(body.description, 'description', LIMITS.description, { required: false, multiline: true });
  const ids = body.dataset_ids;
  if (!Array.isArray(ids) || ids.length === 0) throw invalid('dataset_ids', 'expected a list of at least one dataset identifier');
  if (ids.length > LIMITS.datasets) throw invalid('dataset_ids', `at most ${LIMITS.datasets} datasets (this list has ${ids.length})`);
  const seen = new Set<string>();
  for (const [i, id] of ids.entries()) {
    const where = `dataset_ids[${i}]`;
    if (typeof id !== 'string' || !id.trim()) throw invalid(where, 'expected a dataset identifier');
    // The same answer for a dataset that does not exist and one the submitter may not see.
    if (!exists(id)) throw invalid(where, `unknown dataset "${id.slice(0, 100)}"`);
    if (seen.has(id)) throw invalid(where, `"${id}" is listed twice`);
    seen.add(id);
  }
  return { title, url, imageUrl, description, datasetIds: [...seen] };
}

/** The body of POST …/reject: {"reason"}, required. */
export function readReason(body: unknown): string {
  if (!isPlainObject(body)) throw invalid('reason', 'required: say why the reuse is rejected ({"reason": "…"})');
  for (const k of Object.keys(body)) if (k !== 'reason') throw invalid(k, 'unknown key; expected reason');
  return text(body.reason, 'reason', LIMITS.reason, { required: true, multiline: true });
}
