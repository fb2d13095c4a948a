// GET /api/agora/v1/portal: the portal's identity for the web app (name, logo, colours, home text,
// footer links, basemap style URL, languages): the back office's branding over configuration and
// environment. Only validated values go out.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { brandingOf } from './branding-store.ts';
import { homeHtml, logoVersion, type FooterLink } from './branding.ts';

export interface PortalInfo {
  name: string;
  logo: string | null;
  colors: { primary: string; accent: string };
  /** Home page text set in the back office, as sanitised HTML. */
  home_html: string | null;
  footer_links: FooterLink[];
  basemap_style: string | null;
  languages: string[];
  default_language: string;
}

export const LOGO_URL = '/api/agora/v1/portal/logo';
const SUPPORTED_LANGUAGES = ['en', 'fr'];
const HEX = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i;

function colour(value: string | undefined, fallback: string): string {
  return value && HEX.test(value.trim()) ? value.trim() : fallback;
}

function safeUrl(value: string | undefined): string | null {
  const v = value?.trim();
  if (!v) return null;
  if (v.startsWith('/') && !v.startsWith('//')) return v;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch { return null; }
}

export function portalInfo(ctx: AppContext, env: NodeJS.ProcessEnv = process.env): PortalInfo {
  const extra = ctx.config as unknown as Partial<Record<'portalLogo' | 'primaryColor' | 'accentColor' | 'languages', string>>;
  const langs = (extra.languages ?? env.AGORA_LANGUAGES ?? SUPPORTED_LANGUAGES.join(','))
    .split(',').map((l) => l.trim().toLowerCase()).filter((l) => SUPPORTED_LANGUAGES.includes(l));
  const languages = langs.length ? [...new Set(langs)] : SUPPORTED_LANGUAGES;
  const requestedDefault = (env.AGORA_DEFAULT_LANGUAGE ?? languages[0]).toLowerCase();
  const branding = brandingOf(ctx);
  const set = branding?.current();
  const logo = branding?.logo();
  return {
    name: branding ? branding.name() : ctx.config.portalName,
    logo: logo ? `${LOGO_URL}?v=${logoVersion(logo)}` : safeUrl(extra.portalLogo ?? env.AGORA_PORTAL_LOGO),
    colors: {
      primary: set?.primary_color ?? colour(extra.primaryColor ?? env.AGORA_PRIMARY_COLOR, '#1f4e8c'),
      accent: set?.accent_color ?? colour(extra.accentColor ?? env.AGORA_ACCENT_COLOR, '#b3541e'),
    },
    home_html: homeHtml(set?.home_text ?? null),
    footer_links: set?.footer_links ?? [],
    basemap_style: safeUrl(ctx.config.basemapStyle),
    languages,
    default_language: languages.includes(requestedDefault) ? requestedDefault : languages[0],
  };
}

export async function registerPortalRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/agora/v1/portal', async (_req, reply) => {
    // Revalidated each time: a change made in the back office shows on the next page.
    reply.header('Cache-Control', 'no-cache');
    return portalInfo(ctx);
  });
}
