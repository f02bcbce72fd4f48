import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';

/**
 * The segment lens of the demonstration series. Every chart computed by segment draws every group at build;
 * a reader picks a group once, the URL keeps it, and the lens highlights that group in each chart (the others
 * fade), marks its lines in "About this data" and writes its value after every bound number that has one; a
 * reload or a shared link shows the same; without JavaScript the page shows every group.
 */
const adoption = '/platform-engineering-2024/platform-adoption/';
const recommendation = '/platform-engineering-2024/recommendation/';
const figure = (id: string) => `#figure-${id}`;
/** The total's bound number of "Yes, in use", the first of the page. */
const totalStat = '.mt-stat[data-figure="platform-by-size"][data-lens]';
/** Marks of group `segment` in a figure's visible chart. */
const marks = (id: string, segment: string) => `${figure(id)} .mt-chart-svg:visible [data-segment="${segment}"]`;

test('every group is drawn before any pick', async ({ page }) => {
  await page.goto(recommendation);
  // The NPS by role is drawn as one 100% bar per role (the plain NPS chart is not on the page: round 11).
  for (const segment of ['role-platform', 'role-sre', 'role-developer', 'role-manager']) {
    await expect(page.locator(marks('platform-nps-groups', segment)).first()).toBeVisible();
  }
  await expect(page.locator(figure('platform-nps'))).toHaveCount(0);
  await expect(page.locator(`${figure('platform-nps-groups')} .mt-chart-svg:visible`)).toContainText(
    /All (respondents|who answered) \(n = \d+\)/,
  );
});

test('a reader picks a company size: the URL keeps it, the chart, table and numbers show it, a reload too', async ({
  page,
}) => {
  await page.goto(adoption);
  const lens = page.getByLabel('Highlight a group');
  await expect(lens).toBeVisible();
  // Each choice names its group, as the closed select shows it alone (round 12: a bare "No").
  await expect(lens.locator('option[value="platform-no"]')).toHaveText('Platform status: No');
  await expect(page.locator('[data-lens-scope]')).toContainText('downloads and the report stay on all respondents');
  await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
  await expect(page.locator(`${figure('platform-by-size')}.mt-lens-on`)).toHaveCount(0);

  await lens.selectOption({ label: 'Company size: 1,000+ employees' });
  await expect(page).toHaveURL(/\?segment=size-1000$/);
  const segmentValue = (
    await page.locator('.mt-stat[data-segment="size-1000"] .mt-stat-value').first().textContent()
  )?.trim();
  expect(segmentValue).toMatch(/^\d+(\.\d)?%$/);
  const check = async () => {
    await expect(page.locator(`${figure('platform-by-size')}.mt-lens-on`)).toHaveCount(1);
    // The chosen panel as drawn, another faded; every panel still there.
    await expect(page.locator(marks('platform-by-size', 'size-1000'))).toHaveCSS('opacity', '1');
    // Another panel's bars fade; its words keep full opacity (in the muted colour), so they stay readable.
    await expect(page.locator(`${marks('platform-by-size', 'size-1-99')} rect`).first()).toHaveCSS('opacity', '0.3');
    await expect(page.locator(`${marks('platform-by-size', 'size-1-99')} text`).first()).toHaveCSS('opacity', '1');
    // Its lines of the "About this data" table are marked, one per answer, and no other group's.
    const lines = page.locator(`${figure('platform-by-size')} tr.mt-lens-match`);
    await expect(lines).toHaveCount(3);
    for (const line of await lines.all()) await expect(line).toContainText(/^\s*1,000\+ employees \(n = \d+\): /);
    // One rule per sentence (round 13): "Across all respondents, the split is 47% in use, 19% being built and 34%
    // with none." Its section already gives 1,000+ employees' "being built" and "none", so no total of the sentence
    // takes the group's value, not "in use" alone either.
    await expect(page.locator(totalStat)).toHaveCount(3);
    await expect(page.locator(`${totalStat} .mt-stat-lens`)).toHaveCount(0);
    await expect(page.locator('[data-lens-status]')).toContainText(
      'Company size: 1,000+ employees is highlighted in 1 chart',
    );
  };
  await check();

  await page.reload();
  await expect(page.getByLabel('Highlight a group')).toHaveValue('size-1000');
  await check();

  await page.getByLabel('Highlight a group').selectOption('');
  await expect(page).toHaveURL(new RegExp(`${adoption}$`));
  await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
  await expect(page.locator(`${figure('platform-by-size')}.mt-lens-on`)).toHaveCount(0);
  await expect(page.locator(marks('platform-by-size', 'size-1-99'))).toHaveCSS('opacity', '1');
});

