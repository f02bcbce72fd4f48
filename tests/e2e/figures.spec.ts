import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { figure, SERIES, trends } from './content.ts';

const ioTrend = `/${SERIES}/io-leaders/`;
const ioFigure = '#figure-io-decision-makers';
const ioValues = figure('io-decision-makers').rows.map((r) => `${r.value}%`);

/** Share of the canvas's pixels that are painted. */
const paintedShare = (page: Page, selector: string) =>
  page.locator(`${selector} canvas`).evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted / (data.length / 4);
  });

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('each figure shows its static chart and its data table', async ({ page }) => {
    await page.goto(ioTrend);
    const fig = page.locator(ioFigure);
    await expect(fig.locator('svg.mt-chart-svg')).toBeVisible();
    await expect(fig.locator('canvas')).toHaveCount(0);
    await expect(fig.locator('table td')).toHaveText(ioValues);
    for (const value of ioValues) await expect(fig.locator('svg.mt-chart-svg')).toContainText(value);
    for (const trend of trends) {
      await page.goto(trend.href);
      const count = await page.locator('figure.mt-figure').count();
      for (let i = 0; i < count; i++) {
        await expect(page.locator('figure.mt-figure svg.mt-chart-svg').nth(i)).toBeVisible();
        await expect(page.locator('figure.mt-figure table').nth(i)).toBeVisible();
      }
    }
  });
});

test('scrolling to a figure draws a non-blank Chart.js canvas in place of the SVG, without layout shift', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 400 });
  await page.goto(ioTrend);
  await page.evaluate(() => {
    (window as unknown as { cls: number }).cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!entry.hadRecentInput) (window as unknown as { cls: number }).cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  const box = page.locator(`${ioFigure} .mt-chart`);
  const before = await box.boundingBox();
  await box.scrollIntoViewIfNeeded();
  await expect(box).toHaveAttribute('data-chart-ready', 'true');
  await page.waitForTimeout(600);
  expect(await paintedShare(page, ioFigure)).toBeGreaterThan(0.05);
  const canvas = page.locator(`${ioFigure} canvas`);
  await expect(canvas).toHaveAccessibleName(/Infrastructure and operations leaders 57%/);
  await expect(page.locator(`${ioFigure} svg.mt-chart-svg`)).toBeHidden();
  expect((await box.boundingBox())?.height).toBe(before?.height);
  expect(await page.evaluate(() => (window as unknown as { cls: number }).cls)).toBe(0);
});

test('a drawn chart follows a change of theme at once', async ({ page }) => {
  /** Whether the canvas has pixels of exactly this colour (the inside of a bar). */
  const hasColour = (rgb: [number, number, number]) =>
    page.locator(`${ioFigure} canvas`).evaluate((canvas: HTMLCanvasElement, [r, g, b]) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      for (let i = 0; i < data.length; i += 4) if (data[i] === r && data[i + 1] === g && data[i + 2] === b) return true;
      return false;
    }, rgb);
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(ioTrend);
  await page.locator(ioFigure).scrollIntoViewIfNeeded();
  await expect(page.locator(`${ioFigure} .mt-chart`)).toHaveAttribute('data-chart-ready', 'true');
  await expect.poll(() => hasColour([0x00, 0x72, 0xb2])).toBe(true);
  await page.emulateMedia({ colorScheme: 'dark', reducedMotion: 'reduce' });
  await expect.poll(() => hasColour([0x4f, 0xa3, 0xe0])).toBe(true);
  expect(await hasColour([0x00, 0x72, 0xb2])).toBe(false);
});

test('the CSV download for a figure holds the dataset values', async ({ page }) => {
  await page.goto(ioTrend);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(ioFigure).getByRole('link', { name: 'Download CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('io-decision-makers.csv');
  const lines = readFileSync(await download.path(), 'utf8')
    .trim()
    .split(/\r?\n/);
  const header = lines[0]!.split(',');
  const rows = lines.slice(1).map((line) => line.split(','));
  const labelAt = header.indexOf('label');
  const valueAt = header.indexOf('value');
  expect(rows.map((r) => [r[labelAt], Number(r[valueAt])])).toEqual(
    figure('io-decision-makers').rows.map((r) => [r.label, r.value]),
  );
});

test('no chart code loads before a figure nears the viewport', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 400 });
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto(ioTrend);
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((url) => url.includes('chart-draw'))).toEqual([]);
  await page.locator(ioFigure).scrollIntoViewIfNeeded();
  await expect(page.locator(`${ioFigure} .mt-chart`)).toHaveAttribute('data-chart-ready', 'true');
  expect(scripts.filter((url) => url.includes('chart-draw'))).toHaveLength(1);
});

test('a trend without figures loads no script at all', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto(`/${SERIES}/alignment/`);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState('networkidle');
  expect(scripts).toEqual([]);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test(`a trend page with charts has no accessibility violations in the ${colorScheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(`/${SERIES}/investment/`);
    await page.evaluate(async () => {
      for (let y = 0; y < document.body.scrollHeight; y += 300) {
        window.scrollTo(0, y);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await expect(page.locator('[data-chart-ready="true"]')).toHaveCount(await page.locator('[data-chart-box]').count());
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}
