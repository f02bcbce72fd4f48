import { expect, test } from '@playwright/test';
import { SERIES, trends } from './content.ts';

for (const path of ['/', `/${SERIES}/`, trends[0]!.href]) {
  test(`at 390 px the brand of ${path} is one line, and RSS is not in the primary navigation`, async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(path);
    const brand = page.locator('.site-header .brand');
    const lines = await brand.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      // One box per line of text: a name wrapped onto two lines has two.
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines).toBe(1);
    const nav = page.getByRole('navigation', { name: 'Site' });
    await expect(nav).toBeVisible();
    await expect(nav.getByRole('link', { name: /RSS/ })).toHaveCount(0);
    // The feed is still offered, at the foot of the page.
    await expect(page.locator('.site-footer').getByRole('link', { name: /RSS/ })).toHaveAttribute(
      'href',
      `/${SERIES}/rss.xml`,
    );
    // The footer's way to every page is the series index, a page for readers, not the sitemap's XML.
    await expect(page.locator('.site-footer').getByRole('link', { name: 'All trends' })).toHaveAttribute(
      'href',
      `/${SERIES}/`,
    );
    await expect(page.locator('.site-footer a[href$=".xml"]').filter({ hasText: 'Sitemap' })).toHaveCount(0);
  });
}

test('at 390 px the header search field takes the full width of its row, under the name and the links', async ({
  page,
}) => {
  // Round 14 of issue 20: beside the name, the field was 45% of the width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const field = (await page.getByRole('searchbox', { name: 'Search the articles' }).boundingBox())!;
  const brand = (await page.locator('.site-header .brand').boundingBox())!;
  const nav = (await page.getByRole('navigation', { name: 'Site' }).boundingBox())!;
  expect(field.width).toBeGreaterThan(390 * 0.7);
  expect(field.y).toBeGreaterThanOrEqual(brand.y + brand.height);
  // The links share the name's row.
  expect(Math.abs(nav.y + nav.height / 2 - (brand.y + brand.height / 2))).toBeLessThan(brand.height);
});

test('"On this page" is shown only for articles with four sections or more read in four minutes or more, never wider than the text', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const counted = trends.map((trend) => ({ trend, sections: trend.sections }));
  for (const { trend, sections } of counted) {
    await page.goto(trend.href);
    const toc = page.getByRole('navigation', { name: 'On this page' });
    // A short read needs no contents (round 2 of issue 20 found them on a 3-minute read).
    // No reading time in the byline: under three minutes (round 9).
    const minutes = Number(/(\d+)\smin\sread/.exec(await page.locator('.meta').innerText())?.[1] ?? 0);
    if (sections < 4 || minutes < 4) {
      await expect(toc, `${trend.slug}: ${sections} sections, ${minutes} min`).toHaveCount(0);
      continue;
    }
    await expect(toc, `${trend.slug}: ${sections} sections`).toBeVisible();
    await expect(toc.getByRole('link')).toHaveCount(sections);
    const text = await page.locator('.body > p').first().boundingBox();
    const box = await toc.boundingBox();
    expect(box!.width, `${trend.slug}: width of the contents`).toBeLessThanOrEqual(text!.width + 0.5);
  }
});
