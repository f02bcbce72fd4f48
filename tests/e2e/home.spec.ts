import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatPercent } from '../../src/lib/format.ts';
import { typeset } from '../../src/lib/typography.ts';
import { figure, homeLead, indexLinkName, SERIES, seriesYaml, trends } from './content.ts';

/** The box of `locator` lies inside the viewport: seen whole on the first screen, without scrolling. */
async function expectOnFirstScreen(page: Page, locator: Locator, what: string) {
  const box = await locator.boundingBox();
  const viewport = page.viewportSize()!;
  expect(box, `${what} has a box`).not.toBeNull();
  expect(box!.width * box!.height, `${what} is drawn`).toBeGreaterThan(0);
  expect(box!.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box!.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width, `${what}: right edge`).toBeLessThanOrEqual(viewport.width);
  expect(box!.y + box!.height, `${what}: bottom edge`).toBeLessThanOrEqual(viewport.height);
}

for (const theme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ] as const) {
    test(`at ${width}×${height} (${theme}) the first screen shows the lead claim with its number and its chart`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.setViewportSize({ width, height });
      await page.goto('/');
      const lead = homeLead();
      const row = figure(lead.figure).rows.find((r) => r.label === lead.label)!;
      const headline = page.getByRole('heading', { level: 1 });
      await expect(headline).toContainText(formatPercent(row.value));
      await expectOnFirstScreen(page, headline, 'the headline');
      // The article's chart, the same component: its drawing and its source line are on the first screen.
      const chart = page.locator(`#figure-${lead.figure}`);
      await expectOnFirstScreen(page, chart.locator('.mt-chart:visible > svg.mt-chart-svg'), 'the chart');
      await expectOnFirstScreen(page, chart.locator('.mt-figure-source'), "the chart's source line");
    });
  }
}

test('the trends follow as a visual index: each with its number from the dataset, or said to have none', async ({
  page,
}) => {
  await page.goto('/');
  const index = page.getByRole('list', { name: 'The trends' });
  const items = index.getByRole('listitem');
  await expect(items).toHaveCount(trends.length);
  for (const [i, trend] of trends.entries()) {
    const item = items.nth(i);
    await expect(item.getByRole('link', { name: indexLinkName(trend) })).toHaveAttribute('href', trend.href);
    if (trend.keyFigure) {
      const key = trend.keyFigure;
      const value = figure(key.figure).rows.find((r) => r.label === key.label)!.value;
      // The lead chart above the index shows this trend's number: its entry says so, and still gives the number.
      if (key.figure === homeLead().figure) await expect(item).toContainText('the chart above');
      await expect(item.locator('.number')).toHaveText(formatPercent(value));
    } else {
      // No fake number: no percentage at all, and no line about its absence (round 6: "Reported in words, without
      // a number" on three entries was a device repeated).
      await expect(item).not.toContainText('%');
      await expect(item).not.toContainText(/reported in words|without a number/i);
      await expect(item).not.toContainText(/published/i);
    }
  }
});

test('after the trends, the report is offered under its own title and parts, linking to the report page', async ({
  page,
}) => {
  await page.goto('/');
  const report = page.getByRole('region', { name: seriesYaml.report.title });
  await expect(report.getByRole('heading', { name: seriesYaml.report.title })).toBeVisible();
  await expect(report.getByRole('link', { name: /report/i }).first()).toHaveAttribute('href', `/${SERIES}/report/`);
});

test('each trend number comes with its own question in words, and no drawing sets the numbers on one scale', async ({
  page,
}) => {
  await page.goto('/');
  const items = page.getByRole('list', { name: 'The trends' }).getByRole('listitem');
  // Round 11 of issue 20: dots on like 0–100% lines, side by side, read as one scale across different questions.
  await expect(page.getByRole('list', { name: 'The trends' }).locator('svg')).toHaveCount(0);
  for (const [i, trend] of trends.entries()) {
    const asked = items.nth(i).locator('.asked');
    const key = trend.keyFigure;
    // A question reconstructed from the finding stays off the cards (round 13); a published one is shown.
    if (!key || figure(key.figure).questionWording === 'reconstructed') {
      await expect(asked, `trend ${trend.order}`).toHaveCount(0);
      continue;
    }
    await expect(asked, `trend ${trend.order}`).toContainText(typeset(figure(key.figure).question));
    await expect(asked).toBeVisible();
  }
});

