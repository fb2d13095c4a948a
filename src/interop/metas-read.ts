// Reads the publisher-facing facts every feed needs out of a Dataset's ODS metadata (dates,
// licence, contact, temporal range, keywords), normalised once. Pure functions, no I/O.
import type { Dataset } from '../core/types.ts';

/** Strips HTML tags and collapses whitespace: feeds want plain-text descriptions. */
export function plainText(html: string | null | undefined): string {
  if (!html) return '';
  return html.replace(/<br\s*\/?>/gi, '\n').replace(/<\/(p|li|h[1-6]|tr)>/gi, '\n').replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&').replace(/[ \t]+/g, ' ').replace(/\n\s*\n+/g, '\n').trim();
}

export function title(ds: Dataset): string { return ds.metas.default.title || ds.dataset_id; }

export function description(ds: Dataset): string { return plainText(ds.metas.default.description); }

export function keywords(ds: Dataset): string[] {
  return [...new Set((ds.metas.default.keyword ?? []).map((k) => k.trim()).filter(Boolean))];
}

export function themes(ds: Dataset): string[] {
  return [...new Set((ds.metas.default.theme ?? []).map((k) => k.trim()).filter(Boolean))];
}

/** A valid ISO instant or undefined. */
export function isoDate(s: string | null | undefined): string | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function modified(ds: Dataset): string | undefined {
  return isoDate(ds.metas.default.modified) ?? isoDate(ds.metas.default.data_processed) ?? isoDate(ds.created);
}

export function issued(ds: Dataset): string | undefined {
  return isoDate(ds.metas.dcat.issued) ?? isoDate(ds.created);
}

export function publisherName(ds: Dataset, fallback: string): string {
  return ds.metas.default.publisher?.trim() || fallback;
}

export interface Contact { name: string; email?: string }

export function contact(ds: Dataset, fallbackName: string): Contact | undefined {
  const name = ds.metas.dcat.contact_name?.trim();
  const email = ds.metas.dcat.contact_email?.trim();
  if (!name && !email) return undefined;
  return { name: name || publisherName(ds, fallbackName), email: email || undefined };
}

/** Temporal coverage from dcat.temporal: "start/end" (ISO 8601 interval), or a single date/year; without
 *  one, the data period computed from the date fields (metas.default.temporal_coverage). */
export interface Interval { start?: string; end?: string; raw: string }

export function temporal(ds: Dataset): Interval | undefined {
  const raw = ds.metas.dcat.temporal?.trim();
  const computed = ds.metas.default.temporal_coverage;
  if (!raw) return computed ? { start: computed.start, end: computed.end, raw: `${computed.start}/${computed.end}` } : undefined;
  const parts = raw.split(/\s*(?:\/|\.\.| - | to )\s*/);
  const norm = (p: string | undefined): string | undefined => {
    if (!p) return undefined;
    if (/^\d{4}$/.test(p)) return p;
    if (/^\d{4}-\d{2}$/.test(p)) return p;
    if (/^\d{4}-\d{2}-\d{2}$/.test(p)) return p;
    return isoDate(p);
  };
  if (parts.length === 2) {
    const start = norm(parts[0]), end = norm(parts[1]);
    if (start || end) return { start, end, raw };
    return { raw };
  }
  const single = norm(raw);
  if (single && /^\d{4}$/.test(single)) return { start: `${single}-01-01`, end: `${single}-12-31`, raw };
  return single ? { start: single, end: single, raw } : { raw };
}

/** Spatial coverage: the dcat.spatial text, else the ODS territory names. */
export function spatialText(ds: Dataset): string | undefined {
  const s = ds.metas.dcat.spatial?.trim();
  if (s) return s;
  const t = (ds.metas.default.territory ?? []).filter(Boolean);
  return t.length ? t.join(', ') : undefined;
}

/** A bbox "minLon,minLat,maxLon,maxLat" or a WKT/GeoJSON in dcat.spatial, as a GeoJSON geometry. */
export function spatialGeometry(ds: Dataset): { type: string; coordinates: unknown } | undefined {
  const s = ds.metas.dcat.spatial?.trim();
  if (!s) return undefined;
  const bbox = s.split(/\s*,\s*|\s+/).map(Number);
  if (bbox.length === 4 && bbox.every(Number.isFinite)) {
    const [w, so, e, n] = bbox as [number, number, number, number];
    if (w <= e && so <= n && Math.abs(so) <= 90 && Math.abs(n) <= 90) {
      return { type: 'Polygon', coordinates: [[[w, so], [e, so], [e, n], [w, n], [w, so]]] };
    }
  }
  if (s.startsWith('{')) {
    try {
      const g = JSON.parse(s) as { type?: unknown; coordinates?: unknown };
      if (typeof g.type === 'string' && g.coordinates) return { type: g.type, coordinates: g.coordinates };
    } catch { /* not GeoJSON: plain text */ }
  }
  return undefined;
}
