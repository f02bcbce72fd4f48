import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { SERIES, trends } from './content.ts';

const withFigures = `/${SERIES}/investment/`;
const dark = 'rgb(18, 22, 27)';
const light = 'rgb(255, 255, 255)';
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

test('the theme button switches to the dark theme and the choice outlasts a reload', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(trends[0]!.href);
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(await background(page)).toBe(dark);
  await page.reload();
  expect(await background(page)).toBe(dark);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  expect(await background(page)).toBe(light);
});

test('a chosen theme is set before the page body exists, so the wrong theme never flashes', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.addInitScript(() => {
    localStorage.setItem('mt-theme', 'light');
    new MutationObserver((_, observer) => {
      if (!document.body) return;
      (window as unknown as { themeAtBody: string }).themeAtBody = document.documentElement.dataset.theme ?? 'none';
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(trends[0]!.href);
  expect(await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody)).toBe('light');
  expect(await background(page)).toBe(light);
});

test('the chart takes its colours from the theme tokens, and the comparison grey is the same in both themes', async ({
  page,
}) => {
  const fills = () =>
    page.locator('#figure-budget-growth').evaluate((figure) => ({
      current: getComputedStyle(figure.querySelector('.mt-chart-fill-1')!).fill,
      previous: getComputedStyle(figure.querySelector('.mt-chart-fill-neutral')!).fill,
    }));
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(withFigures);
  expect(await fills()).toEqual({ current: 'rgb(0, 114, 178)', previous: 'rgb(128, 138, 148)' });
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await fills()).toEqual({ current: 'rgb(79, 163, 224)', previous: 'rgb(128, 138, 148)' });
});

/** Sums the page's layout shifts (CLS without session windows: a bound on it). */
async function watchShifts(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { cls: number };
    w.cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) w.cls += entry.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return async () => {
    await page.evaluate(() => document.fonts.ready);
    await page.waitForTimeout(300);
    return page.evaluate(() => (window as unknown as { cls: number }).cls);
  };
}

test('the preloaded web fonts are in place before the first paint: no layout shift (CLS 0.00)', async ({ page }) => {
  const cls = await watchShifts(page);
  await page.goto(withFigures);
  expect(await page.evaluate(() => document.fonts.check('700 20px "Source Serif 4"'))).toBe(true);
  expect(await page.evaluate(() => document.fonts.check('400 17px "Source Sans 3"'))).toBe(true);
  expect((await cls()).toFixed(2)).toBe('0.00');
});

test('until the fonts arrive, the tuned fallbacks set the page’s text within 1.5% of its final width, each line within 2%', async ({
  page,
}) => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/*.woff2', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(withFigures, { waitUntil: 'domcontentloaded' });
  /**
   * Single-line widths of the headline, the lede and the first paragraph, then of all the page's bold headings
   * and of all its paragraphs set as one line each: what the fallbacks are tuned on (scripts/font-fallbacks.ts).
   */
  const widths = () =>
    page.evaluate(() => {
      const setWidth = (host: Element, text: string) => {
        const line = document.createElement('span');
        line.style.whiteSpace = 'nowrap';
        line.textContent = text;
        host.append(line);
        const width = line.getBoundingClientRect().width;
        line.remove();
        return width;
      };
      const all = (selector: string) => [...document.querySelectorAll(selector)].map((e) => e.textContent).join(' ');
      return [
        ...['h1', '.lede', '.body > p'].map((selector) =>
          setWidth(document.querySelector(selector)!, document.querySelector(selector)!.textContent),
        ),
        setWidth(document.querySelector('h1')!, all('.trend h1, .body h2')),
        setWidth(document.querySelector('.body > p')!, all('.body > p')),
      ];
    });
  const fallback = await widths();
  release();
  await page.evaluate(() => document.fonts.ready);
  expect(await page.evaluate(() => document.fonts.check('700 20px "Source Serif 4"'))).toBe(true);
  const final = await widths();
  // The fallbacks are tuned on every article's text at once (scripts/font-fallbacks.ts): one line, or one page's
  // headings, sits a little off that average (1.0–1.1% on trend 1 after its rewrite); what readers see of it is the
  // layout shift, held under 0.1 by the test below.
  final.slice(0, 3).forEach((width, i) => expect(Math.abs(fallback[i]! / width - 1), `line ${i}`).toBeLessThan(0.02));
  final.slice(3).forEach((width, i) => expect(Math.abs(fallback[i + 3]! / width - 1), `text ${i}`).toBeLessThan(0.015));
});

test('a late font swap keeps layout shift well inside "good" (CLS < 0.1) at phone and desktop widths', async ({
  page,
}) => {
  await page.route('**/*.woff2', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await route.continue();
  });
  const cls = await watchShifts(page);
  for (const width of [390, 1280]) {
    await page.setViewportSize({ width, height: 844 });
    await page.goto(withFigures);
    expect(await cls(), `${width} px`).toBeLessThan(0.1);
  }
});

test('printing an article hides the site chrome and the "About this data" disclosure, and writes link addresses', async ({
  page,
}) => {
  await page.goto(withFigures);
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-footer')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toBeHidden();
  const figure = page.locator('figure.mt-figure').first();
  await expect(figure.locator('svg.mt-chart-svg:visible')).toBeVisible();
  await expect(figure.locator('.mt-figure-about')).toBeHidden();
  // One source line per figure on paper too; the sources' titles and addresses print in the article's Sources.
  await expect(figure.locator('.mt-figure-source')).toHaveCount(1);
  await expect(figure.locator('a[href^="http"]:visible')).toHaveCount(0);
  const external = page.locator('.trend-sources a[href^="http"]').first();
  await expect(external).toBeVisible();
  const after = await external.evaluate((a) => getComputedStyle(a, '::after').content);
  expect(after).toContain(await external.getAttribute('href'));
});

const pages = ['/', `/${SERIES}/`, `/${SERIES}/alignment/`, `/${SERIES}/report/`, '/privacy/', '/no-such-page/'];
for (const theme of ['light', 'dark'] as const) {
  test(`the pages have no accessibility violations in the ${theme} theme chosen with the button`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' });
    await page.addInitScript((chosen) => localStorage.setItem('mt-theme', chosen), theme);
    for (const path of pages) {
      await page.goto(path);
      expect(await background(page), path).toBe(theme === 'light' ? light : dark);
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${path} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    }
  });
}
