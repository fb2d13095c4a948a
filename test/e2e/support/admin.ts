// Back-office e2e helpers: open a page of the back office and sign in through its form, as a
// publisher would, waiting for the datasets list that follows a successful sign-in.
import type { Browser, Page } from 'playwright-core';

export interface Credentials { username: string; password: string }

/** Fills the sign-in form shown in place on the current page. */
export async function fillSignIn(page: Page, who: Credentials): Promise<void> {
  await page.getByLabel('Username').fill(who.username);
  await page.getByLabel('Password').fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A new page signed in to /admin; resolves once the datasets list is shown. */
export async function adminPage(browser: Browser, baseUrl: string, who: Credentials): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${baseUrl}/admin`);
  await fillSignIn(page, who);
  await page.getByRole('heading', { level: 1, name: 'Datasets you can edit' }).waitFor();
  return page;
}