test('the editions are set under rules, not in bordered boxes', async ({ page }) => {
  // The project's one listed series has no other edition to list: the unlisted demonstration's index lists it.
  await page.goto('/platform-engineering-2024/');
  const editions = page.locator('section.editions li');
  expect(await editions.count()).toBeGreaterThan(0);
  for (const edition of await editions.all()) {
    const border = await edition.evaluate((li) => {
      const style = getComputedStyle(li);
      return { top: style.borderTopWidth, left: style.borderLeftWidth, bottom: style.borderBottomWidth };
    });
    expect(border).toEqual({ top: '2px', left: '0px', bottom: '0px' });
  }
});

test('the trend index draws no bars on a shared scale, and a trend without a figure has no number block', async ({
  page,
}) => {
  await page.goto('/');
  const index = page.getByRole('list', { name: 'The trends' });
  // Each number answers its own question: no HTML lengths sized by share lined up across trends (each
  // thumbnail above is its own figure's shape, a single share shown against its own whole).
  await expect(index.locator('[style*="width"]')).toHaveCount(0);
  for (const [i, trend] of trends.entries()) {
    if (trend.keyFigure) continue;
    await expect(index.getByRole('listitem').nth(i).locator('.key'), `trend ${trend.order}`).toHaveCount(0);
  }
});

for (const width of [1280, 390]) {
  test(`at ${width} px the trend index leaves no empty cells, and its entries of a row share one height`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/');
    const boxes = await page
      .getByRole('list', { name: 'The trends' })
      .getByRole('listitem')
      .evaluateAll((items) => items.map((li) => li.getBoundingClientRect()).map((r) => [r.top, r.height]));
    const rows = new Map<number, number[]>();
    for (const [top, height] of boxes) rows.set(Math.round(top!), [...(rows.get(Math.round(top!)) ?? []), height!]);
    const sizes = [...rows.values()].map((row) => row.length);
    expect(new Set(sizes).size, `entries per row: ${sizes.join(', ')}`).toBe(1);
    for (const heights of rows.values()) expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(2);
  });
}

for (const [width, height] of [
  [1280, 800],
  [390, 844],
] as const) {
  test(`at ${width} px the lead chart fills its column and does not repeat the headline as its title`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    const chart = page.locator(`#figure-${homeLead().figure}`);
    await expect(chart.locator('.mt-figure-title')).toBeHidden();
    const svg = await chart.locator('.mt-chart:visible > svg.mt-chart-svg').boundingBox();
    // The right half at 1280 (more than 540 px wide, at least 200 px tall); the full text width on a phone.
    if (width === 1280) {
      expect(svg!.width).toBeGreaterThan(540);
      expect(svg!.height).toBeGreaterThanOrEqual(200);
    } else expect(svg!.width).toBeGreaterThan(width - 60);
  });
}

