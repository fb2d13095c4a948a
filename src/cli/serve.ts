// `agora serve`: opens the store, loads the demo catalog on first start, builds the web app when
// it is missing, and serves the portal until interrupted.
import { DATA_HELP, type Command } from './command.ts';
import { ensureWebBuilt } from './build-web.ts';
import { mailConfigFromEnv } from '../governance/mail.ts';
import { where as storeWhere } from '../storage/postgres/connect.ts';
import { securitySettings } from '../server/security-headers.ts';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the portal (API and web app)',
  usage: `Usage: agora serve [--port 8080] [--host 0.0.0.0] [--no-demo] [--data DIR]

  --port N            port to listen on (default 8080, env PORT)
  --host H            interface to bind (default 0.0.0.0, env HOST)
  --no-demo           do not load the demo catalog on first start, nor run its live sensor simulator
${DATA_HELP}`,
  options: { port: { type: 'string' }, host: { type: 'string' }, 'no-demo': { type: 'boolean' } },
  async run(args) {
    const port = args.values.port ? Number(args.values.port) : undefined;
    if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
      console.error(`agora serve: invalid --port "${args.values.port}": expected 1-65535`);
      return 2;
    }
    // Before the store opens: a bad AGORA_CSP_MAP_HOSTS or AGORA_HSTS is named in one line.
    try { securitySettings(process.env); } catch (e) {
      console.error(`agora serve: ${(e as Error).message}`);
      return 2;
    }
    const [{ buildApp }, { closePortal, openPortal }, { loadDemoCatalog, loadDemoPages, isDemoCatalog, DEMO_PORTAL_NAME, startSensorSimulator, LIVE_DEMO_DATASET }, { ensurePages }] = await Promise.all([
      import('../server/app.ts'), import('../server/portal.ts'), import('../demo/index.ts'), import('../server/pages-store.ts')]);
    const ctx = await openPortal({ dataDir: args.dataDir, ...(args.store !== undefined ? { store: args.store } : {}), port, host: args.values.host as string | undefined, subscribe: process.env.AGORA_MQTT !== 'off' });
    if (!args.values['no-demo'] && ctx.catalog.list().length === 0) {
      console.log('First start: loading the demo catalog…');
      const loaded = await loadDemoCatalog(ctx.catalog, (m) => console.log(`  ${m}`));
      const pages = await ensurePages(ctx);
      const shown = pages.pages.list().length === 0 ? await loadDemoPages(pages.pages, pages.env) : 0;
      console.log(`Demo catalog ready: ${loaded} datasets, ${shown} pages.`);
    }
    // The demo catalog is a fictional city's portal unless a name is configured.
    if (!args.values['no-demo'] && !process.env.AGORA_PORTAL_NAME && isDemoCatalog(ctx.catalog)) ctx.config.portalName = DEMO_PORTAL_NAME;
    if (!ensureWebBuilt((m) => console.log(m))) console.warn('The web app could not be built: serving the API only.');
    const app = await buildApp(ctx, { logger: process.env.AGORA_LOG === '1' });
    // Scheduled refreshes of URL sources and scheduled harvests run in this process only (not in the other commands).
    const refreshing = await (await import('../refresh/index.ts')).ensureRefresh(ctx);
    const harvesting = await (await import('../harvest/index.ts')).ensureHarvest(ctx);
    refreshing.scheduler.start();
    harvesting.scheduler.start();
    const stop = async () => {
      refreshing.scheduler.stop(); harvesting.scheduler.stop();
      for (const s of harvesting.store.all()) harvesting.runner.abort(s.uid, 'the server stopping');
      await app.close(); await refreshing.refresher.drain(); await harvesting.runner.drain(); await closePortal(ctx); process.exit(0);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    await app.listen({ port: ctx.config.port, host: ctx.config.host });
    console.log(`Agora is serving ${ctx.catalog.list().length} datasets at http://localhost:${ctx.config.port} (${ctx.config.store ? `store: PostgreSQL at ${storeWhere(ctx.config.store)}` : `data in ${ctx.config.dataDir}`})`);
    if (!args.values['no-demo'] && isDemoCatalog(ctx.catalog) && await startSensorSimulator(app, ctx.catalog, ctx.realtime)) {
      console.log(`Demo: a simulator pushes SYNTHETIC readings of 10 sensors to ${LIVE_DEMO_DATASET} every 5 s through the push API (off with --no-demo, or disable its real-time resource).`);
    }
    // Where password-reset links go (the mail server by host:port only: its URL holds credentials).
    const mail = mailConfigFromEnv(process.env, ctx.config.baseUrl, ctx.config.portalName);
    console.log(mail ? `Password-reset links are e-mailed through ${mail.server}.` : 'No AGORA_SMTP_URL set: a password-reset request is noted here and an administrator issues the link with `agora user reset-password USERNAME`.');
    return -1;
  },
};
