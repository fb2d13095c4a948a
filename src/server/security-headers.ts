// Browser security headers on every answer (nosniff, Referrer-Policy, Permissions-Policy, HSTS when
// AGORA_HSTS is set) and a Content-Security-Policy per kind of answer: app pages, /embed/… pages, the API.
import type { FastifyInstance } from 'fastify';

export interface SecuritySettings {
  /** Origins the map may fetch tiles, glyphs and sprites from (AGORA_CSP_MAP_HOSTS; the basemap style's is added per answer). */
  mapHosts: string[];
  /** The Strict-Transport-Security value, or null to send none. */
  hsts: string | null;
}

export const PERMISSIONS_POLICY = 'geolocation=(), camera=(), microphone=(), payment=(), usb=(), serial=(), bluetooth=(), '
  + 'hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), interest-cohort=()';

/** The API's answers are data, never documents: nothing loads from them, nobody frames them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";

export function isEmbedPath(url: string): boolean {
  return url === '/embed' || url.startsWith('/embed/') || url.startsWith('/embed?');
}

/** `https://tiles.example.org` or `https://*.example.org` (optionally a port); anything else is null. */
function originOf(value: string): string | null {
  const wildcard = value.startsWith('https://*.') || value.startsWith('http://*.');
  let u: URL;
  try { u = new URL(wildcard ? value.replace('*.', 'wildcard.') : value); } catch { return null; }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  if (u.username || u.password || u.search || u.hash || (u.pathname !== '/' && u.pathname !== '')) return null;
  if (/[*'";,\s]/.test(u.host)) return null;
  return wildcard ? u.origin.replace('//wildcard.', '//*.') : u.origin;
}

/**
 * Reads AGORA_CSP_MAP_HOSTS (comma-separated http(s) origins) and AGORA_HSTS. Throws an Error naming
 * the variable when a value is not acceptable (start-up fails).
 */
export function securitySettings(env: NodeJS.ProcessEnv): SecuritySettings {
  const hosts: string[] = [];
  for (const raw of (env.AGORA_CSP_MAP_HOSTS ?? '').split(',')) {
    const value = raw.trim();
    if (!value) continue;
    const origin = originOf(value);
    if (!origin) throw new Error(`AGORA_CSP_MAP_HOSTS: "${value}" is not an http(s) origin such as https://tiles.example.org (no path, query or credentials).`);
    hosts.push(origin);
  }
  const hsts = env.AGORA_HSTS?.trim() || null;
  if (hsts && !/^max-age=\d+(\s*;\s*(includeSubDomains|preload))*\s*;?$/i.test(hsts)) {
    throw new Error(`AGORA_HSTS: "${hsts}" is not a Strict-Transport-Security value such as max-age=31536000; includeSubDomains.`);
  }
  return { mapHosts: [...new Set(hosts)], hsts };
}

/** The origin of an absolute http(s) basemap style URL (AGORA_BASEMAP), as a list of zero or one. */
function basemapOrigins(style: string): string[] {
  const v = style.trim();
  if (!/^https?:\/\//i.test(v)) return [];
  try { return [new URL(v).origin]; } catch { return []; } // portal-info drops a malformed style URL too
}

/**
 * The policy of the web app's HTML. Scripts only from this origin (the built app has no inline
 * script; the JSON-LD block is data). Inline styles are allowed: ECharts' tooltips and SVG text and
 * sanitised descriptions carry style attributes. Images from any https host (page image blocks and
 * the portal logo may point anywhere), MapLibre's blob workers, map hosts for its fetches. Embeds
 * may be framed by any site; every other page by this origin only.
 */
export function pageCsp(settings: SecuritySettings, embed: boolean, basemapStyle = ''): string {
  const all = [...new Set([...basemapOrigins(basemapStyle), ...settings.mapHosts])];
  const hosts = all.length ? ` ${all.join(' ')}` : '';
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: https:${hosts}`,
    "font-src 'self' data:",
    "worker-src 'self' blob:",
    `connect-src 'self'${hosts}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    embed ? 'frame-ancestors *' : "frame-ancestors 'self'",
  ].join('; ');
}

/** Registers the headers for every answer of `app` (routes, errors, 404s, static files); `basemapStyle`
 *  is read per answer, as the portal identity reads it. */
export function registerSecurityHeaders(app: FastifyInstance, settings: SecuritySettings, basemapStyle: () => string = () => ''): void {
  let cached = { style: '', portal: pageCsp(settings, false), embed: pageCsp(settings, true) };
  app.addHook('onSend', async (req, reply, payload) => {
    const path = req.url.split('?', 1)[0]!;
    const embed = isEmbedPath(path);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'strict-origin-when-cross-origin');
    reply.header('Permissions-Policy', PERMISSIONS_POLICY);
    if (settings.hsts) reply.header('Strict-Transport-Security', settings.hsts);
    const html = /^text\/html\b/i.test(String(reply.getHeader('content-type') ?? ''));
    const api = !html && /^\/api(\/|$)/.test(path);
    if (embed) reply.removeHeader('x-frame-options');
    else if (!reply.hasHeader('x-frame-options')) reply.header('X-Frame-Options', api ? 'DENY' : 'SAMEORIGIN');
    // A route that chose its own policy keeps it (the uploaded logo's sandbox).
    if (!reply.hasHeader('content-security-policy')) {
      // Other files (assets, workers, robots.txt) get no fetch rules: a worker script's own
      // policy would bind the worker's fetches of map tiles.
      const style = html ? basemapStyle() : '';
      if (html && style !== cached.style) cached = { style, portal: pageCsp(settings, false, style), embed: pageCsp(settings, true, style) };
      reply.header('Content-Security-Policy', html ? (embed ? cached.embed : cached.portal)
        : api ? API_CSP : embed ? 'frame-ancestors *' : "frame-ancestors 'self'");
    }
    return payload;
  });
}
