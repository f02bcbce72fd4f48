import { expect, test } from '@playwright/test';
import { figures, SERIES, trends } from './content.ts';

/**
 * What the built pages print in words (review round 12 of issue 20): a question no source published is labelled
 * "Question reconstructed from the finding", never "Asked, in substance"; and the text a reader sees is typeset,
 * with no straight apostrophe or quotation mark ("Algorithmia's" in the home and series introductions).
 */
const PAGES = ['/', `/${SERIES}/`, ...trends.map((t) => t.href)];
const reconstructed = figures.filter((f) => (f as { questionWording?: string }).questionWording === 'reconstructed');

/** The page's visible text, without code, form fields and the screen-reader-only copies. */
async function readerText(page: import('@playwright/test').Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('code, pre, script, style, input, textarea, template').forEach((el) => el.remove());
    return clone.textContent ?? '';
  });
}

for (const path of PAGES) {
  test(`${path} labels every reconstructed question it prints as reconstructed from the finding`, async ({ page }) => {
    await page.goto(path);
    const text = (await readerText(page)).replace(/\s+/g, ' ');
    expect(text).not.toMatch(/in substance/i);
    const questions = reconstructed.filter((f) => text.includes(f.question.slice(0, 40).replace(/'/g, '’')));
    for (const f of questions) {
      const at = text.indexOf(f.question.slice(0, 40).replace(/'/g, '’'));
      expect(text.slice(Math.max(0, at - 60), at), `${path}: ${f.id}`).toMatch(
        /Question reconstructed from the finding:? ?$/,
      );
    }
  });

  test(`${path} prints no straight apostrophe or quotation mark in its text`, async ({ page }) => {
    await page.goto(path);
    const text = await readerText(page);
    const straight = [...text.matchAll(/.{0,30}['"].{0,30}/g)].map((m) => m[0].trim());
    expect(straight, path).toEqual([]);
  });
}

test('the home page keeps reconstructed questions off its trend cards; the series page prints them, labelled', async ({
  page,
}) => {
  await page.goto('/');
  await expect(
    page.getByRole('list', { name: 'The trends' }).getByText(/Question reconstructed from the finding/),
  ).toHaveCount(0);
  await page.goto('/ml-trends-2021/');
  // Under the series page's lead chart, in its facts about the figure.
  await expect(page.getByText(/Question reconstructed from the finding/).first()).toBeAttached();
});
