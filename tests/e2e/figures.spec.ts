import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { figure, SERIES, trends } from './content.ts';

const ioTrend = `/${SERIES}/io-leaders/`;
const ioFigure = '#figure-io-decision-makers';
const ioValues = figure('io-decision-makers').rows.map((r) => `${r.value}%`);

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('each figure shows its chart, and its data table once "About this data" is opened', async ({ page }) => {
    await page.goto(ioTrend);
    const fig = page.locator(ioFigure);
    await expect(fig.locator('svg.mt-chart-svg:visible')).toBeVisible();
    for (const value of ioValues) await expect(fig.locator('svg.mt-chart-svg:visible')).toContainText(value);
    await expect(fig.locator('table')).toBeHidden();
    await fig.getByText('About this data').click();
    await expect(fig.locator('table td:not(.mt-figure-interval)')).toHaveText(ioValues);
    for (const trend of trends) {
      await page.goto(trend.href);
      const count = await page.locator('figure.mt-figure').count();
      for (let i = 0; i < count; i++) {
        const figure = page.locator('figure.mt-figure').nth(i);
        await expect(figure.locator('svg.mt-chart-svg:visible')).toBeVisible();
        await expect(figure.locator('details.mt-figure-about')).not.toHaveAttribute('open');
        await figure.locator('details.mt-figure-about > summary').click();
        await expect(figure.locator('table')).toBeVisible();
      }
    }
  });
});

test('"About this data" opens and closes from the keyboard, and holds the table, without a base no source states', async ({
  page,
}) => {
  await page.goto(ioTrend);
  const fig = page.locator(ioFigure);
  const summary = fig.getByText('About this data');
  await summary.focus();
  await expect(fig.locator('table')).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(fig.locator('details.mt-figure-about')).toHaveAttribute('open');
  // No source states who answered: no interval column, and the notes say so (intervals: tests/components).
  await expect(fig.getByRole('columnheader', { name: '95% interval' })).toHaveCount(0);
  await expect(fig.getByRole('row', { name: /CTOs/ }).getByRole('cell')).toHaveText(['39%']);
  // The subtitle says the base is not published; the details give the survey's size, once.
  await expect(fig.getByText(/Survey of 403 in all\. No 95% interval or margin of error/)).toBeVisible();
  await expect(fig.locator('.mt-figure-subtitle')).toContainText('base not published');
  await expect(fig.locator('dl.mt-figure-facts')).not.toContainText('not published');
  await expect(fig.getByText('Question reconstructed from the finding')).toBeVisible();
  await page.keyboard.press('Space');
  await expect(fig.locator('table')).toBeHidden();
});

test('a screen reader gets the chart as an image named by its summary, with every value', async ({ page }) => {
  await page.goto(ioTrend);
  await expect(page.locator(`${ioFigure} svg.mt-chart-svg:visible`)).toHaveAccessibleName(
    /Infrastructure and operations leaders 57%, CTOs 39%, CIOs 35%, Heads of data science 31%/,
  );
});

// 320 and 390 px: labels above the bars; 1280 px: the wide layout, labels left of the bars.
for (const width of [320, 390, 1280]) {
  test(`at ${width} px every chart label is at least 12 px, inside its figure, and overlaps no other`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 844 });
    // The demonstration series' charts too: strip, diverging bar, small multiple, grouped bars.
    const demo = ['platform-adoption', 'onboarding', 'recommendation'].map((t) => `/platform-engineering-2024/${t}/`);
    const pages = ['investment', 'teams', 'io-leaders', 'deployment', 'governance'].map((t) => `/${SERIES}/${t}/`);
    for (const trend of [...pages, ...demo]) {
      await page.goto(trend);
      const problems = await page.locator('figure.mt-figure').evaluateAll((figures) =>
        figures.flatMap((figure) => {
          const box = figure.getBoundingClientRect();
          // The layout on screen only: the other one (narrow or wide) is display: none.
          const shown = [...figure.querySelectorAll('svg text')].filter((t) => t.getClientRects().length > 0);
          const texts = shown.map((t) => ({
            text: t.textContent ?? '',
            size: parseFloat(getComputedStyle(t).fontSize),
            rect: t.getBoundingClientRect(),
          }));
          const out: string[] = [];
          for (const t of texts) {
            if (t.size < 12) out.push(`${figure.id}: "${t.text}" is ${t.size} px`);
            // A glyph's side bearing may reach a pixel past its text's start ("Yes" at x = 0): not a cut.
            if (t.rect.left < box.left - 1.5 || t.rect.right > box.right + 1.5) {
              out.push(`${figure.id}: "${t.text}" is cut off`);
            }
          }
          texts.forEach((a, i) =>
            texts.slice(i + 1).forEach((b) => {
              const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
              // Vertically, the em box (the font size, centred in the glyph box): ascent and descent
              // room of two lines may touch without their letters doing so.
              const em = (t: typeof a) => {
                const top = t.rect.top + (t.rect.height - t.size) / 2;
                return { top, bottom: top + t.size };
              };
              const y = Math.min(em(a).bottom, em(b).bottom) - Math.max(em(a).top, em(b).top);
              if (x > 1 && y > 1) out.push(`${figure.id}: "${a.text}" overlaps "${b.text}"`);
            }),
          );
          return out;
        }),
      );
      expect(problems, trend).toEqual([]);
    }
  });
}

