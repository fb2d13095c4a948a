// GET /api/agora/v1/portal: the portal's identity for the web app (name, logo, colours, basemap
// style URL, languages) from configuration and environment. Only validated values go out.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';

export interface PortalInfo {
  name: string;
  logo: string | null;
  colors: { primary: string; accent: string };
  basemap_style: string | null;
  languages: string[];
  default_language: string;
}

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
  return {
    name: ctx.config.portalName,
    logo: safeUrl(extra.portalLogo ?? env.AGORA_PORTAL_LOGO),
    colors: {
      primary: colour(extra.primaryColor ?? env.AGORA_PRIMARY_COLOR, '#1f4e8c'),
      accent: colour(extra.accentColor ?? env.AGORA_ACCENT_COLOR, '#b3541e'),
    },
    basemap_style: safeUrl(ctx.config.basemapStyle),
    languages,
    default_language: languages.includes(requestedDefault) ? requestedDefault : languages[0],
  };
}

export async function registerPortalRoute(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get('/api/agora/v1/portal', async (_req, reply) => {
    reply.header('Cache-Control', 'public, max-age=60');
    return portalInfo(ctx);
  });
}
