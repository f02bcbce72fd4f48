import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/**
 * The segment lens of the demonstration series: a reader picks a group once, the URL keeps it, and every
 * chart with values by segment and every bound number with a segment value shows that group beside the
 * total; a reload or a shared link shows the same; without JavaScript the page shows the totals.
 */
const adoption = '/platform-engineering-2024/platform-adoption/';
const recommendation = '/platform-engineering-2024/recommendation/';
const chart = (id: string) => `#figure-${id} [data-lens-chart]`;
/** The total's bound number of "Yes, in use", the first of the page. */
const totalStat = '.mt-stat[data-figure="platform-by-size"][data-lens]';

test('a reader picks a company size: the URL keeps it, the chart and the numbers show it, a reload too', async ({
  page,
}) => {
  await page.goto(adoption);
  const lens = page.getByLabel('Show a group');
  await expect(lens).toBeVisible();
  await expect(page.locator(chart('platform-by-size'))).not.toContainText('beside all respondents');
  await expect(page.locator('.mt-stat-lens')).toHaveCount(0);

  await lens.selectOption({ label: '1,000+ employees' });
  await expect(page).toHaveURL(/\?segment=size-1000$/);
  // The value the prose binds for that segment (<Stat segment="size-1000">), computed at build.
  const segmentValue = (
    await page.locator('.mt-stat[data-segment="size-1000"] .mt-stat-value').first().textContent()
  )?.trim();
  expect(segmentValue).toMatch(/^\d+(\.\d)?%$/);
  const check = async () => {
    await expect(page.locator(chart('platform-by-size'))).toContainText(
      '1,000+ employees (company size, n = 178) beside all respondents',
    );
    await expect(page.locator(`${chart('platform-by-size')} svg[aria-label]`).first()).toHaveAttribute(
      'aria-label',
      new RegExp(`Yes, in use: ${segmentValue!.replace('.', '\\.')} against`),
    );
    await expect(page.locator(`${totalStat} .mt-stat-lens`).first()).toHaveText(` (1,000+ employees: ${segmentValue})`);
  };
  await check();

  await page.reload();
  await expect(page.getByLabel('Show a group')).toHaveValue('size-1000');
  await check();

  await page.getByLabel('Show a group').selectOption('');
  await expect(page).toHaveURL(new RegExp(`${adoption}$`));
  await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
  await expect(page.locator(chart('platform-by-size'))).not.toContainText('beside all respondents');
});

test('a shared link to a group under the minimum n says so instead of a value', async ({ page }) => {
  await page.goto(`${recommendation}?segment=region-elsewhere`);
  await expect(page.getByLabel('Show a group')).toHaveValue('region-elsewhere');
  await expect(page.locator(chart('tool-satisfaction'))).toContainText('fewer than 30 answered');
  await expect(page.locator('.mt-stat[data-figure="tool-satisfaction"] .mt-stat-lens')).toHaveText(
    ' (Elsewhere: fewer than 30 answered)',
  );
  // A figure broken down by another question (role) keeps its total.
  await expect(page.locator(chart('platform-nps'))).not.toContainText('beside all respondents');
});

test('the lens and the segment pictures have no accessibility violations, light and dark', async ({ page }) => {
  for (const theme of ['light', 'dark']) {
    await page.goto(`${adoption}?segment=size-1-99`);
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await expect(page.locator(chart('platform-by-size'))).toContainText('beside all respondents');
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
  }
});

test('an unknown group in the URL shows the totals', async ({ page }) => {
  await page.goto(`${adoption}?segment=size-unknown`);
  await expect(page.getByLabel('Show a group')).toHaveValue('');
  await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page shows the totals and no lens control, whatever the URL', async ({ page }) => {
    await page.goto(`${adoption}?segment=size-1000`);
    await expect(page.locator('[data-lens-control]')).toBeHidden();
    await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
    await expect(page.locator(chart('platform-by-size'))).not.toContainText('beside all respondents');
    // The total's chart, in the variant that fits the window.
    await expect(page.locator(`${chart('platform-by-size')} .mt-chart-svg:visible`)).toHaveCount(1);
  });
});
