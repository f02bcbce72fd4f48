import { expect, test, type Page } from '@playwright/test';
import { formatDate } from '../../src/lib/format.ts';
import { SERIES, trends } from './content.ts';

/** The most characters on one rendered line of any paragraph of the article's text, and that line. */
async function longestLine(page: Page): Promise<{ length: number; text: string }> {
  return page.locator('.trend .mt-prose.body').evaluate((body) => {
    let best = { length: 0, text: '' };
    for (const paragraph of body.querySelectorAll(':scope > p')) {
      // Each character's box: characters whose boxes share a top are on the same line.
      const lines = new Map<number, string>();
      const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          range.setStart(node, i);
          range.setEnd(node, i + 1);
          const rect = range.getBoundingClientRect();
          if (rect.width === 0 && rect.height === 0) continue;
          const top = Math.round(rect.top + rect.height / 2);
          const key = [...lines.keys()].find((k) => Math.abs(k - top) < rect.height / 2) ?? top;
          lines.set(key, (lines.get(key) ?? '') + text[i]);
        }
      }
      for (const line of lines.values()) {
        const trimmed = line.trim();
        if (trimmed.length > best.length) best = { length: trimmed.length, text: trimmed };
      }
    }
    return best;
  });
}

for (const width of [1280, 390]) {
  test(`at ${width} px no line of an article's text is longer than 75 characters`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    for (const trend of trends) {
      await page.goto(trend.href);
      const { length, text } = await longestLine(page);
      expect(length, `${trend.href}: longest line "${text}"`).toBeLessThanOrEqual(75);
      // And the text is not squeezed either: a full line holds a reasonable count at the desktop width.
      if (width === 1280) expect(length, `${trend.href}: longest line "${text}"`).toBeGreaterThanOrEqual(55);
    }
  });
}

// The edition went live on one day and no article has been revised since, so today every article shows only
// its published date; an article that gains `updated` is checked here as soon as it does (the synthetic
// series of tests/build covers the updated line in a real build meanwhile).
test('an article says "Updated" beside the published date only when it was updated', async ({ page }) => {
  const updated = trends.filter((trend) => trend.updated);
  const notUpdated = trends.filter((trend) => !trend.updated);
  expect(updated.length + notUpdated.length).toBe(10);
  for (const trend of updated) {
    await page.goto(trend.href);
    const meta = page.locator('.trend header .meta');
    const day = new Date(`${trend.updated}T00:00:00Z`);
    await expect(meta).toContainText(`Updated ${formatDate(day)}`);
    await expect(meta.locator(`time[datetime="${trend.updated}"]`)).toHaveCount(1);
    // Beside the date, what the update changed; and the citation gives both dates.
    expect(trend.updateNote, `${trend.href} has an update note`).toBeTruthy();
    await expect(meta).toContainText(`Updated ${formatDate(day)}: ${trend.updateNote!}`);
    await page.getByText('Cite this article').click();
    await expect(page.locator('#article-citation')).toContainText(
      `; updated ${day.getUTCFullYear()}, ${day.toLocaleString('en-US', { month: 'long', timeZone: 'UTC' })} ${day.getUTCDate()})`,
    );
  }
  for (const trend of notUpdated) {
    await page.goto(trend.href);
    const meta = page.locator('.trend header .meta');
    await expect(meta).toContainText(formatDate(new Date(`${trend.published}T00:00:00Z`)));
    await expect(meta).not.toContainText('Updated');
  }
});

test('at 390 the byline never breaks inside the author’s name, and no line starts or ends with "·" (round 15)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const trend of [trends[0]!, trends[8]!]) {
    await page.goto(trend.href);
    const author = page.locator('.trend header .meta .author');
    const lines = await author.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    });
    expect(lines, `${trend.href}: lines of "${await author.innerText()}"`).toBe(1);
    for (const line of (await page.locator('.trend header .meta').innerText()).split('\n'))
      expect(line.trim(), trend.href).not.toMatch(/^·|·$/);
  }
});

test('an article is one centred column at 1280 that ends with previous/next, no list of the series', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(trends[1]!.href);
  const article = (await page.locator('article.trend').boundingBox())!;
  // Centred: no margin column beside the text (the gutters either side differ by a few pixels at most).
  const left = article.x;
  const right = 1280 - (article.x + article.width);
  expect(Math.abs(left - right), `gutters ${left} and ${right}`).toBeLessThan(24);
  // Round 8: previous/next, "In this series" and the footer's "All trends" were three navigations in a row.
  await expect(page.getByRole('navigation', { name: 'In this series' })).toHaveCount(0);
  const body = (await page.locator('.trend .mt-prose.body').boundingBox())!;
  const prevNext = page.getByRole('navigation', { name: 'Series navigation' });
  expect((await prevNext.boundingBox())!.y).toBeGreaterThan(body.y + body.height);
  await expect(page.locator('footer').getByRole('link', { name: 'All trends' })).toHaveAttribute('href', `/${SERIES}/`);
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(prevNext).toBeVisible();
});

test('the series index and the report page state the base once, not after every number', async ({ page }) => {
  const caveat = 'survey of 403; base not published';
  await page.goto(`/${SERIES}/`);
  // Once for the page's numbers (the survey box), and once in each chart it draws, never after every number.
  const index = page.locator('main');
  const text = (await index.innerText()).toLowerCase();
  const charts = await index.locator('figure[data-figure]').count();
  expect(text.split(caveat).length - 1, 'series index').toBe(1 + charts);
  for (const chart of await index.locator('figure[data-figure]').all()) {
    expect(
      (await chart.innerText()).toLowerCase().split(caveat).length - 1,
      'a chart on the index',
    ).toBeLessThanOrEqual(1);
  }
  await page.goto(`/${SERIES}/report/`);
  // What is inside and the key numbers (on a phone the form comes between them).
  const overview = page.locator('.report-page .columns');
  const reportText = (await overview.innerText()).toLowerCase();
  expect(reportText.split(caveat).length - 1, 'report page').toBe(1);
});

// Issue 20 round 9: at 1280 the text was 480 px wide under a 650 px headline, deck and chart, leaving a dead
// strip beside every paragraph. One measure: the headline, the deck, every paragraph and every chart line up.
for (const width of [1280, 390]) {
  test(`at ${width} px an article's headline, deck, text and charts share one measure`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    for (const trend of trends) {
      await page.goto(trend.href);
      const boxes = await page.evaluate(() => {
        const edges = (el: Element) => {
          const r = el.getBoundingClientRect();
          return [Math.round(r.left), Math.round(r.right)];
        };
        const body = document.querySelector('.trend .mt-prose.body')!;
        return {
          headline: edges(document.querySelector('.trend h1')!),
          deck: edges(document.querySelector('.trend .lede')!),
          paragraphs: [...body.querySelectorAll(':scope > p')].map(edges),
          charts: [...body.querySelectorAll(':scope figure')].map(edges),
        };
      });
      for (const [name, [left, right]] of [
        ['deck', boxes.deck],
        ...boxes.paragraphs.map((b, i) => [`paragraph ${i + 1}`, b] as const),
        ...boxes.charts.map((b, i) => [`chart ${i + 1}`, b] as const),
      ] as const) {
        expect(Math.abs(left! - boxes.headline[0]!), `${trend.href}: ${name}'s left edge`).toBeLessThanOrEqual(1);
        expect(Math.abs(right! - boxes.headline[1]!), `${trend.href}: ${name}'s right edge`).toBeLessThanOrEqual(1);
      }
    }
  });
}