test('the report teaser shows the real cover when a report is built, else the cover set in type', async ({
  page,
  request,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const cover = page.getByRole('region', { name: seriesYaml.report.title }).locator('.cover');
  const picture = await request.get(`/${SERIES}/report/cover.webp`);
  if (picture.ok()) {
    expect(picture.headers()['content-type']).toBe('image/webp');
    const img = cover.locator('img');
    // Loaded with the page, not when scrolled to (round 10: the typeset box showed in its place until then).
    await expect(img).toHaveAttribute('loading', 'eager');
    await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBeGreaterThan(0);
  } else {
    expect(picture.status()).toBe(404);
    await expect(cover).toContainText(seriesYaml.report.title);
  }
  // Not cramped on a phone: the text under the cover has room for a readable line.
  const offer = page.getByRole('region', { name: seriesYaml.report.title }).locator('.offer');
  expect((await offer.boundingBox())!.width).toBeGreaterThan(300);
});

test("each number in the trend index carries its short label, so it never reads as the headline's", async ({
  page,
}) => {
  const lower = (text: string) => text.toLowerCase().replace(/’/g, "'");
  for (const path of ['/', `/${SERIES}/`]) {
    await page.goto(path);
    const items = page.getByRole('list', { name: /^The trends/ }).getByRole('listitem');
    await expect(items).toHaveCount(trends.length);
    for (const [i, trend] of trends.entries()) {
      if (!trend.keyFigure) continue;
      const item = items.nth(i);
      await expect(item.getByRole('link', { name: indexLinkName(trend) })).toBeVisible();
      // Every card with a number shows it, the lead trend's under the chart that shows it too (round 6: "· the
      // chart above" with no number).
      const number = item.locator('.number, .key-figure strong');
      await expect(number, `${path} trend ${trend.order}`).toHaveCount(1);
      // The number's own line says what it counts: its short `counts` (round 5: the row's sentence beside the
      // number said the headline's claim again; round 6: on the index cards too), else the row label (or `says`).
      const key = trend.keyFigure as { says?: string; counts?: string; label: string };
      const label = key.counts ?? key.says ?? key.label;
      const line = lower(await item.locator('.key, .key-figure').first().innerText());
      expect(line, `${path} trend ${trend.order} labels its number`).toContain(lower(label));
    }
  }
});

test('every trend title in the index is set at one size, with or without a number (round 8)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const sizes = await page
    .getByRole('list', { name: 'The trends' })
    .locator('h3')
    .evaluateAll((titles) => titles.map((t) => getComputedStyle(t).fontSize));
  expect(sizes).toHaveLength(trends.length);
  expect(new Set(sizes).size, sizes.join(', ')).toBe(1);
});

test('at 1280 the report block uses the width: the cover, then its text and parts beside it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const report = page.getByRole('region', { name: seriesYaml.report.title });
  const section = (await report.boundingBox())!;
  const cover = (await report.locator('.cover').boundingBox())!;
  const parts = (await report.locator('.parts').boundingBox())!;
  // Round 8: a ~145 px cover and nothing in the right half. Since the demonstration is listed under "Every
  // edition" (issue 21), the editions take the page's right column (round 2's side-by-side layout): the report's
  // text runs beside its cover, and the editions beside the report, so no half of the width is empty.
  expect(cover.width).toBeGreaterThanOrEqual(200);
  expect(parts.x).toBeGreaterThan(cover.x + cover.width);
  const editions = (await page.locator('section.editions').boundingBox())!;
  expect(editions.x).toBeGreaterThan(section.x + section.width);
  expect(editions.y).toBeLessThan(section.y + section.height / 2);
});

// The design review of issue 20: the block read cover, title, claim, source line, button, promise, parts, offer.
for (const width of [390, 1280]) {
  test(`at ${width} the report block reads cover, headline, parts, one line, then its button, with no source line`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.goto('/');
    const report = page.getByRole('region', { name: seriesYaml.report.title });
    const order = [
      report.locator('.cover'),
      report.getByRole('heading', { name: seriesYaml.report.title }),
      report.locator('.parts'),
      report.locator('.offer'),
      report.getByRole('link', { name: 'Get the report' }),
    ];
    const tops: number[] = [];
    for (const part of order) tops.push((await part.boundingBox())!.y);
    // Each starts at or below the one before it (the cover beside the text from 40rem starts level with it).
    for (let i = 1; i < tops.length; i += 1)
      expect(tops[i]!, `part ${i} of ${tops.join(', ')}`).toBeGreaterThanOrEqual(tops[i - 1]!);
    await expect(report).not.toContainText('Source:');
    await expect(report.locator('.offer')).toHaveCount(1);
  });
}

test('the home page says once, in its label, that the demonstration series is fictional', async ({ page }) => {
  await page.goto('/');
  const editions = page.locator('section.editions');
  const demo = editions.getByRole('listitem').filter({ hasText: /demonstration/i });
  await expect(demo).toHaveCount(1);
  const text = await demo.innerText();
  expect(text.match(/fictional/gi), text).toHaveLength(1);
  await expect(demo.locator('.demo')).toContainText(/fictional/i);
});

