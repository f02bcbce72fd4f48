import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { readYamlFile } from '../../src/lib/content/files.ts';

/**
 * A series with `listed: false` in its series.yaml stays out of the home page, the other series' pages, the sitemap
 * and the search index, and its pages ask search engines not to index them; its addresses keep working. The
 * fictional demonstration (round 6 of the review: it was listed beside the real series) says `listed:
 * demonstration`: the same, except that the home page lists it under "Every edition", labelled as a fictional
 * demonstration with synthetic data (issue 21: it "appears under 'Every edition' on the home page").
 */
const root = join(process.cwd(), 'content/series');
const listing = (id: string) =>
  (readYamlFile(join(root, id, 'series.yaml')) as { listed?: boolean | 'demonstration' }).listed ?? true;
const unlisted = readdirSync(root).filter((id) => listing(id) !== true);
const listed = readdirSync(root).filter((id) => !unlisted.includes(id));
const trendsOf = (id: string) =>
  readdirSync(join(root, id, 'trends'))
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => `/${id}/${name.replace(/\.mdx$/, '').replace(/^\d+-/, '')}/`);

test('the demonstration series is the one not listed everywhere, and the home page lists it as a demonstration', () => {
  expect(unlisted).toEqual(['platform-engineering-2024']);
  expect(listing('platform-engineering-2024')).toBe('demonstration');
  expect(listing('ml-trends-2021')).toBe(true);
});

for (const id of unlisted) {
  const onHome = listing(id) === 'demonstration';
  test(`${id}: ${onHome ? 'on the home page only under "Every edition", labelled' : 'no link to it on the home page'}; none on a listed series' index`, async ({
    page,
  }) => {
    await page.goto('/');
    const links = page.locator(`a[href^="/${id}/"]`);
    if (onHome) {
      const entry = page.locator('section.editions li', { has: page.locator(`a[href="/${id}/"]`) });
      await expect(page.locator('section.editions h2')).toHaveText('Every edition');
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText('Fictional demonstration, synthetic data');
      // Every link to it on the home page is in that entry (continue-reading links included).
      expect(await links.count()).toBe(await entry.locator(`a[href^="/${id}/"]`).count());
    } else {
      await expect(links).toHaveCount(0);
    }
    for (const path of listed.map((other) => `/${other}/`)) {
      await page.goto(path);
      await expect(page.locator(`a[href^="/${id}/"]`), path).toHaveCount(0);
    }
  });

  test(`${id}: named in no script of the home page, its inline JSON included`, async ({ request }) => {
    // The page's scripts (the reading progress outline, the structured data) are in its source for any crawler.
    const html = await (await request.get('/')).text();
    expect(html).toContain(`/${listed[0]}/`);
    const scripts = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).join('\n');
    expect(scripts).toContain(`/${listed[0]}/`);
    expect(scripts).not.toContain(`/${id}/`);
    if (!onHome) expect(html).not.toContain(`/${id}/`);
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
