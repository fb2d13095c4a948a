// Dataset metadata: the ODS `default` and `dcat` templates, their defaults, and `key=value`
// updates with type checks (lists comma-separated, HTML in descriptions sanitised, `modified` a date).
import sanitizeHtml from 'sanitize-html';
import { AgoraError } from '../core/errors.ts';
import type { DatasetMetas, DcatMetas, DefaultMetas } from '../core/types.ts';

const LIST_KEYS = new Set(['theme', 'keyword', 'territory', 'geographic_reference', 'attributions']);
const DEFAULT_KEYS = new Set<keyof DefaultMetas>([
  'title', 'description', 'theme', 'keyword', 'license', 'license_url', 'language', 'publisher',
  'references', 'attributions', 'territory', 'timezone', 'geographic_reference',
  'modified', 'modified_updates_on_metadata_change', 'modified_updates_on_data_change',
]);
/** Maintained by the store, never set by hand (a body read back with them is fine: see metadataPatch). */
export const COMPUTED_KEYS: ReadonlySet<string> = new Set(['data_processed', 'metadata_processed', 'records_count', 'temporal_coverage']);
const FLAG_KEYS = new Set(['modified_updates_on_metadata_change', 'modified_updates_on_data_change']);
const DCAT_KEYS = new Set<keyof DcatMetas>([
  'creator', 'contributor', 'contact_name', 'contact_email', 'accrualperiodicity', 'spatial',
  'temporal', 'granularity', 'issued', 'conformsto',
]);

export function emptyMetas(title: string, now: string): DatasetMetas {
  return {
    default: {
      title, description: null, theme: [], keyword: [], license: null, license_url: null,
      language: 'en', publisher: null, references: null, attributions: [], modified: now,
      modified_updates_on_metadata_change: true, modified_updates_on_data_change: true, data_processed: null, metadata_processed: now, records_count: 0, territory: [], timezone: 'UTC',
      geographic_reference: [], federated: false,
    },
    dcat: {
      creator: null, contributor: null, contact_name: null, contact_email: null, accrualperiodicity: null,
      spatial: null, temporal: null, granularity: null, issued: null, conformsto: null,
    },
  };
}

export function sanitizeDescription(html: string): string {
  return sanitizeHtml(html, {
    // What Markdown renders to (marked, GFM) is kept: headings, rules, strikethrough, code, tables.
    allowedTags: ['p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'del', 'a', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'blockquote', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td'],
    allowedAttributes: { a: ['href', 'title'] },
    allowedSchemes: ['http', 'https', 'mailto'],
  });
}

/** Parses "key=value" (or "dcat.key=value") into a metadata update. */
export function parseMetaAssignment(s: string): { template: 'default' | 'dcat'; key: string; value: string } {
  const eq = s.indexOf('=');
  if (eq <= 0) throw new AgoraError('METADATA_INVALID', `Invalid --set "${s}": expected key=value.`);
  let key = s.slice(0, eq).trim();
  const value = s.slice(eq + 1);
  let template: 'default' | 'dcat' = 'default';
  if (key.startsWith('dcat.')) { template = 'dcat'; key = key.slice(5); }
  else if (key.startsWith('default.')) key = key.slice(8);
  else if (DCAT_KEYS.has(key as keyof DcatMetas)) template = 'dcat';
  return { template, key, value };
}

/** Returns a copy of `metas` with one key set; validates the key and the value's shape. */
export function applyMeta(metas: DatasetMetas, template: 'default' | 'dcat', key: string, raw: unknown): DatasetMetas {
  const next: DatasetMetas = { ...metas, default: { ...metas.default }, dcat: { ...metas.dcat } };
  if (COMPUTED_KEYS.has(key)) throw new AgoraError('METADATA_INVALID', `Metadata "${key}" is computed by the portal and cannot be set.`);
  if (template === 'dcat') {
    if (!DCAT_KEYS.has(key as keyof DcatMetas)) throw new AgoraError('METADATA_INVALID', `Unknown dcat metadata "${key}". Known: ${[...DCAT_KEYS].join(', ')}.`);
    const v = raw === null || raw === '' ? null : String(raw);
    if (key === 'contact_email' && v && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v)) {
      throw new AgoraError('METADATA_INVALID', `Invalid dcat.contact_email "${v}": expected an e-mail address.`);
    }
    (next.dcat as unknown as Record<string, unknown>)[key] = v;
    return next;
  }
  if (!DEFAULT_KEYS.has(key as keyof DefaultMetas)) throw new AgoraError('METADATA_INVALID', `Unknown metadata "${key}". Known: ${[...DEFAULT_KEYS].join(', ')}, dcat.<key>.`);
  if (key === 'modified') return withModified(next, raw);
  if (FLAG_KEYS.has(key)) {
    const b = raw === true || raw === 'true' ? true : raw === false || raw === 'false' ? false : null;
    if (b === null) throw new AgoraError('METADATA_INVALID', `Invalid ${key} ${JSON.stringify(raw)}: expected true or false.`);
    (next.default as unknown as Record<string, unknown>)[key] = b;
    return next;
  }
  let v: unknown;
  if (LIST_KEYS.has(key)) {
    v = Array.isArray(raw) ? raw.map(String) : String(raw ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  } else if (raw === null || raw === '') {
    if (key === 'title') throw new AgoraError('METADATA_INVALID', 'Metadata "title" cannot be empty.');
    v = null;
  } else {
    v = key === 'description' ? sanitizeDescription(String(raw)) : String(raw);
  }
  if (key === 'license_url' && v && !/^https?:\/\//.test(String(v))) {
    throw new AgoraError('METADATA_INVALID', `Invalid license_url "${v}": expected an http(s) URL.`);
  }
  (next.default as unknown as Record<string, unknown>)[key] = v;
  return next;
}

/** `modified` set by the publisher: a date or date-time, kept as an ISO instant; the automatic updates
 *  stop (both ODS flags false). The value it already has changes nothing, so a body read back is
 *  harmless. Empty or null makes it automatic again: the latest data or metadata change. */
function withModified(next: DatasetMetas, raw: unknown): DatasetMetas {
  const d = next.default;
  if (raw === null || raw === '') {
    const times = [d.data_processed, d.metadata_processed].filter((x): x is string => !!x).sort();
    Object.assign(d, { modified: times.at(-1) ?? d.modified, modified_updates_on_metadata_change: true, modified_updates_on_data_change: true });
    return next;
  }
  const text = String(raw).trim();
  const t = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text) : NaN;
  if (Number.isNaN(t)) throw new AgoraError('METADATA_INVALID', `Invalid modified ${JSON.stringify(raw)}: expected a date (2015-12-31) or a date-time (2015-12-31T18:00:00Z).`);
  const iso = new Date(t).toISOString();
  if (d.modified !== null && Date.parse(d.modified) === t) return next;
  Object.assign(d, { modified: iso, modified_updates_on_metadata_change: false, modified_updates_on_data_change: false });
  return next;
}

/** Whether two metadata sets say the same thing (key order aside). */
export function sameMetas(a: DatasetMetas, b: DatasetMetas): boolean {
  const stable = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(stable);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, stable((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(stable(a)) === JSON.stringify(stable(b));
}
