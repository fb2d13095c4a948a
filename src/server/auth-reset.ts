// Password reset over HTTP: POST /api/auth/password-reset/request {"username"} or {"email"} and
// …/confirm {"token", "password"}. With a mail server the link goes by e-mail (sent after the answer,
// the token never logged); without one, or for an account without an address, the console says that
// the account asked, and an administrator issues a token with `agora user reset-password` (never in a log).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Backend } from '../storage/backend.ts';
import { AgoraError } from '../core/errors.ts';
import type { User } from '../governance/types.ts';
import { LoginThrottle } from '../governance/sessions.ts';
import { RESET_TTL_MS, type PasswordResets } from '../governance/resets.ts';
import { Mailer, pickLanguage, resetLink, resetMessage, type MailConfig } from '../governance/mail.ts';
import { jsonBody } from './auth-session.ts';

export type ResetAction = 'request' | 'confirm' | 'mail_failed';

export interface ResetRouteDeps {
  resets: PasswordResets;
  /** null: no mail server (administrators issue tokens with the CLI). */
  mail: MailConfig | null;
  baseUrl: string;
  portalName: string;
  languages: string[];
  defaultLanguage: string;
  onReset?: (req: FastifyRequest, username: string, action: ResetAction, detail?: Record<string, unknown>) => Promise<void>;
  /** For tests: receives every token instead of the console or the mail server. */
  deliverReset?: (username: string, token: string) => void;
  /** A store several nodes share: reset requests are throttled for the whole cluster. */
  shared?: Backend | null;
}

const NO_MAIL_ANSWER = 'If the account exists, the portal\'s administrators have been told of the request: ask them for a one-time reset link.';
const MAIL_ANSWER = 'If the account exists, a password reset link has been sent to its e-mail address (for an account without one, to the administrator).';

/** {"username"} or {"email"}: which accounts the request names. */
function whoOf(req: FastifyRequest): { username?: string; email?: string } {
  if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new AgoraError('PARAMETER_INVALID', 'Send a JSON body {"username"} or {"email"} (Content-Type: application/json).');
  }
  const body = req.body as Record<string, unknown> | null;
  if (typeof body?.username === 'string' && body.username) return { username: body.username };
  if (typeof body?.email === 'string' && body.email.trim()) return { email: body.email };
  throw new AgoraError('PARAMETER_INVALID', '"username" or "email" is required.');
}

export async function registerResetRoutes(app: FastifyInstance, d: ResetRouteDeps): Promise<void> {
  // Per client address and per account named: throttled like logins, whether the account exists or not.
  const throttle = new LoginThrottle(5, undefined, undefined, d.shared ? { backend: d.shared, scope: 'reset' } : null);
  const mailer = d.mail ? new Mailer(d.mail) : null;
  const pending = new Set<Promise<void>>();
  app.addHook('onClose', async () => { await Promise.allSettled([...pending]); mailer?.close(); });

  // Logs are read by more people than administrators and kept longer than an hour: no token here.
  const toAdministrator = (user: User, why: string) => {
    console.log(`[agora] Password reset asked for ${user.username} (${why}): an administrator can issue a one-time link with \`agora user reset-password ${user.username}\` and hand it over.`);
  };

  /** Sends the link after the answer is gone, so a slow or failing server changes nothing the caller sees. */
  const email = (req: FastifyRequest, m: Mailer, user: User & { email: string }, token: string) => {
    const lang = pickLanguage((req.body as Record<string, unknown>).language, req.headers['accept-language'], { languages: d.languages, default: d.defaultLanguage });
    const message = resetMessage({ portal: d.portalName, username: user.username, link: resetLink(d.baseUrl, token), minutes: RESET_TTL_MS / 60_000, lang });
    const job = m.send(user.email, message).then(
      () => console.log(`[agora] Password reset for ${user.username}: link e-mailed through ${m.config.server}.`),
      async (err: Error) => {
        console.error(`[agora] Password reset for ${user.username}: the e-mail could not be sent (${err.message}). Check AGORA_SMTP_URL; the user can ask again once the mail server answers.`);
        await d.onReset?.(req, user.username, 'mail_failed', { mail_server: m.config.server }).catch(() => undefined);
      });
    pending.add(job);
    void job.finally(() => pending.delete(job));
  };

  // Same answer whether the account exists, has an address, or the mail server fails: no enumeration.
  app.post('/api/auth/password-reset/request', async (req, reply) => {
    const who = whoOf(req);
    const keys = [`ip:${req.ip}`, `for:${(who.username ?? who.email ?? '').trim().toLowerCase()}`];
    await throttle.check(keys);
    await throttle.fail(keys);
    for (const user of d.resets.holders(who)) {
      const delivery = d.deliverReset ? 'test' : mailer && user.email ? 'email' : 'administrator';
      await d.onReset?.(req, user.username, 'request', { delivery });
      if (delivery === 'administrator') { toAdministrator(user, mailer ? 'no e-mail address on file' : 'no mail server configured'); continue; }
      const token = await d.resets.issue(user.username);
      if (d.deliverReset) d.deliverReset(user.username, token);
      else email(req, mailer!, { ...user, email: user.email! }, token);
    }
    // `delivery` describes the portal's set-up (mail server or not), never the account.
    return reply.status(202).send(mailer ? { detail: MAIL_ANSWER, delivery: 'email' } : { detail: NO_MAIL_ANSWER, delivery: 'administrator' });
  });

  app.post('/api/auth/password-reset/confirm', async (req, reply) => {
    const { token, password } = jsonBody(req, ['token', 'password']);
    // The new password ends the user's sessions in its own transaction (GovernanceStore.updateUser).
    const username = await d.resets.consume(token, password);
    await d.onReset?.(req, username, 'confirm');
    return reply.status(204).send();
  });
}
