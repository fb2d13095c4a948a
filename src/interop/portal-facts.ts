// Portal-level facts the feeds need beyond PortalConfig's fields: the contact e-mail used when a
// dataset names none (DCAT-US requires one). Read from config when the main config grows the
// field, else from AGORA_CONTACT_EMAIL. No other environment reads in interop/.
import type { PortalConfig } from '../core/config.ts';

export function portalContactEmail(config: PortalConfig): string | undefined {
  const fromConfig = (config as PortalConfig & { contactEmail?: string }).contactEmail;
  const v = (fromConfig ?? process.env.AGORA_CONTACT_EMAIL ?? '').trim();
  return /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/.test(v) ? v : undefined;
}
