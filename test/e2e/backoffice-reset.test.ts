// End-to-end: a forgotten password in headless Chromium. Sign-in page → "Forgot your password?" →
// the request form (by e-mail address) → the message received by an independent SMTP receiver
// (smtp-server, in-process) → its link's reset page (too short, mismatch, then a good password) →
// sign-in with the new password; the used link then says it expired. axe-core on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { HAS_CHROMIUM, axeSerious, launch } from './support/browser.ts';
import { startPortal, type RunningPortal } from './support/server.ts';
import { fillSignIn } from './support/admin.ts';
import { ensureGovernance } from '../../src/governance/index.ts';

const USER = { username: 'forgetful', email: 'forgetful@city.example', password: 'first-password-1' };

/** The reset link of a raw message: its text/plain part, quoted-printable decoded here. */
function linkIn(raw: string): string {
  const text = raw.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
  return /http:\/\/127\.0\.0\.1\/admin\/reset-password\?token=[A-Za-z0-9_-]{43}/.exec(text)![0];
}

describe.skipIf(!HAS_CHROMIUM)('back office: forgotten password by e-mail', () => {
  let smtp: SMTPServer;
  const inbox: Array<{ to: string[]; raw: string }> = [];
  let portal: RunningPortal;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS', 'AUTH'], logger: false,
      onData(stream, session, cb) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => { inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('latin1') }); cb(); });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    process.env.AGORA_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    process.env.AGORA_MAIL_FROM = 'Agora Test City <data@city.example>';
    portal = await startPortal();
    const gov = await ensureGovernance(portal.ctx);
    await gov.addUser(USER);
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    delete process.env.AGORA_SMTP_URL; delete process.env.AGORA_MAIL_FROM;
    await browser?.close();
    await portal?.stop();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  it('asks for a link on the sign-in page, receives it, sets a new password and signs in with it', async () => {
    await page.goto(`${portal.url}/signin`);
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgotten password' }).waitFor();
    expect(await axeSerious(page)).toEqual([]);
    await page.getByLabel('Username or e-mail address').fill(USER.email.toUpperCase());
    await page.getByRole('button', { name: 'Send me a reset link' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain(`If an account matches “${USER.email.toUpperCase()}”, a link`);
    await expect.poll(() => inbox.length, { timeout: 10_000 }).toBe(1);
    expect(inbox[0].to).toEqual([USER.email]);

    const link = new URL(linkIn(inbox[0].raw));
    await page.goto(`${portal.url}${link.pathname}${link.search}`);
    await page.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    // The token leaves the address bar once read.
    await expect.poll(() => new URL(page.url()).search).toBe('');
    expect(await axeSerious(page)).toEqual([]);

    const newPassword = page.getByLabel('New password', { exact: true });
    const again = page.getByLabel('Type the new password again');
    const submit = page.getByRole('button', { name: 'Set the new password' });
    await newPassword.fill('short');
    await again.fill('short');
    await submit.click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The password is too short: use at least 8 characters.');
    expect(await newPassword.getAttribute('aria-invalid')).toBe('true');
    await newPassword.fill('second-password-2');
    await again.fill('second-password-X');
    await submit.click();
    await expect.poll(() => page.getByRole('alert').textContent()).toBe('The two passwords are different: type the same one twice.');
    expect(await again.getAttribute('aria-invalid')).toBe('true');
    expect(await axeSerious(page)).toEqual([]);
    await again.fill('second-password-2');
    await submit.click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Your password has been changed.');

    // The old password is refused by the API; the new one signs in through the page.
    const old = await fetch(`${portal.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER.username, password: USER.password }) });
    expect(old.status).toBe(401);
    await page.getByRole('link', { name: 'Sign in with the new password' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await fillSignIn(page, { username: USER.username, password: 'second-password-2' });
    await page.getByRole('heading', { level: 1, name: 'Datasets you can edit' }).waitFor();

    // The link worked once.
    await page.goto(`${portal.url}${link.pathname}${link.search}`);
    await page.getByLabel('New password', { exact: true }).fill('third-password-3');
    await page.getByLabel('Type the new password again').fill('third-password-3');
    await page.getByRole('button', { name: 'Set the new password' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This reset link is invalid or has expired');
    await page.getByRole('link', { name: 'Ask for a new link' }).click();
    await page.getByRole('heading', { level: 1, name: 'Forgotten password' }).waitFor();
  }, 60_000);
});
