// Password reset by e-mail through the front door, against an independent SMTP receiver (smtp-server,
// in-process, AUTH required): the received RFC 822 message is parsed here (headers, multipart,
// quoted-printable) to get the link, whose token sets the password. No token or SMTP password in
// any console line; unknown users, users without an address and a dead mail server get the same answer.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { parts } from '../support/mime.ts';
import { closePortal, openPortal } from '../../src/server/portal.ts';
import { buildApp } from '../../src/server/app.ts';
import type { AppContext } from '../../src/server/context.ts';
import { ensureAudit, ensureGovernance } from '../../src/governance/index.ts';
import { mailConfigFromEnv, pickLanguage } from '../../src/governance/mail.ts';
import { redactUrl } from '../../src/server/auth.ts';

const SMTP_USER = 'portal-mailer';
const SMTP_PASS = 'smtp:Pa$$word/42';
interface Received { from: string; to: string[]; raw: string }
const inbox: Received[] = [];
const lines: string[] = [];
let smtp: SMTPServer;
let smtpPort = 0;
let ctx: AppContext;
let app: FastifyInstance;

beforeAll(async () => {
  smtp = new SMTPServer({
    disabledCommands: ['STARTTLS'], allowInsecureAuth: true, logger: false,
    onAuth(auth, _s, cb) {
      cb(auth.username === SMTP_USER && auth.password === SMTP_PASS ? null : new Error('bad credentials'), { user: auth.username });
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const env = session.envelope;
        inbox.push({ from: env.mailFrom ? env.mailFrom.address : '', to: env.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
  smtpPort = (smtp.server.address() as AddressInfo).port;
  for (const m of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, m).mockImplementation((...a: unknown[]) => { lines.push(a.map(String).join(' ')); });
  }
  process.env.AGORA_RATE_LIMIT_ANONYMOUS = 'off';
  process.env.AGORA_SMTP_URL = `smtp://${SMTP_USER}:${encodeURIComponent(SMTP_PASS)}@127.0.0.1:${smtpPort}`;
  process.env.AGORA_MAIL_FROM = 'Test City data <data@city.example>';
  ctx = await openPortal({ inMemory: true, baseUrl: 'https://data.city.example', portalName: 'Test City' });
  const gov = await ensureGovernance(ctx);
  await gov.addUser({ username: 'ana', password: 'old-password-1', email: 'Ana.Lopez@city.example' });
  await gov.addUser({ username: 'bo', password: 'old-password-2' });
  await gov.addUser({ username: 'cy', password: 'old-password-3', email: 'cy@city.example' });
  app = await buildApp(ctx, { web: false });
});
afterAll(async () => {
  vi.restoreAllMocks();
  for (const k of ['AGORA_RATE_LIMIT_ANONYMOUS', 'AGORA_SMTP_URL', 'AGORA_MAIL_FROM']) delete process.env[k];
  await app?.close(); if (ctx) await closePortal(ctx);
  await new Promise<void>((r) => smtp.close(() => r()));
});

let ip = 0;
const request = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: body, headers, remoteAddress: `198.51.100.${++ip}` });
const login = (username: string, password: string) => app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
const arrived = (n: number) => vi.waitFor(() => { if (inbox.length < n) throw new Error(`${inbox.length} messages so far`); }, { timeout: 10_000, interval: 20 });

const LINK_RE = /https:\/\/data\.city\.example\/admin\/reset-password\?token=([A-Za-z0-9_-]{43})/;

describe('password reset by e-mail', () => {
  let first = '';
  it('e-mails a link to the stored address; its token sets the password, and is never logged', async () => {
    const r = await request({ username: 'ana' });
    expect(r.statusCode).toBe(202);
    first = r.body;
    expect(r.json()).toMatchObject({ delivery: 'email' });
    await arrived(1);
    const mail = inbox[0];
    expect(mail.from).toBe('data@city.example');
    expect(mail.to).toEqual(['Ana.Lopez@city.example']);
    const m = parts(mail.raw);
    expect(m.to).toBe('Ana.Lopez@city.example');
    expect(m.from).toBe('Test City data <data@city.example>');
    expect(m.subject).toBe('Reset your password for Test City');
    const token = LINK_RE.exec(m.text)![1];
    expect(LINK_RE.exec(m.html)![1]).toBe(token);
    expect(m.text).toContain('Hello ana,');
    expect(m.text).toContain('within 60 minutes');
    const confirm = await app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'new-password-from-mail' } });
    expect(confirm.statusCode).toBe(204);
    expect((await login('ana', 'old-password-1')).statusCode).toBe(401);
    expect((await login('ana', 'new-password-from-mail')).statusCode).toBe(200);
    await vi.waitFor(() => { if (!lines.some((l) => l.includes('e-mailed'))) throw new Error('no log line yet'); });
    expect(lines.join('\n')).not.toContain(token);
    expect(lines.join('\n')).not.toContain(SMTP_PASS);
    expect(lines.join('\n')).not.toContain(encodeURIComponent(SMTP_PASS));
    const audit = (await (await ensureAudit(ctx)).list(50, 0)).entries.filter((e) => e.action === 'password_reset.request');
    expect(audit.map((e) => [e.target, e.detail])).toEqual([['ana', { delivery: 'email' }]]);
  });

  it('answers alike for an unknown user and an unknown address, and sends them nothing', async () => {
    const before = inbox.length;
    for (const body of [{ username: 'nobody-here' }, { email: 'nobody@city.example' }]) {
      const r = await request(body);
      expect(r.statusCode).toBe(202);
      expect(r.body).toBe(first);
    }
    // A known address (any case) after them: only its message arrives.
    expect((await request({ email: 'ana.lopez@CITY.example' })).body).toBe(first);
    await arrived(before + 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.slice(before).map((m) => m.to)).toEqual([['Ana.Lopez@city.example']]);
  });

  it('writes in French when the web app or the browser asks for it', async () => {
    const before = inbox.length;
    await request({ username: 'cy', language: 'fr' });
    await arrived(before + 1);
    await request({ username: 'cy' }, { 'accept-language': 'de-DE, fr-CA;q=0.8, en;q=0.5' });
    await arrived(before + 2);
    for (const mail of inbox.slice(before)) {
      const m = parts(mail.raw);
      expect(m.subject).toBe('Réinitialisation de votre mot de passe sur Test City');
      expect(m.text).toContain('Bonjour cy,');
      expect(m.html).toContain('<html lang="fr">');
    }
    // The second request replaced the first token: only the newest link works.
    const [older, newer] = inbox.slice(before).map((mail) => LINK_RE.exec(parts(mail.raw).text)![1]);
    const confirm = (token: string) => app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'nouveau-mot-de-passe' } });
    expect((await confirm(older)).statusCode).toBe(400);
    expect((await confirm(newer)).statusCode).toBe(204);
  });

  it('notes an account without an address on the console for an administrator, with the same answer and no token', async () => {
    const before = inbox.length;
    const r = await request({ username: 'bo' });
    expect(r.body).toBe(first);
    const line = lines.find((l) => l.includes('Password reset asked for bo'))!;
    expect(line).toContain('no e-mail address');
    expect(line).toContain('agora user reset-password bo');
    expect(line).not.toContain('token=');
    expect(line).not.toMatch(/[A-Za-z0-9_-]{43}/);
    await new Promise((r) => setTimeout(r, 200));
    expect(inbox.length).toBe(before);
  });

  it('answers alike when the mail server is down, and logs and audits the failure without credentials', async () => {
    await new Promise<void>((r) => smtp.close(() => r()));
    const r = await request({ username: 'ana' });
    expect(r.statusCode).toBe(202);
    expect(r.body).toBe(first);
    await vi.waitFor(() => { if (!lines.some((l) => l.includes('could not be sent'))) throw new Error('no error logged yet'); }, { timeout: 20_000, interval: 50 });
    const err = lines.find((l) => l.includes('could not be sent'))!;
    expect(err).toContain(`127.0.0.1:${smtpPort}`);
    expect(err).not.toContain(SMTP_PASS);
    expect(err).not.toContain(encodeURIComponent(SMTP_PASS));
    expect(lines.filter((l) => l.includes('for ana')).join('\n')).not.toContain('token');
    await vi.waitFor(async () => {
      const failed = (await (await ensureAudit(ctx)).list(50, 0)).entries.filter((e) => e.action === 'password_reset.mail_failed');
      expect(failed.map((e) => [e.target, e.detail])).toEqual([['ana', { mail_server: `127.0.0.1:${smtpPort}` }]]);
    });
  });
});

