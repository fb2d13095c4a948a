// Portal branding set in the back office: the shape of the settings, their validation (every
// refusal names the field and what was wrong) and the logo check by its bytes, not its file name.
import { createHash } from 'node:crypto';
import { marked } from 'marked';
import { sanitizeDescription } from '../../catalog/index.ts';

export interface FooterLink { label: string; url: string }
/** What an admin set; null means "the default" (environment variables, then Agora's own). */
export interface BrandingSettings {
  name: string | null;
  primary_color: string | null;
  accent_color: string | null;
  /** Markdown source of the home page text. */
  home_text: string | null;
  footer_links: FooterLink[];
}
export interface StoredLogo { type: string; bytes: Buffer }
export interface BrandingError { field: string; message: string }

export const EMPTY_BRANDING: BrandingSettings = { name: null, primary_color: null, accent_color: null, home_text: null, footer_links: [] };
export const LOGO_MAX_BYTES = 1024 * 1024;
export const MAX_FOOTER_LINKS = 12;
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

export class BrandingInvalid extends Error {
  constructor(readonly errors: BrandingError[]) { super(errors.map((e) => `${e.field}: ${e.message}`).join('; ')); }
}

function optionalText(body: Record<string, unknown>, field: string, max: number, errors: BrandingError[], multiline = false): string | null {
  const v = body[field];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') { errors.push({ field, message: 'must be a string (or null for the default)' }); return null; }
  const t = v.trim();
  if (t.length > max) errors.push({ field, message: `is ${t.length} characters long; at most ${max} are allowed` });
  else if (!multiline && CONTROL.test(t)) errors.push({ field, message: 'must be one line without control characters' });
  return t === '' ? null : t;
}

function colour(body: Record<string, unknown>, field: string, errors: BrandingError[]): string | null {
  const v = optionalText(body, field, 7, errors);
  if (v !== null && !HEX.test(v)) errors.push({ field, message: `"${v}" is not a hex colour such as #1f4e8c or #b35` });
  return v === null ? null : v.toLowerCase();
}

export function httpUrl(value: string): boolean {
  try {
    const u = new URL(value);
    return (u.protocol === 'http:' || u.protocol === 'https:') && !!u.hostname;
  } catch { return false; }
}

function footerLinks(body: Record<string, unknown>, errors: BrandingError[]): FooterLink[] {
  const v = body.footer_links;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) { errors.push({ field: 'footer_links', message: 'must be a list of {"label", "url"}' }); return []; }
  if (v.length > MAX_FOOTER_LINKS) errors.push({ field: 'footer_links', message: `has ${v.length} links; at most ${MAX_FOOTER_LINKS} are allowed` });
  const out: FooterLink[] = [];
  v.forEach((item: unknown, i) => {
    const where = `footer_links[${i}]`;
    if (typeof item !== 'object' || item === null) { errors.push({ field: where, message: 'must be {"label", "url"}' }); return; }
    const o = item as Record<string, unknown>;
    const label = typeof o.label === 'string' ? o.label.trim() : '';
    const url = typeof o.url === 'string' ? o.url.trim() : '';
    if (!label) errors.push({ field: `${where}.label`, message: 'is required' });
    else if (label.length > 80 || CONTROL.test(label)) errors.push({ field: `${where}.label`, message: 'must be one line of at most 80 characters' });
    if (!httpUrl(url)) errors.push({ field: `${where}.url`, message: `"${url}" is not an http:// or https:// address` });
    out.push({ label, url });
  });
  return out;
}

/** The settings in a PUT body (the whole set: an absent or null field goes back to its default). */
export function parseBranding(body: unknown): BrandingSettings {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new BrandingInvalid([{ field: 'body', message: 'must be a JSON object' }]);
  const b = body as Record<string, unknown>;
  const errors: BrandingError[] = [];
  const known = new Set(['name', 'primary_color', 'accent_color', 'home_text', 'footer_links']);
  for (const k of Object.keys(b)) if (!known.has(k)) errors.push({ field: k, message: `is not a branding setting (known: ${[...known].join(', ')})` });
  const settings: BrandingSettings = {
    name: optionalText(b, 'name', 80, errors),
    primary_color: colour(b, 'primary_color', errors),
    accent_color: colour(b, 'accent_color', errors),
    home_text: optionalText(b, 'home_text', 20_000, errors, true),
    footer_links: footerLinks(b, errors),
  };
  if (errors.length) throw new BrandingInvalid(errors);
  return settings;
}

/** Home page Markdown as the HTML the public site shows: rendered by marked, then sanitised. */
export function homeHtml(markdown: string | null): string | null {
  if (!markdown) return null;
  return sanitizeDescription(marked.parse(markdown, { async: false, gfm: true }));
}

const SVG_START = /^(?:\uFEFF)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i;

/** The image type from the first bytes (PNG, JPEG, GIF, WebP, SVG), or null. */
export function sniffImage(bytes: Buffer): string | null {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(bytes.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (SVG_START.test(bytes.subarray(0, 4096).toString('utf8'))) return 'image/svg+xml';
  return null;
}

/** A logo upload checked: its size and its type by content. */
export function checkLogo(bytes: Buffer): StoredLogo {
  if (bytes.length === 0) throw new BrandingInvalid([{ field: 'logo', message: 'the file is empty' }]);
  if (bytes.length > LOGO_MAX_BYTES) throw new BrandingInvalid([{ field: 'logo', message: `the file is ${bytes.length} bytes; at most ${LOGO_MAX_BYTES} (1 MB) are allowed` }]);
  const type = sniffImage(bytes);
  if (!type) throw new BrandingInvalid([{ field: 'logo', message: 'the file is not a PNG, JPEG, GIF, WebP or SVG image' }]);
  return { type, bytes };
}

export function logoVersion(logo: StoredLogo): string {
  return createHash('sha256').update(logo.bytes).digest('hex').slice(0, 12);
}
