// Portal identity from GET /api/agora/v1/portal (name, logo, colours, basemap, languages),
// applied as CSS variables. Falls back to neutral defaults while loading or if the route fails.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { PortalInfo } from '../api/types.ts';
import { getJson } from '../api/client.ts';

export const DEFAULT_PORTAL: PortalInfo = {
  name: 'Agora',
  logo: null,
  colors: { primary: '#1f4e8c', accent: '#b3541e' },
  basemap_style: null,
  languages: ['en', 'fr'],
  default_language: 'en',
};

const Ctx = createContext<PortalInfo>(DEFAULT_PORTAL);
const RefreshCtx = createContext<() => Promise<void>>(async () => {});

export function loadPortal(): Promise<PortalInfo> {
  return getJson<PortalInfo>('/api/agora/v1/portal', undefined, false).catch(() => DEFAULT_PORTAL);
}

export function PortalProvider({ initial, children }: { initial: PortalInfo; children: ReactNode }) {
  const [portal, setPortal] = useState(initial);
  // After a branding change in the back office: the header, footer and colours follow at once.
  const refresh = useCallback(async () => { setPortal(await loadPortal()); }, []);
  useEffect(() => {
    const s = document.documentElement.style;
    s.setProperty('--primary', portal.colors.primary);
    s.setProperty('--accent', portal.colors.accent);
  }, [portal]);
  return <RefreshCtx.Provider value={refresh}><Ctx.Provider value={portal}>{children}</Ctx.Provider></RefreshCtx.Provider>;
}

export function usePortal(): PortalInfo { return useContext(Ctx); }
export function usePortalRefresh(): () => Promise<void> { return useContext(RefreshCtx); }
