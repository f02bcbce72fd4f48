import { execFileSync } from 'node:child_process';
import { devices, expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../integration/server.ts';
import { startMailbox, type Mailbox } from '../integration/smtp.ts';
import { SERIES, trends } from './content.ts';

/**
 * The funnel as one reader makes it, in Chromium, against a server of its own (a fresh lead store, so
 * that no other test's reading is counted): two trends read to their call to action, the report page,
 * the form started and sent with the marketing box, the report downloaded, the emailed confirmation
 * followed. `npm run stats -- --json` then shows exactly these events, on these pages, and one visitor.
 */
const REPORT = `/${SERIES}/report/`;
// One server for the file: its tests run in order, in one worker.
test.describe.configure({ mode: 'serial' });
let server: RunningServer;
let mailbox: Mailbox;

test.beforeAll(async () => {
  mailbox = await startMailbox();
  const port = Number(process.env.E2E_PORT ?? 4391);
  server = await startServer(
    {
      SMTP_URL: mailbox.url,
      MAIL_FROM: 'ML Trends <reports@analytical-engines.example>',
      // The build the suite's own server made (playwright.config.ts): never a build of its own under it.
      TEST_BUILD_ORIGIN: `http://localhost:${port}`,
    },
    process.cwd(),
    { port: port + 1 },
  );
});

test.afterAll(async () => {
  await server?.stop();
  await mailbox?.close();
});

interface Stats {
  events: { page: string; event: string; variant: string; count: number }[];
  days: { day: string; visitors: number; capped: boolean }[];
  series: {
    id: string;
    onPages: { event: string; count: number; views?: number }[];
    handOff: { count: number; share: number | null; readers: number };
  }[];
}

const stats = (): Stats =>
  JSON.parse(
    execFileSync(process.execPath, ['scripts/stats.ts', '--json'], {
      env: { ...process.env, DATA_DIR: server.dataDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }),
  ) as Stats;

test('a reader whose browser sends Global Privacy Control is not counted at all', async ({ browser }) => {
  // A browser's user agent (headless Chromium's own says HeadlessChrome, which is not counted anyway): only GPC
  // is what keeps this reader out of the counts.
  const context = await browser.newContext({
    userAgent: devices['Desktop Chrome'].userAgent,
    extraHTTPHeaders: { 'Sec-GPC': '1' },
  });
  await context.addInitScript(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true }));
  const page = await context.newPage();
  const beacons: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/_event') beacons.push(request.url());
  });
  await page.goto(`${server.origin}${trends[0]!.href}`);
  await page.locator('[data-report-cta]').scrollIntoViewIfNeeded();
  await page.locator('[data-report-cta]').getByRole('link', { name: 'Get the report' }).click();
  await page.getByLabel('Work email', { exact: true }).fill(`gpc-${Date.now()}@analytical-engines.example`);
  await page.getByLabel('Job role', { exact: true }).selectOption('Data science or ML lead');
  await page.getByLabel(/I agree that/).check();
  await page.getByRole('button', { name: 'Get the report' }).click();
  await expect(page.getByRole('link', { name: 'Download the report (PDF)' })).toBeVisible();
  await context.close();
  // The script sent nothing, and the gate counted nothing of the form either (its request said Sec-GPC: 1).
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(beacons).toEqual([]);
  expect(stats()).toMatchObject({ events: [], days: [] });
});

test('a reader who reads two trends, asks for the report, downloads it and confirms is counted once each', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const [first, second] = [trends[0]!, trends[1]!];
  for (const trend of [first, second]) {
    await page.goto(`${server.origin}${trend.href}`);
    const cta = page.locator('[data-report-cta]');
    await cta.scrollIntoViewIfNeeded();
    await expect(cta).toBeInViewport();
  }
  await page.locator('[data-report-cta]').getByRole('link', { name: 'Get the report' }).click();
  await expect(page).toHaveURL(`${server.origin}${REPORT}`);

  const email = `funnel-${Date.now()}@analytical-engines.example`;
  await page.getByLabel('Work email', { exact: true }).fill(email);
  await page.getByLabel('Job role', { exact: true }).selectOption('Data science or ML lead');
  await page.getByLabel(/I agree that/).check();
  await page.locator('#field-marketingOptIn').check();
  await page.getByLabel('First name', { exact: true }).fill('Ada');
  await page.getByLabel('Last name', { exact: true }).fill('Lovelace');
  await page.getByLabel('Company', { exact: true }).fill('Analytical Engines');
  await page.getByRole('button', { name: 'Get the report' }).click();
  const link = page.getByRole('link', { name: 'Download the report (PDF)' });
  await expect(link).toBeVisible();
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(file.suggestedFilename()).toMatch(/\.pdf$/);

  const mail = await mailbox.next(email, (m) => /confirm/i.test(m.subject ?? ''));
  const confirmUrl = /https?:\/\/\S+\/report\/confirm\/\S+?\//.exec(mail.text ?? '')![0];
  await page.goto(confirmUrl.replace(/^https?:\/\/[^/]+/, server.origin));
  await page.getByRole('button', { name: /Yes, these are my details/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const expected = [
    { page: `/${SERIES}/${first.href.split('/')[2]}/`, event: 'cta_seen', count: 1 },
    { page: `/${SERIES}/${first.href.split('/')[2]}/`, event: 'view', count: 1 },
    { page: `/${SERIES}/${second.href.split('/')[2]}/`, event: 'cta_seen', count: 1 },
    { page: `/${SERIES}/${second.href.split('/')[2]}/`, event: 'view', count: 1 },
    { page: REPORT, event: 'view', count: 1 },
    { page: REPORT, event: 'form_start', count: 1 },
    { page: REPORT, event: 'submit', count: 1 },
    { page: REPORT, event: 'confirmed', count: 1 },
    { page: REPORT, event: 'download', count: 1 },
  ];
  const sorted = <T extends { page: string; event: string }>(rows: T[]) =>
    [...rows].sort((a, b) => a.page.localeCompare(b.page) || a.event.localeCompare(b.event));
  // The server writes its counts once a second.
  await expect
    .poll(() => sorted(stats().events.map(({ page, event, count }) => ({ page, event, count }))), { timeout: 10_000 })
    .toEqual(sorted(expected));
  const { days, series } = stats();
  expect(days.map((d) => d.visitors)).toEqual([1]);
  // One reader of the series, however many of its pages they read, who went on to its report page: 1 of 1.
  const read = series.find((s) => s.id === SERIES)!;
  expect([read.onPages[0]!.count, read.onPages[0]!.views]).toEqual([1, 2]);
  expect(read.handOff).toEqual({ count: 1, share: 1, readers: 1 });
  const text = execFileSync(process.execPath, ['scripts/stats.ts'], {
    env: { ...process.env, DATA_DIR: server.dataDir },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  expect(text).toMatch(
    /Series readers\s+1 {3}\(2 views\)\n\s+Went on to the report page \(any link\)\s+1\s+100% of series readers\n/,
  );
});
