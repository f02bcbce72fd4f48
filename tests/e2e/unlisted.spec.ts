import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readYamlFile } from '../../src/lib/content/files.ts';

/**
 * A series with `listed: false` in its series.yaml (the fictional demonstration, round 6 of the review: it was
 * listed beside the real series) stays out of the home page, the other series' pages, the sitemap and the
 * search index, and its pages ask search engines not to index them; its addresses keep working.
 */
const root = join(process.cwd(), 'content/series');
const unlisted = readdirSync(root).filter(
  (id) => (readYamlFile(join(root, id, 'series.yaml')) as { listed?: boolean }).listed === false,
);
const listed = readdirSync(root).filter((id) => !unlisted.includes(id));
const trendsOf = (id: string) =>
  readdirSync(join(root, id, 'trends'))
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => `/${id}/${name.replace(/\.mdx$/, '').replace(/^\d+-/, '')}/`);

test('the demonstration series is the one unlisted', () => {
  expect(unlisted).toEqual(['platform-engineering-2024']);
});

for (const id of unlisted) {
  test(`${id}: no link to it on the home page nor on a listed series' index`, async ({ page }) => {
    for (const path of ['/', ...listed.map((other) => `/${other}/`)]) {
      await page.goto(path);
      await expect(page.locator(`a[href^="/${id}/"]`), path).toHaveCount(0);
    }
  });

  test(`${id}: named nowhere in the home page's source, its inline JSON included`, async ({ request }) => {
    // The page's scripts (the reading progress outline, the structured data) are in its source for any crawler.
    const html = await (await request.get('/')).text();
    expect(html).toContain(`/${listed[0]}/`);
    expect(html).not.toContain(`/${id}/`);
  });

  test(`${id}: left out of the sitemap`, async ({ request }) => {
    const sitemap = await (await request.get('/sitemap-0.xml')).text();
    expect(sitemap).toContain(`/${listed[0]}/`);
    expect(sitemap).not.toContain(`/${id}/`);
  });

  test(`${id}: its pages answer, carry noindex and are not indexed for search`, async ({ page }) => {
    for (const path of [`/${id}/`, `/${id}/sources/`, `/${id}/report/`, ...trendsOf(id)]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await expect(page.locator('meta[name="robots"]'), path).toHaveAttribute('content', /noindex/);
      await expect(page.locator('link[rel="canonical"]'), path).toHaveCount(0);
      await expect(page.locator('[data-pagefind-body]'), path).toHaveCount(0);
    }
    // A listed series' article is still indexed for search.
    await page.goto(trendsOf(listed[0]!)[0]!);
    expect(await page.locator('[data-pagefind-body]').count()).toBeGreaterThan(0);
    await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  });
}
