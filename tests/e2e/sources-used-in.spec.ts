import { expect, test } from '@playwright/test';

const SERIES = 'ml-trends-2021';

/**
 * Issue 20 round 10: the sources page's "Used in" lists must agree with each article's own Sources list, so a
 * reader who checks a source from either side finds the same articles.
 */
test('each article\'s Sources list and the sources page\'s "Used in" lists name the same sources', async ({ page }) => {
  await page.goto(`/${SERIES}/sources/`);
  const entries = page.locator('ul.source-list > li');
  const usedBy = new Map<string, string[]>();
  for (const entry of await entries.all()) {
    const source = (await entry.locator('p.source').innerText()).trim();
    const articles = await entry
      .locator('ul.used a')
      .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    for (const article of articles) usedBy.set(article, [...(usedBy.get(article) ?? []), source]);
  }
  expect(usedBy.size).toBeGreaterThan(0);
  const trends = await page
    .locator('ul.source-list ul.used a')
    .evaluateAll((links) => [...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
  for (const href of trends) {
    await page.goto(href);
    const listed = await page
      .locator('section.trend-sources > ul > li')
      .evaluateAll((items) => items.map((li) => (li as HTMLElement).innerText.trim()));
    // The same sources, in the words each page sets them in (the article's entry as the sources page's starts).
    const fromIndex = usedBy.get(href) ?? [];
    expect(listed.length, href).toBe(fromIndex.length);
    for (const entry of listed) {
      const head = entry.split(':')[0]!;
      expect(
        fromIndex.some((s) => s.startsWith(head)),
        `${href}: "${entry}" is not in the sources page's list for it`,
      ).toBe(true);
    }
  }
});