test('the series index is headed with what the series found, its name as the kicker above', async ({ page }) => {
  const headline = (seriesYaml as { index?: { headline?: string } }).index?.headline;
  expect(headline, 'series.yaml index.headline').toBeTruthy();
  await page.goto(`/${SERIES}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(headline!);
  await expect(page.locator('.series-name')).toHaveText(seriesYaml.title);
});

test('the series index shows, under its heading, each number the heading states (round 15: a chart of another claim)', async ({
  page,
}) => {
  const refs = seriesYaml.index?.numbers ?? [];
  expect(refs.length, 'series.yaml index.numbers').toBeGreaterThan(1);
  await page.goto(`/${SERIES}/`);
  const items = page.getByRole('list', { name: 'The numbers behind the heading' }).getByRole('listitem');
  await expect(items).toHaveCount(refs.length);
  for (const [i, ref] of refs.entries()) {
    const row = figure(ref.figure).rows.find((r) => r.label === ref.label)!;
    await expect(items.nth(i).locator('strong')).toHaveText(formatPercent(row.value));
    await expect(items.nth(i).locator('.source')).toHaveText(/^Source: \S/);
  }
  // Different questions: no shared axis or bar drawn between them.
  await expect(page.locator('.claim-numbers svg')).toHaveCount(0);
});

test('at 1280 × 800 the series index’s two columns end level: no empty band under the lead chart (round 15: ~250 px)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`/${SERIES}/`);
  const chart = (await page.locator('.series-top .lead-chart').boundingBox())!;
  const survey = (await page.locator('.series-top .survey').boundingBox())!;
  const chartEnd = chart.y + chart.height;
  const surveyEnd = survey.y + survey.height;
  expect(Math.abs(chartEnd - surveyEnd), `chart ends at ${chartEnd}, survey at ${surveyEnd}`).toBeLessThanOrEqual(120);
});

test('the home page offers the report’s trends as the offer it is, not as a fifth part (round 15)', async ({
  page,
}) => {
  await page.goto('/');
  const report = page.getByRole('region', { name: seriesYaml.report.title });
  await expect(report.locator('.parts > li')).toHaveCount(
    (seriesYaml as { report: { parts?: unknown[] } }).report.parts!.length,
  );
  const offer = report.locator('.offer');
  await expect(offer).toContainText(/^\d+ trends with their charts, the methodology and every source/i);
  // Round 16: the offer was a second call to action beside "Get the report"; the button is the block's one.
  await expect(offer.getByRole('link')).toHaveCount(0);
  await expect(report.getByRole('link', { name: /report/i })).toHaveCount(1);
  await expect(report.getByRole('link', { name: 'Get the report' })).toHaveAttribute('href', `/${SERIES}/report/`);
});

test('at 1280 the headlines of a row of trends start at one height, with or without a number (round 16)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const tops = await page
    .getByRole('list', { name: 'The trends' })
    .getByRole('listitem')
    .evaluateAll((items) =>
      items.map((li) => ({
        row: Math.round(li.getBoundingClientRect().top),
        headline: Math.round(li.querySelector('h3')!.getBoundingClientRect().top),
      })),
    );
  const rows = Map.groupBy(tops, (t) => t.row);
  expect(rows.size).toBeGreaterThan(1);
  for (const [row, entries] of rows) {
    expect(new Set(entries.map((e) => e.headline)).size, `row at ${row}: ${JSON.stringify(entries)}`).toBe(1);
  }
});

test('at 1280 × 800 the lead chart leaves no wide empty band under it beside the text (round 12: ~250 px)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/');
  const chart = (await page.locator('.lead .chart').boundingBox())!;
  const lead = (await page.locator('.lead').boundingBox())!;
  expect(lead.y + lead.height - (chart.y + chart.height)).toBeLessThanOrEqual(130);
});
