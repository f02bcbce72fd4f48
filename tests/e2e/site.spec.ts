import { expect, test } from '@playwright/test';
import { SERIES, trends } from './content.ts';

const pages = ['/', `/${SERIES}/`, ...trends.map((t) => t.href)];

test('an unknown address answers 404 with the not-found page', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('main').getByRole('link', { name: /All trends/ })).toHaveAttribute('href', `/${SERIES}/`);
});

// Without SITE_URL, the server builds for its own origin (http://localhost:PORT): the links name it.
test('every page has one h1, a description and a canonical URL naming the server', async ({ page, baseURL }) => {
  for (const path of pages) {
    await page.goto(path);
    await expect(page.locator('h1'), path).toHaveCount(1);
    await expect(page.locator('meta[name="description"]'), path).toHaveAttribute('content', /\S/);
    await expect(page.locator('link[rel="canonical"]'), path).toHaveAttribute('href', new URL(path, baseURL).href);
  }
});

test('the RSS feed lists all ten trends in series order', async ({ request, baseURL }) => {
  const response = await request.get(`/${SERIES}/rss.xml`);
  expect(response.ok()).toBe(true);
  const xml = await response.text();
  const titles = [...xml.matchAll(/<item><title>([^<]*)<\/title>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
  expect(titles).toEqual(trends.map((t) => t.title));
  expect(xml).toContain(`<link>${baseURL}/${SERIES}/${trends[0]!.slug}/</link>`);
});

test('the sitemap lists the home page, the index and every trend', async ({ request, baseURL }) => {
  const index = await (await request.get('/sitemap-index.xml')).text();
  const sitemap = await (await request.get(new URL(/<loc>([^<]+)<\/loc>/.exec(index)![1]!).pathname)).text();
  for (const path of pages) expect(sitemap).toContain(`<loc>${baseURL}${path}</loc>`);
  expect(sitemap).not.toContain('404');
});

test('pages fit a 320 px wide screen without sideways scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  for (const path of [`/${SERIES}/`, trends[0]!.href, trends[8]!.href]) {
    await page.goto(path);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('the dark theme follows the system preference', async ({ page }) => {
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(trends[0]!.href);
  expect(await background()).toBe('rgb(255, 255, 255)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(18, 22, 27)');
});

test('printing an article leaves out the site navigation and keeps the text', async ({ page }) => {
  await page.goto(trends[7]!.href);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Series navigation' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('.mt-chart-svg:visible').first()).toBeVisible();
});
