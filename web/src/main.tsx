// Browser entry: warms the first page's lazy chunk, loads the portal identity, picks the
// language, mounts the app.
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { loadPortal, PortalProvider } from './app/portal.tsx';
import { I18nProvider, initialLang } from './i18n/i18n.tsx';
import { warmFirstPageChunks } from './app/warm-chunks.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';

warmFirstPageChunks(location.pathname, location.search);
const portal = await loadPortal();
createRoot(document.getElementById('root')!).render(
  <PortalProvider initial={portal}>
    <I18nProvider initial={initialLang(portal.default_language)}>
      <App />
    </I18nProvider>
  </PortalProvider>,
);
