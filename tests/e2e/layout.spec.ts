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

test('at 390 px the header is one row, its search behind a button that opens and focuses the field', async ({
  page,
}) => {
  // Issue 20: the search field's own row put the header at 106 px above every article.
  await page.setViewportSize({ width: 390, height: 844 });
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto('/');
  const header = (await page.locator('.site-header').boundingBox())!;
  expect(header.height).toBeLessThanOrEqual(64);

  const field = page.getByRole('searchbox', { name: 'Search the articles' });
  const button = page.getByRole('button', { name: 'Search', exact: true });
  await expect(field).toBeHidden();
  await expect(button).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // The button names what it opens: the search form, which holds the field.
  const controls = page.locator(`#${await button.getAttribute('aria-controls')}`);
  await expect(controls).toHaveAttribute('role', 'search');
  // The name, the links and the button share the row.
  const brand = (await page.locator('.site-header .brand').boundingBox())!;
  const middle = (box: { y: number; height: number }) => box.y + box.height / 2;
  for (const other of [page.getByRole('navigation', { name: 'Site' }), button]) {
    expect(Math.abs(middle((await other.boundingBox())!) - middle(brand))).toBeLessThan(brand.height);
  }
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((path) => path.startsWith('/pagefind/'))).toEqual([]);

  // Enter opens the field under the row, with the cursor in it, and moves nothing on the page.
  const mainBefore = (await page.locator('main').boundingBox())!;
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(field).toBeVisible();
  await expect(field).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  await expect(controls.getByRole('searchbox')).toBeFocused();
  const open = (await field.boundingBox())!;
  expect(open.width).toBeGreaterThan(390 * 0.7);
  expect(open.y).toBeGreaterThanOrEqual(brand.y + brand.height);
  expect((await page.locator('main').boundingBox())!.y).toBe(mainBefore.y);

  // It searches there, and the results fit the screen.
  await field.fill('governance');
  const first = page.getByRole('search').getByRole('listitem').first();
  await expect(first).toBeVisible();
  const result = (await first.boundingBox())!;
  expect(result.x).toBeGreaterThanOrEqual(0);
  expect(result.x + result.width).toBeLessThanOrEqual(390);

  // Escape closes the list, then the field, and gives the focus back to the button.
  await field.press('Escape');
  await expect(first).toBeHidden();
  await expect(field).toBeVisible();
  await field.press('Escape');
  await expect(field).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');

  // Space opens it as well; a click on the page closes it.
  await page.keyboard.press('Space');
  await expect(field).toBeFocused();
  await page.locator('main h1').click();
  await expect(field).toBeHidden();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`at 390 px in the ${colorScheme} theme the search button shows a focus ring`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/');
    const button = page.getByRole('button', { name: 'Search', exact: true });
    // Reached from the keyboard, after the skip link, the site's name and the links.
    for (let i = 0; i < 8 && !(await button.evaluate((element) => element === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(button).toBeFocused();
    const ring = await button.evaluate((element) => {
      const style = getComputedStyle(element);
      const body = getComputedStyle(document.body);
      return {
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        color: style.outlineColor,
        page: body.backgroundColor,
      };
    });
    expect(ring.style).not.toBe('none');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    expect(ring.color).not.toBe(ring.page);
  });
}

test('at 1280 px the search field stands in the header row, with no button to open it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  await expect(page.getByRole('searchbox', { name: 'Search the articles' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Search', exact: true })).toBeHidden();
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