test('a group whose values are all withheld is not offered; a link to it says why and lights nothing', async ({
  page,
}) => {
  await page.goto(recommendation);
  const lens = page.getByLabel('Highlight a group');
  // Asia-Pacific (withheld to protect Elsewhere) and Elsewhere (under 30) have no published value on the page.
  for (const segment of ['region-asia-pacific', 'region-elsewhere']) {
    await expect(lens.locator(`option[value="${segment}"]`)).toHaveCount(0);
  }
  await expect(lens.locator('option[value="region-europe"]')).toHaveCount(1);

  await page.goto(`${recommendation}?segment=region-elsewhere`);
  await expect(page.getByLabel('Highlight a group')).toHaveValue('');
  await expect(page.locator('[data-lens-status]')).toHaveText(
    'The group “Elsewhere” in this link has no value on this page (fewer than 30 answered): all respondents are shown.',
  );
  await expect(page.locator('.mt-lens-on')).toHaveCount(0);
  await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
  // The chart still draws its row and says why.
  await expect(page.locator(figure('tool-satisfaction')).locator('svg').first()).toContainText(
    'fewer than 30 answered',
  );
});

test('the lens has no accessibility violations, light and dark', async ({ page }) => {
  for (const theme of ['light', 'dark']) {
    await page.goto(`${adoption}?segment=size-1-99`);
    await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
    await expect(page.locator(`${figure('platform-by-size')}.mt-lens-on`)).toHaveCount(1);
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((v) => `${theme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
      [],
    );
  }
});

test('an unknown group in the URL shows all respondents and says the group is not offered', async ({ page }) => {
  await page.goto(`${adoption}?segment=size-unknown`);
  await expect(page.getByLabel('Highlight a group')).toHaveValue('');
  await expect(page.locator('[data-lens-status]')).toHaveText(
    'The group “size-unknown” in this link is not offered on this page: all respondents are shown.',
  );
  await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
  await expect(page.locator('.mt-lens-on')).toHaveCount(0);
});

test('a group of another page of the series is named by its label, not its id', async ({ page }) => {
  // The recommendation page breaks its answers down by role, region and platform, not by company size.
  await page.goto(`${recommendation}?segment=size-1-99`);
  await expect(page.getByLabel('Highlight a group')).toHaveValue('');
  await expect(page.locator('[data-lens-status]')).toHaveText(
    'The group “1–99 employees” in this link is not offered on this page: all respondents are shown.',
  );
  await expect(page.locator('.mt-lens-on')).toHaveCount(0);
});

test('a number whose paragraph already gives the group’s own value is not annotated with it again', async ({
  page,
}) => {
  // Onboarding: "… fewer than 100 employees, 14.0 days, … Across everyone who answered it is 11.0 days." With
  // that group picked, the total keeps no "(1–99 employees: 14.0 days)": the sentence before already says it.
  await page.goto('/platform-engineering-2024/onboarding/?segment=size-1-99');
  const own = page.locator('.mt-stat[data-figure="onboarding-days"][data-segment="size-1-99"]');
  await expect(own).toHaveCount(1);
  const paragraph = page.locator('p', { has: own });
  await expect(paragraph.locator('.mt-stat[data-figure="onboarding-days"][data-lens]')).toHaveCount(1);
  await expect(paragraph.locator('.mt-stat-lens')).toHaveCount(0);
  await expect(paragraph).not.toContainText('(1–99 employees:');
  // Another group's value is still given after the same total, and the status counts only what it wrote.
  await page.goto('/platform-engineering-2024/onboarding/?segment=size-100-999');
  await expect(page.locator('p', { has: own }).locator('.mt-stat-lens')).toHaveText(/^ \(100–999 employees: /);
  const written = await page.locator('.mt-stat-lens').count();
  await expect(page.locator('[data-lens-status]')).toContainText(`after ${written} number`);
});

test('a number whose section, not only its paragraph, gives the group’s value is not annotated again', async ({
  page,
}) => {
  // Recommendation, opening section: the first paragraph gives the developers' score (−19); the total two
  // paragraphs on keeps no "(Application developer: −19)".
  await page.goto('/platform-engineering-2024/recommendation/?segment=role-developer');
  await expect(
    page.locator('.mt-stat[data-figure="platform-nps"][data-segment="role-developer"]').first(),
  ).toBeVisible();
  await expect(page.locator('article')).not.toContainText('(Application developer:');
  // No number gained the group's value: the status names the charts and says nothing of "0 numbers".
  await expect(page.locator('[data-lens-status]')).toContainText('Role: Application developer is highlighted in');
  await expect(page.locator('[data-lens-status]')).not.toContainText('number');
  // The region section: Europe's share is bound in its third paragraph; the total in the first does not repeat it.
  await page.goto('/platform-engineering-2024/recommendation/?segment=region-europe');
  await expect(page.locator('.mt-stat[data-figure="tool-satisfaction"][data-segment]')).toHaveCount(2);
  await expect(page.locator('.mt-stat[data-figure="tool-satisfaction"]:not([data-segment]) .mt-stat-lens')).toHaveCount(
    0,
  );
  // A total in a section that does not give the group's value still gets it.
  await page.goto('/platform-engineering-2024/recommendation/?segment=role-sre');
  await expect(page.locator('.mt-stat-lens', { hasText: 'Site reliability engineer:' }).first()).toBeVisible();
});

test('a group’s value comes with its n and 95% interval, and a small group’s is marked wide', async ({ page }) => {
  // The managers' NPS (n = 41) has an interval about three times as wide as all respondents': the reader is told.
  await page.goto(`${recommendation}?segment=role-manager`);
  const note = page.locator('.mt-stat[data-figure="platform-nps"]:not([data-segment]) .mt-stat-lens').first();
  await expect(note).toHaveText(/^ \(Engineering manager: [+−]\d+, n = \d+; wide 95% interval [+−]?\d+ to [+−]?\d+\)$/);
  // A large group's interval is given, not marked wide: onboarding's total days, with 100–999 employees picked.
  await page.goto('/platform-engineering-2024/onboarding/?segment=size-100-999');
  const large = page.locator('.mt-stat-lens', { hasText: '100–999 employees:' }).first();
  await expect(large).toHaveText(/^ \(100–999 employees: [\d.]+ days, n = \d+; 95% interval /);
  await expect(large).not.toContainText('wide');
});

test('every offered group lights the charts the status counts, and no withheld note enters the text', async ({
  page,
}) => {
  await page.goto(recommendation);
  const lens = page.getByLabel('Highlight a group');
  const values = await lens
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
  expect(values.length).toBeGreaterThan(0);
  for (const value of values) {
    await lens.selectOption(value);
    const lit = await page.locator('.mt-lens-on').count();
    expect(lit, value).toBeGreaterThan(0);
    await expect(page.locator('[data-lens-status]')).toContainText(
      `is highlighted in ${lit} ${lit === 1 ? 'chart' : 'charts'}`,
    );
    // Each lit chart draws a value of the group, not only an empty row.
    for (const chart of await page.locator('.mt-lens-on').all()) {
      await expect(chart.locator('.mt-chart-svg:visible .mt-lens-match .mt-chart-withheld')).toHaveCount(0);
    }
    for (const note of await page.locator('.mt-stat-lens').allTextContents()) {
      expect(note).not.toMatch(/withheld|fewer than/);
    }
  }
});

test('in dark mode the other groups’ words stay readable: not faded, in the muted text colour', async ({ page }) => {
  await page.goto(`${adoption}?segment=size-1000`);
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'));
  const other = page.locator(`${figure('platform-by-size')} [data-segment="size-1-99"] text`).first();
  await expect(other).toHaveCSS('opacity', '1');
  const [fill, background] = await other.evaluate((el) => [
    getComputedStyle(el).fill,
    getComputedStyle(document.body).backgroundColor,
  ]);
  expect(contrastRatio(fill, background)).toBeGreaterThanOrEqual(4.5);
});

/** The WCAG contrast ratio of two computed "rgb(r, g, b)" colours. */
function contrastRatio(a: string, b: string): number {
  const luminance = (colour: string) => {
    const [r, g, bl] = colour
      .match(/\d+(\.\d+)?/g)!
      .slice(0, 3)
      .map(Number) as [number, number, number];
    const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(bl);
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('the gated report page of the demonstration series links to it in its header and footer', async ({ page }) => {
  await page.goto('/platform-engineering-2024/report/');
  await expect(page.locator('.site-header nav a').first()).toHaveAttribute('href', '/platform-engineering-2024/');
  await expect(page.locator('.site-footer')).toContainText('Platform engineering survey 2024: a demonstration series');
  await expect(page.locator('.site-footer a', { hasText: 'RSS feed' })).toHaveAttribute(
    'href',
    '/platform-engineering-2024/rss.xml',
  );
});

test('the chosen group follows the reader to the next trend and back to the index, and is dropped with it', async ({
  page,
}) => {
  await page.goto(adoption);
  await page.getByLabel('Highlight a group').selectOption({ label: 'Company size: 1,000+ employees' });
  const next = page.locator('a[rel="next"]');
  await expect(next).toHaveAttribute('href', /\/platform-engineering-2024\/[^?]+\/\?segment=size-1000$/);
  // A link within the page (a figure's permalink) and a download keep their own address.
  await expect(page.locator(`${figure('platform-by-size')} a[href="#figure-platform-by-size"]`).first()).toHaveCount(1);
  await expect(page.locator('a[download]').first()).not.toHaveAttribute('href', /segment=/);
  await expect(page.locator('a[href="/platform-engineering-2024/?segment=size-1000"]').first()).toBeAttached();
  await next.click();
  await expect(page).toHaveURL(/\?segment=size-1000$/);
  await expect(page.getByLabel('Highlight a group')).toHaveValue('size-1000');
  // Back to all respondents: the links no longer carry a group.
  await page.getByLabel('Highlight a group').selectOption({ label: 'All respondents' });
  await expect(page.locator('a[rel="prev"]')).not.toHaveAttribute('href', /segment=/);
  await expect(page.locator('a[href*="segment="]')).toHaveCount(0);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the page shows every group and no lens control, whatever the URL', async ({ page }) => {
    await page.goto(`${adoption}?segment=size-1000`);
    await expect(page.locator('[data-lens-control]')).toBeHidden();
    await expect(page.locator('.mt-stat-lens')).toHaveCount(0);
    await expect(page.locator('.mt-lens-on')).toHaveCount(0);
    // Links are as built: the group is carried between pages only by the script.
    await expect(page.locator('a[href*="segment="]')).toHaveCount(0);
    await expect(page.locator(`${figure('platform-by-size')} .mt-chart-svg:visible`)).toHaveCount(1);
    for (const segment of ['size-1-99', 'size-100-999', 'size-1000']) {
      await expect(page.locator(marks('platform-by-size', segment))).toHaveCSS('opacity', '1');
    }
  });
});

for (const width of [390, 1280]) {
  test(`at ${width} px the 100% NPS bars write each group’s score after its bar, overlapping nothing`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(recommendation);
    const svg = page.locator(`${figure('platform-nps-groups')} .mt-chart-svg:visible`);
    // All who answered and four roles, each with its score ("NPS −19") and interval under it.
    await expect(svg.locator('text.mt-chart-value')).toHaveCount(5);
    const measured = await svg.evaluate((chart) => {
      const box = (el: Element) => {
        const { x, y, width, height } = el.getBoundingClientRect();
        return { x, y, width, height };
      };
      return {
        chart: box(chart),
        rows: [...chart.querySelectorAll('.mt-chart-stack-row')].map((row) => ({
          score: {
            text: row.querySelector('text.mt-chart-value')?.textContent ?? '',
            ...box(row.querySelector('text.mt-chart-value')!),
          },
          bars: [...row.querySelectorAll('rect.mt-chart-segment')].map(box),
        })),
        names: [...chart.querySelectorAll('text.mt-chart-label')].map((el) => ({ text: el.textContent, ...box(el) })),
        outside: [...chart.querySelectorAll('text.mt-chart-outside-value')].map((el) => ({
          text: el.textContent,
          ...box(el),
        })),
      };
    });
    const { chart, rows, names, outside } = measured;
    // A part too narrow for its value writes it under its bar (at 390 px, the platform engineers' detractors):
    // clear of the next group's name (round 15: "9%" ran into "Site reliability engineer").
    for (const value of outside) {
      for (const name of names) {
        const apart =
          value.x >= name.x + name.width ||
          name.x >= value.x + value.width ||
          value.y >= name.y + name.height ||
          name.y >= value.y + value.height;
        expect(apart, `${value.text} over "${name.text}"`).toBe(true);
      }
    }
    expect(rows).toHaveLength(5);
    for (const { score, bars } of rows) {
      expect(score.text).toMatch(/^NPS [+\u2212]?\d+/);
      // After its bar's end, inside the chart.
      expect(score.x, score.text).toBeGreaterThanOrEqual(Math.max(...bars.map((b) => b.x + b.width)));
      expect(score.x + score.width, score.text).toBeLessThanOrEqual(chart.x + chart.width + 1);
      // No score lies over a group's name.
      for (const name of names) {
        const apart =
          score.x >= name.x + name.width ||
          name.x >= score.x + score.width ||
          score.y >= name.y + name.height ||
          name.y >= score.y + score.height;
        expect(apart, `${score.text} over "${name.text}"`).toBe(true);
      }
    }
  });
}
