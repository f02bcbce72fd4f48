import { expect, test } from '@playwright/test';

/**
 * The demonstration series' index at a desktop width (review round 7: the right half of the first screen was
 * empty and the lead chart started about 600 px down): the chart stands beside the introduction, its title and
 * its first panel's bars on the first screen. Narrow screens keep one column, the chart after the introduction.
 */
const index = '/platform-engineering-2024/';

for (const theme of ['light', 'dark']) {
  test(`at 1280 × 900 (${theme}) the lead chart's title and first bars are on the first screen, beside the introduction`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(index);
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    const intro = (await page.locator('main h1').boundingBox())!;
    const chart = page.locator('main .lead-chart figure.mt-figure');
    const title = (await chart.locator('.mt-figure-title').boundingBox())!;
    expect(title.y + title.height).toBeLessThan(900);
    expect(title.x).toBeGreaterThan(intro.x + 300);
    // A bar itself: the lead chart's 100% bars (round 13: no key swatch above them any more), or a plain bar.
    const bars = chart.locator('.mt-chart-svg:visible').locator('rect.mt-chart-segment, rect.mt-chart-fill-1');
    const bar = (await bars.first().boundingBox())!;
    expect(bar.y + bar.height).toBeLessThan(900);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
  });
}

test('at 390 px the introduction comes first and the chart under it, one column', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(index);
  const intro = (await page.locator('main h1').boundingBox())!;
  const title = (await page.locator('main .lead-chart .mt-figure-title').boundingBox())!;
  expect(title.y).toBeGreaterThan(intro.y + intro.height);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
});