test('the CSV download for a figure holds the dataset values', async ({ page }) => {
  await page.goto(ioTrend);
  await page.locator(ioFigure).getByText('About this data').click();
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

test('a trend with figures loads no chart script: the chart is the static SVG', async ({ page }) => {
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  await page.goto(ioTrend);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForLoadState('networkidle');
  expect(scripts.filter((url) => /chart|figures/.test(url))).toEqual([]);
  await expect(page.locator(`${ioFigure} canvas`)).toHaveCount(0);
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
    // Six axe runs over three pages: about 10 s on a quiet machine, past the 30 s default on a shared one.
    test.setTimeout(120_000);
    await page.emulateMedia({ colorScheme });
    // Investment and governance hold the stacked bars, teams the nested one.
    for (const trend of ['investment', 'teams', 'governance']) {
      await page.goto(`/${SERIES}/${trend}/`);
      for (const open of [false, true]) {
        if (open) for (const summary of await page.locator('.mt-figure-about summary').all()) await summary.click();
        const results = await new AxeBuilder({ page }).analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
          `${trend}, ${open ? 'disclosures open' : 'disclosures closed'}`,
        ).toEqual([]);
      }
    }
  });
}

// Stacked and nested bars: each segment named in place, no key line and no axis under the 100% bar.
for (const width of [320, 390]) {
  test(`at ${width} px a stacked bar's labels sit in their segments, with no key line or axis`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(`/${SERIES}/investment/`);
    const fig = page.locator('#figure-ai-priority-change');
    await expect(fig.locator('.mt-chart-inline-key')).toHaveCount(0);
    await expect(fig.locator('svg .mt-chart-tick')).toHaveCount(0);
    const placed = await fig.locator('svg.mt-chart-svg:visible').evaluate((svg) => {
      const rects = [...svg.querySelectorAll('rect.mt-chart-segment')].map((r) => r.getBoundingClientRect());
      return [...svg.querySelectorAll('text.mt-chart-inside')].map((t) => {
        const box = t.getBoundingClientRect();
        const rect = rects.find((r) => box.left >= r.left - 0.5 && box.right <= r.right + 0.5);
        return { text: t.textContent, inside: !!rect && box.top >= rect.top && box.bottom <= rect.bottom };
      });
    });
    expect(placed).toEqual([{ text: 'Increased64%', inside: true }]);
    // A derived segment whose "(derived)" does not fit inside is named under the bar, still marked derived.
    await expect(
      fig.locator('svg.mt-chart-svg:visible text', { hasText: 'Stayed the same 30% (derived)' }),
    ).toBeVisible();
    await expect(fig.locator('svg.mt-chart-svg:visible text', { hasText: 'Decreased 6%' })).toBeVisible();
  });
}

test('the nested bar has one bracket, over the answers that did not reduce the team', async ({ page }) => {
  await page.goto(`/${SERIES}/teams/`);
  const svg = page.locator('#figure-team-size svg.mt-chart-svg:visible');
  await expect(svg.locator('.mt-chart-bracket-mark')).toHaveCount(1);
  // On one line or two (the column is 576 px since round 9).
  const label = (await svg.locator('.mt-chart-bracket-label').allTextContents()).join(' ');
  expect(label).toBe('76% did not reduce their AI/ML team');
  await expect(svg.locator('rect.mt-chart-derived')).toHaveCount(2);
});

test('/deployment/ sets its three numbers side by side, each with its question and source, no shared axis (round 15)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/${SERIES}/deployment/`);
  const row = page.getByRole('list', { name: 'Answers to 3 separate questions' });
  const items = row.getByRole('listitem');
  await expect(items).toHaveCount(3);
  for (const [i, id] of ['model-deployment-time', 'model-development-time', 'deployment-time-share'].entries()) {
    const item = items.nth(i);
    await expect(item.locator('strong')).toHaveText(`${figure(id).rows[0]!.value}%`);
    await expect(item.locator('.question')).toHaveText(/^Question reconstructed from the finding: .+\?$/);
    await expect(item.locator('.source')).toHaveText(/^Source: \S/);
  }
  // The base, which the three share, said once under them; no chart axis or bar joins them.
  await expect(page.locator('.key-numbers.row + .base-note')).toHaveText(/base not published/);
  await expect(row.locator('svg')).toHaveCount(0);
  // Side by side at 1280: one row of three columns.
  const tops = await items.evaluateAll((list) => list.map((li) => Math.round(li.getBoundingClientRect().top)));
  expect(new Set(tops).size).toBe(1);
  expect((await new AxeBuilder({ page }).include('.key-numbers.row').analyze()).violations).toEqual([]);
});
