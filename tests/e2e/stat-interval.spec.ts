import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { SERIES } from './content.ts';

/**
 * A bound value's 95% interval in the prose of a trend: a tooltip for the pointer, a note for screen readers,
 * without changing the line the reader sees. "Increased" of ai-priority-change is 64% of 403 respondents.
 */
const investment = `/${SERIES}/investment/`;
const paragraph = 'p:has(.mt-stat-interval)';

for (const width of [320, 1280]) {
  test(`a <Stat> with a known n gives its interval to screen readers and on hover, at ${width} px`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(investment);
    const stat = page.locator('.mt-stat-interval', { hasText: '64%' });
    await expect(stat).toHaveAttribute('title', '95% interval: 59–69% (n = 403)');
    await expect(page.locator(paragraph).first()).toMatchAriaSnapshot(
      '- paragraph: /Of all 403 respondents, 64% \\(95% interval 59–69%\\) said it had gone up\\./',
    );
    // The note is neither seen nor copied: a reader who copies the sentence gets what the page shows.
    const copied = await page
      .locator(paragraph)
      .first()
      .evaluate((p) => {
        getSelection()!.selectAllChildren(p);
        return getSelection()!.toString();
      });
    expect(copied).toContain('64% said it had gone up.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
    const axe = await new AxeBuilder({ page }).include(paragraph).analyze();
    expect(axe.violations).toEqual([]);
  });
}

test('a <Stat> whose base is not published shows no interval', async ({ page }) => {
  await page.goto(`/${SERIES}/teams/`);
  const stat = page.locator('.mt-stat', { hasText: '76%' }).first();
  await expect(stat).toBeVisible();
  await expect(stat).not.toHaveAttribute('title', /.*/);
  await expect(page.locator('.mt-stat-note')).toHaveCount(0);
});
