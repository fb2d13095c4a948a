// The branding routes of the back office (admins): read and save the settings, upload or remove
// the logo (the image itself as the request body, with the session's CSRF token).
import { adminFetch, AdminError, csrfToken } from './session.ts';

export const BRANDING_URL = '/api/agora/v1/portal/branding';

export interface FooterLink { label: string; url: string }
export interface BrandingSettings {
  name: string | null; primary_color: string | null; accent_color: string | null; home_text: string | null; footer_links: FooterLink[];
}
export interface BrandingBody extends BrandingSettings {
  has_logo: boolean; default_name: string;
  effective: { name: string; logo: string | null; colors: { primary: string; accent: string } };
}

export const getBranding = () => adminFetch<BrandingBody>('GET', BRANDING_URL);
export const putBranding = (s: BrandingSettings) => adminFetch<BrandingBody>('PUT', BRANDING_URL, s);
export const deleteLogo = () => adminFetch<BrandingBody>('DELETE', `${BRANDING_URL}/logo`);

export async function uploadLogo(file: File): Promise<BrandingBody> {
  const headers: Record<string, string> = { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' };
  const token = csrfToken();
  if (token) headers['x-csrf-token'] = token;
  const res = await fetch(`${BRANDING_URL}/logo`, { method: 'PUT', headers, body: file });
  const body = await res.json().catch(() => ({})) as { message?: string; detail?: Record<string, string[]> };
  if (!res.ok) throw new AdminError(body.message ?? `${res.status} ${res.statusText}`, res.status, body.detail ?? null);
  return body as BrandingBody;
}
