import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatPercent } from '../../src/lib/format.ts';
import { figure, homeLead, SERIES, seriesYaml, trends } from './content.ts';

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
    await expect(item.getByRole('link', { name: trend.title })).toHaveAttribute('href', trend.href);
    if (trend.keyFigure) {
      const key = trend.keyFigure;
      const value = figure(key.figure).rows.find((r) => r.label === key.label)!.value;
      await expect(item.locator('.number')).toHaveText(formatPercent(value));
    } else {
      // No fake number: no percentage at all, and a plain statement that no source gives one.
      await expect(item).not.toContainText('%');
      await expect(item).toContainText(/no published figure/i);
    }
  }
});

test('after the trends, the report is offered under its own title and promise, linking to the report page', async ({
  page,
}) => {
  await page.goto('/');
  const report = page.getByRole('region', { name: seriesYaml.report.title });
  await expect(report).toContainText(seriesYaml.report.promise);
  await expect(report.getByRole('link', { name: /report/i }).first()).toHaveAttribute('href', `/${SERIES}/report/`);
});
