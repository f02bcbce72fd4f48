import { expect, test, type Page } from '@playwright/test';
import { figures, SERIES, trends } from './content.ts';

const governance = trends.find((t) => t.slug === 'governance')!;
/** The one figure with a row at 57%. */
const shows57 = figures.find((f) => f.rows.some((r) => r.value === 57))!;

const searchBox = (page: Page) => page.getByRole('searchbox', { name: 'Search the articles' });
const results = (page: Page) => page.getByRole('search').getByRole('listitem');

test('a page fetches nothing for search until the search box gets focus', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  await page.goto(`/${SERIES}/`);
  await page.waitForLoadState('networkidle');
  await page.mouse.wheel(0, 2000);
  await page.waitForLoadState('networkidle');
  expect(fetched.filter((path) => path.startsWith('/pagefind/'))).toEqual([]);

  const bundle = page.waitForRequest((request) => request.url().endsWith('/pagefind/pagefind.js'));
  await searchBox(page).focus();
  await bundle;
});

test('typing "governance" lists the governance trend first, and its link opens it', async ({ page }) => {
  await page.goto('/');
  await searchBox(page).fill('governance');
  const first = results(page).first();
  await expect(first.getByRole('link').first()).toHaveText(governance.title);
  await expect(first.locator('mark').first()).toContainText(/governance/i);
  await first.getByRole('link').first().click();
  await expect(page).toHaveURL(governance.href);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(governance.title);
});

test('typing "57" finds the figure that shows 57%, and its link lands on that figure', async ({ page }) => {
  await page.goto(`/${SERIES}/`);
  await searchBox(page).fill('57');
  const figureLink = page.getByRole('search').getByRole('link', { name: `Figure ${shows57.title}` });
  await expect(figureLink).toBeVisible();
  await figureLink.click();
  await expect(page).toHaveURL(new RegExp(`#figure-${shows57.id}$`));
  const figure = page.locator(`#figure-${shows57.id}`);
  await expect(figure).toBeInViewport();
  await expect(figure.locator('table')).toContainText('57%');
});

test('Enter opens the first result and Escape closes the list', async ({ page }) => {
  await page.goto('/');
  await searchBox(page).fill('governance');
  await expect(results(page).first()).toBeVisible();
  await searchBox(page).press('Escape');
  await expect(results(page).first()).toBeHidden();
  await searchBox(page).fill('governance ');
  await expect(results(page).first()).toBeVisible();
  await searchBox(page).press('Enter');
  await expect(page).toHaveURL(governance.href);
});

test('a search with no match says so', async ({ page }) => {
  await page.goto('/');
  await searchBox(page).fill('zzxqv');
  await expect(page.getByRole('search').getByRole('status')).toHaveText('No results for “zzxqv”');
});

test('without an index, the box says that search is not available', async ({ page }) => {
  await page.route('**/pagefind/**', (route) => route.abort());
  await page.goto('/');
  await searchBox(page).fill('governance');
  await expect(page.getByRole('search').getByRole('status')).toContainText('Search is not available here');
});

test('navigation, footer and download links are not indexed', async ({ page }) => {
  await page.goto('/');
  // "RSS" is in every page's footer, "Permalink" under every figure: neither is article text.
  // (Pagefind also matches parts of words: no result may show the words themselves.)
  for (const word of ['RSS', 'Permalink']) {
    await searchBox(page).fill(word);
    await expect(page.getByRole('search').getByRole('status')).toContainText(`“${word}”`);
    const marked = await page.getByRole('search').locator('mark').allTextContents();
    expect(marked.filter((text) => text.toLowerCase().includes(word.toLowerCase()))).toEqual([]);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  for (const width of [390, 1280]) {
    test(`at ${width} px neither the search box nor its button is shown, since nothing could search`, async ({
      page,
    }) => {
      await page.setViewportSize({ width, height: 844 });
      await page.goto('/');
      await expect(page.locator('form[data-site-search]')).toBeHidden();
      await expect(page.locator('[data-search-toggle]')).toBeHidden();
    });
  }
});
