import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { typeset } from '../../src/lib/typography.ts';
import { figure, SERIES } from './content.ts';

/**
 * A number bound in the prose (<Stat>) is a button that opens a note, without JavaScript of ours: the
 * question (labelled as reconstructed from the published finding), the base where a source states it, the
 * 95% interval where it states the base's size, and the source line. The sentence reads as before, for the
 * eye, for screen readers and when copied; print shows the number. The number tested is trend 1's first
 * bound number, whatever the prose says: no source states who answered, so its note says "of a survey of
 * 403; no interval" (the chart's subtitle says once that the base is not published) (the interval's own note and short screen-reader text are
 * tested on a fixture figure with a stated base in tests/components/mdx-components.test.ts).
 */
const investment = `/${SERIES}/investment/`;
/** The first paragraph of trend 1 that quotes a number from the dataset, and that number. */
const paragraph = 'article p:has(.mt-stat)';
const firstStat = (page: Page) => page.locator(paragraph).first().locator('.mt-stat-value').first();
/** The figure a number is bound to, read from the page (its `data-figure`). */
const figureOf = async (page: Page) =>
  figure((await page.locator(paragraph).first().locator('.mt-stat').first().getAttribute('data-figure'))!);
const shots = process.env.F18_SHOTS;

for (const width of [320, 1280]) {
  test(`a reader tabs to a <Stat> and opens its note with the keyboard, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(investment);
    const stat = firstStat(page);
    // Tab through the page until the number has the focus: it is reachable in reading order.
    for (let i = 0; i < 80 && !(await stat.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(stat).toBeFocused();
    const note = page.locator(`#${await stat.getAttribute('popovertarget')}`);
    await expect(note).toBeHidden();
    await page.keyboard.press('Enter');
    await expect(note).toBeVisible();
    await expect(stat).toHaveAttribute('popovertarget', /^stat-\d+$/);
    const { question } = await figureOf(page);
    await expect(note).toContainText(`Question reconstructed from the finding: ${typeset(question).slice(0, 30)}`);
    await expect(note).toContainText('Of a survey of 403; no interval');
    await expect(note).not.toContainText('not published');
    await expect(note).not.toContainText('n = 403');
    await expect(note).toContainText('Source: Algorithmia, 2021 enterprise trends in machine learning');
    // The note fits in the window.
    const box = (await note.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    if (shots) await page.screenshot({ path: `${shots}/stat-open-${width}.png` });
    const axe = await new AxeBuilder({ page }).include(paragraph).analyze();
    expect(axe.violations).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(note).toBeHidden();
    await expect(stat).toBeFocused();
  });
}

test('a <Stat> reads and copies as part of its sentence, and prints as the number alone', async ({ page }) => {
  await page.goto(investment);
  const first = page.locator(paragraph).first();
  const value = (await firstStat(page).innerText()).trim();
  expect(value).toMatch(/^\d+%$/);
  // The number is a button in the sentence; no interval is read out, since no source states the base.
  await expect(first.getByRole('button', { name: value, exact: true }).first()).toBeVisible();
  await expect(first.locator('.mt-stat-short')).toHaveCount(0);
  const copied = await first.evaluate((p) => {
    getSelection()!.selectAllChildren(p);
    return getSelection()!.toString();
  });
  // The number, then the sentence's next word (after its punctuation, if any): no note text copied between.
  expect(copied).toMatch(new RegExp(`${value}[,;:]? \\p{L}`, 'u'));
  expect(copied).not.toContain('base not published');
  await page.emulateMedia({ media: 'print' });
  // What print shows: the number, without the note or the underline.
  const printed = await first.evaluate((p: HTMLElement) => p.innerText);
  expect(printed).toMatch(new RegExp(`${value} \\p{L}`, 'u'));
  expect(printed).not.toContain('Survey of 403');
  const underline = await firstStat(page).evaluate((el) => getComputedStyle(el).textDecorationLine);
  expect(underline).toBe('none');
});

test('a <Stat> whose base is not published gives the survey size and no interval in its note', async ({ page }) => {
  // Governance binds several shares of the survey of 403, none with a published base (the teams trend, used
  // here before, now leaves its values to its headline and chart: the report's key number once per page).
  await page.goto(`/${SERIES}/governance/`);
  const stat = page.locator('.mt-stat-value').first();
  const value = (await stat.innerText()).trim();
  expect(value).toMatch(/^\d+%$/);
  await stat.click();
  const note = page.locator(`#${await stat.getAttribute('popovertarget')}`);
  await expect(note).toBeVisible();
  await expect(note).toContainText('Of a survey of 403; no interval');
  // No interval is read out for it either.
  const wrapper = page.locator('.mt-stat').filter({ has: page.locator('.mt-stat-value', { hasText: value }) });
  await expect(wrapper.first().locator('.mt-stat-short')).toHaveCount(0);
  // Each note has its own id, also for a number quoted twice on one page.
  const ids = await page.locator('.mt-stat-note').evaluateAll((notes) => notes.map((n) => n.id));
  expect(new Set(ids).size).toBe(ids.length);
});

// Review: "…it is 11.0 days" / ". Each group's…" at 1280 px: the number is a button, after which a browser may
// break even before a full stop. Every bound number keeps the punctuation after it on its line.
for (const width of [390, 1280]) {
  test(`a bound number and the punctuation after it share a line, at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const path of ['onboarding', 'recommendation', 'platform-adoption']) {
      await page.goto(`/platform-engineering-2024/${path}/`);
      const kept = await page.locator('article .mt-stat-keep').evaluateAll((spans) =>
        spans.map((span) => {
          const value = span.querySelector('.mt-stat-value')!.getBoundingClientRect();
          const range = document.createRange();
          range.selectNodeContents(span.lastChild!);
          const rects = [...range.getClientRects()];
          return { text: span.textContent, value: value.bottom, after: rects[0]?.bottom ?? -1, lines: rects.length };
        }),
      );
      expect(kept.length, path).toBeGreaterThan(1);
      for (const k of kept) {
        expect(k.lines, k.text).toBe(1);
        expect(Math.abs(k.after - k.value), k.text).toBeLessThan(4);
      }
    }
  });
}
