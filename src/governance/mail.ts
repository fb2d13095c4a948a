// Outgoing e-mail (password-reset links): the SMTP settings from AGORA_SMTP_URL and AGORA_MAIL_FROM,
// the reset message in English or French (text and HTML), and sending through nodemailer. No HTTP
// and no logging here: callers name the server with `config.server` (host:port, never credentials).
import nodemailer from 'nodemailer';
import { AgoraError } from '../core/errors.ts';

export interface MailConfig {
  /** The SMTP URL as configured (holds the credentials: never log it). */
  url: string;
  from: string | { name: string; address: string };
  /** host:port of the mail server, for logs and the audit log. */
  server: string;
}

export type MailLanguage = 'en' | 'fr';
export const MAIL_LANGUAGES: readonly MailLanguage[] = ['en', 'fr'];

/** From AGORA_SMTP_URL (smtp://user:pass@host:587, smtps://…:465) and AGORA_MAIL_FROM (default
 *  `PORTAL NAME <no-reply@host of the base URL>`); null when no SMTP URL is set. */
export function mailConfigFromEnv(env: NodeJS.ProcessEnv, baseUrl: string, portalName: string): MailConfig | null {
  const raw = env.AGORA_SMTP_URL?.trim();
  if (!raw) return null;
  let u: URL;
  try { u = new URL(raw); } catch {
    throw new AgoraError('CONFIG_INVALID', 'AGORA_SMTP_URL is not a URL: use smtp://user:password@host:587 or smtps://user:password@host:465.');
  }
  if ((u.protocol !== 'smtp:' && u.protocol !== 'smtps:') || !u.hostname) {
    throw new AgoraError('CONFIG_INVALID', `AGORA_SMTP_URL must start with smtp:// or smtps:// and name a host (it starts with "${u.protocol}").`);
  }
  const server = `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`;
  const fromEnv = env.AGORA_MAIL_FROM?.trim();
  if (fromEnv && !/[^\s@<]+@[^\s@>]+/.test(fromEnv)) {
    throw new AgoraError('CONFIG_INVALID', `AGORA_MAIL_FROM="${fromEnv}" holds no e-mail address (e.g. "City data <no-reply@city.example>").`);
  }
  const from = fromEnv || { name: portalName, address: `no-reply@${new URL(baseUrl).hostname}` };
  return { url: raw, from, server };
}

/** The first of the portal's languages that the request asks for (a language the web app sends,
 *  else Accept-Language), else the portal's default. */
export function pickLanguage(asked: unknown, acceptLanguage: string | undefined, portal: { languages: string[]; default: string }): MailLanguage {
  const ok = (l: string): l is MailLanguage => (MAIL_LANGUAGES as readonly string[]).includes(l) && portal.languages.includes(l);
  if (typeof asked === 'string' && ok(asked.toLowerCase())) return asked.toLowerCase() as MailLanguage;
  const ranked = (acceptLanguage ?? '').split(',').map((part, i) => {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? 1);
    return { lang: tag.split('-')[0], q: Number.isFinite(q) ? q : 0, i };
  }).filter((x) => x.q > 0).sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { lang } of ranked) if (ok(lang)) return lang;
  return ok(portal.default) ? portal.default : 'en';
}

/** The web page where a reset link lands (the token in its query string). */
export function resetLink(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/$/, '')}/admin/reset-password?token=${encodeURIComponent(token)}`;
}

/** Text made safe inside an e-mail's HTML (alerts use it too). */
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const TEXTS: Record<MailLanguage, { subject: string; hello: string; body: string; button: string; ignore: string }> = {
  en: {
    subject: 'Reset your password for {portal}',
    hello: 'Hello {user},',
    body: 'Someone asked to reset the password of the account "{user}" on {portal}. To choose a new password, open this link within {minutes} minutes (it works once):',
    button: 'Choose a new password',
    ignore: 'If you did not ask for this, ignore this e-mail: your password stays as it is.',
  },
  fr: {
    subject: 'Réinitialisation de votre mot de passe sur {portal}',
    hello: 'Bonjour {user},',
    body: 'Une réinitialisation du mot de passe du compte « {user} » sur {portal} a été demandée. Pour choisir un nouveau mot de passe, ouvrez ce lien dans les {minutes} minutes (il ne sert qu’une fois) :',
    button: 'Choisir un nouveau mot de passe',
    ignore: 'Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.',
  },
};

export interface MailMessage { subject: string; text: string; html: string }

export function resetMessage(o: { portal: string; username: string; link: string; minutes: number; lang: MailLanguage }): MailMessage {
  const t = TEXTS[o.lang];
  const fill = (s: string, e: (x: string) => string = (x) => x) =>
    s.replace('{portal}', e(o.portal)).replaceAll('{user}', e(o.username)).replace('{minutes}', String(o.minutes));
  return {
    subject: fill(t.subject),
    text: `${fill(t.hello)}\n\n${fill(t.body)}\n\n${o.link}\n\n${fill(t.ignore)}\n\n-- \n${o.portal}\n`,
    html: `<!doctype html><html lang="${o.lang}"><body><p>${fill(t.hello, esc)}</p><p>${fill(t.body, esc)}</p>`
      + `<p><a href="${esc(o.link)}">${esc(t.button)}</a></p><p>${esc(o.link)}</p><p>${fill(t.ignore, esc)}</p></body></html>`,
  };
}

/** Sends through the configured server; a failure is an Error naming the server (host:port) only. */
export class Mailer {
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;
  constructor(readonly config: MailConfig) {
    this.transport = nodemailer.createTransport({ url: config.url, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
  }

  async send(to: string, m: MailMessage): Promise<void> {
    try {
      await this.transport.sendMail({ from: this.config.from, to, subject: m.subject, text: m.text, html: m.html });
    } catch (err) {
      throw new Error(`mail server ${this.config.server}: ${this.scrub(err instanceof Error ? err.message : String(err))}`);
    }
  }

  close(): void { this.transport.close(); }

  /** Error texts never carry the SMTP user or password, even if a server echoed them. */
  private scrub(message: string): string {
    const u = new URL(this.config.url);
    let out = message;
    for (const secret of [u.password, decodeURIComponent(u.password), u.username, decodeURIComponent(u.username)]) {
      if (secret.length >= 3) out = out.split(secret).join('[redacted]');
    }
    return out;
  }
}
