// Where the back office's branding lives: one row in the portal's store (settings as JSON, the
// logo as base64), read at start-up and replaced whole on each change, so a restart keeps it.
import type { Backend } from '../../storage/backend.ts';
import type { AppContext } from '../context.ts';
import { EMPTY_BRANDING, type BrandingSettings, type StoredLogo } from './branding.ts';

const TABLE = 'agora_portal_branding';

export class BrandingStore {
  private settings: BrandingSettings = EMPTY_BRANDING;
  private logoValue: StoredLogo | null = null;
  /** `defaultName`: the portal's name from configuration (AGORA_PORTAL_NAME), kept as the fallback. */
  constructor(private readonly backend: Backend, readonly defaultName: string) {}

  async open(): Promise<void> {
    await this.backend.write((tx) => tx.exec(`CREATE TABLE IF NOT EXISTS ${TABLE} (
      id INTEGER PRIMARY KEY, settings VARCHAR NOT NULL, logo_type VARCHAR, logo_base64 VARCHAR, updated VARCHAR NOT NULL)`));
    const rows = await this.backend.query(`SELECT * FROM ${TABLE} WHERE id = 1`);
    if (!rows.length) return;
    const r = rows[0];
    this.settings = { ...EMPTY_BRANDING, ...(JSON.parse(String(r.settings)) as Partial<BrandingSettings>) };
    this.logoValue = r.logo_type && r.logo_base64 ? { type: String(r.logo_type), bytes: Buffer.from(String(r.logo_base64), 'base64') } : null;
  }

  current(): BrandingSettings { return this.settings; }
  name(): string { return this.settings.name ?? this.defaultName; }
  logo(): StoredLogo | null { return this.logoValue; }

  async save(settings: BrandingSettings, logo: StoredLogo | null = this.logoValue): Promise<void> {
    await this.backend.write((tx) => tx.exec(
      `INSERT INTO ${TABLE} VALUES (1, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET settings = excluded.settings,
       logo_type = excluded.logo_type, logo_base64 = excluded.logo_base64, updated = excluded.updated`,
      [JSON.stringify(settings), logo?.type ?? null, logo ? logo.bytes.toString('base64') : null, new Date().toISOString()]));
    this.settings = settings;
    this.logoValue = logo;
  }
}

const stores = new WeakMap<AppContext, BrandingStore>();

/** The context's branding store, opened on first use; the portal's name in the configuration
 *  (read by titles, feeds and e-mails) follows the stored one from then on. */
export async function ensureBranding(ctx: AppContext): Promise<BrandingStore> {
  let s = stores.get(ctx);
  if (!s) {
    s = new BrandingStore(ctx.backend, ctx.config.portalName);
    await s.open();
    stores.set(ctx, s);
    ctx.config.portalName = s.name();
  }
  return s;
}

/** The opened store, if any (portal-info reads it without opening one). */
export function brandingOf(ctx: AppContext): BrandingStore | undefined { return stores.get(ctx); }
