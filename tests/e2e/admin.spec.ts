import { expect, test } from '@playwright/test';
import { hashPassword } from '../../src/gate/admin/auth.ts';
import { startServer, type RunningServer } from '../integration/server.ts';

/**
 * The dashboard in Chromium, on a server of its own: the browser's own sign-in form (its Origin, its
 * SameSite=Strict cookies) lets the team in, and the page needs no script.
 */
const PASSWORD = 'a long team password for the browser test';
test.describe.configure({ mode: 'serial' });
let server: RunningServer;
let origin: string;

test.beforeAll(async () => {
  const suite = Number(process.env.E2E_PORT ?? 4391);
  const port = suite + 2;
  server = await startServer(
    // The build the suite's own server made (playwright.config.ts): never a build of its own under it.
    { ADMIN_PASSWORD_HASH: await hashPassword(PASSWORD), TEST_BUILD_ORIGIN: `http://localhost:${suite}` },
    process.cwd(),
    { port },
  );
  // As the team opens it: by name, where browsers keep Secure cookies without https.
  origin = `http://localhost:${port}`;
});

test.afterAll(async () => {
  await server?.stop();
});

test('the team signs in with the password and sees the dashboard, without JavaScript', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const first = await page.goto(`${origin}/admin/`);
  expect(first!.status()).toBe(401);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That is not the password.');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(`${origin}/admin/`);
  await expect(page.getByRole('heading', { name: 'Where readers came from' })).toBeVisible();
  // The per-day counts fold away under their own heading, readable without script (a <details> element).
  await expect(page.getByRole('heading', { name: 'Per day', exact: true })).toBeVisible();
  await expect(page.getByText(/^Visitors per day and new leads per day/)).toBeVisible();
  const [session] = (await context.cookies()).filter((c) => c.name === 'mt_admin');
  expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/admin/' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByLabel('Password')).toBeVisible();
  expect((await context.cookies()).filter((c) => c.name === 'mt_admin')).toEqual([]);
  await context.close();
});