describe('reset request input and logs', () => {
  it('needs a username or an e-mail address, as JSON', async () => {
    const none = await request({ name: 'ana' });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('\\"username\\" or \\"email\\" is required.');
    const form = await app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: 'username=ana', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(form.statusCode).toBeGreaterThanOrEqual(400);
  });
  it('redacts the token of a reset link from logged request URLs', () => {
    expect(redactUrl('/admin/reset-password?token=abcDEF_-123&lang=fr')).toBe('/admin/reset-password?token=[redacted]&lang=fr');
  });
});

describe('mail settings', () => {
  it('reads AGORA_SMTP_URL and AGORA_MAIL_FROM, with clear errors', () => {
    expect(mailConfigFromEnv({}, 'https://x.example', 'Agora')).toBeNull();
    expect(mailConfigFromEnv({ AGORA_SMTP_URL: 'smtps://u:p@mail.city.example' }, 'https://data.city.example/', 'City'))
      .toEqual({ url: 'smtps://u:p@mail.city.example', from: { name: 'City', address: 'no-reply@data.city.example' }, server: 'mail.city.example:465' });
    expect(mailConfigFromEnv({ AGORA_SMTP_URL: 'smtp://mail.city.example' }, 'https://x.example', 'A')!.server).toBe('mail.city.example:587');
    expect(() => mailConfigFromEnv({ AGORA_SMTP_URL: 'http://u:secret@mail.example' }, 'https://x.example', 'A')).toThrow(/must start with smtp:\/\/ or smtps:\/\/[^]*"http:"/);
    expect(() => mailConfigFromEnv({ AGORA_SMTP_URL: 'not a url' }, 'https://x.example', 'A')).toThrow('AGORA_SMTP_URL is not a URL');
    expect(() => mailConfigFromEnv({ AGORA_SMTP_URL: 'smtp://h', AGORA_MAIL_FROM: 'nobody' }, 'https://x.example', 'A')).toThrow('AGORA_MAIL_FROM="nobody" holds no e-mail address');
  });
  it('picks the language among the portal\'s (asked, then Accept-Language by q, then the default)', () => {
    const portal = { languages: ['en', 'fr'], default: 'en' };
    expect(pickLanguage('fr', 'en', portal)).toBe('fr');
    expect(pickLanguage(undefined, 'en;q=0.4, fr-BE', portal)).toBe('fr');
    expect(pickLanguage(undefined, 'de', portal)).toBe('en');
    expect(pickLanguage('fr', 'fr', { languages: ['en'], default: 'en' })).toBe('en');
    expect(pickLanguage(undefined, undefined, { languages: ['en', 'fr'], default: 'fr' })).toBe('fr');
  });
});
