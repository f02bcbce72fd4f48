import { expect, test } from '@playwright/test';
import { indexLinkName, SERIES, seriesYaml, trends } from './content.ts';

test('the series index lists the ten trends in series order', async ({ page }) => {
  await page.goto(`/${SERIES}/`);
  const items = page.getByRole('list', { name: 'The trends, in series order' }).getByRole('listitem');
  await expect(items).toHaveCount(10);
  for (const [i, trend] of trends.entries()) {
    // The headline, or the number and its label where the headline states the number (round 9).
    const heading = items.nth(i).getByRole('heading', { level: 2 });
    await expect(heading).toHaveCount(1);
    await expect(heading.getByRole('link', { name: indexLinkName(trend), exact: true })).toBeVisible();
    await expect(items.nth(i)).toContainText(`Trend ${i + 1} of 10`);
  }
});

test('a reader goes from the index through all ten trends with Next, then back with Previous', async ({ page }) => {
  await page.goto(`/${SERIES}/`);
  await page.getByRole('link', { name: indexLinkName(trends[0]!), exact: true }).click();
  for (const [i, trend] of trends.entries()) {
    await expect(page).toHaveURL(trend.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(trend.title);
    await expect(page.locator('.kicker .position')).toHaveText(`Trend ${i + 1} of 10`);
    if (i < trends.length - 1) await page.locator('a[rel="next"]').click();
  }
  await expect(page.locator('a[rel="next"]')).toHaveCount(0);
  await expect(page.getByRole('link', { name: /End of the series/ })).toBeVisible();
  for (let i = trends.length - 1; i > 0; i--) {
    await page.locator('a[rel="prev"]').click();
    await expect(page).toHaveURL(trends[i - 1]!.href);
    await expect(page.locator('.kicker .position')).toHaveText(`Trend ${i} of 10`);
  }
  await expect(page.locator('a[rel="prev"]')).toHaveCount(0);
});

test('the Next and Previous links name the neighbouring trends and the head links them', async ({ page }) => {
  const [first, second, third] = trends;
  await page.goto(second!.href);
  await expect(page.locator('a[rel="prev"]')).toContainText(first!.title);
  await expect(page.locator('a[rel="next"]')).toContainText(third!.title);
  await expect(page.locator('link[rel="prev"]')).toHaveAttribute('href', first!.href);
  await expect(page.locator('link[rel="next"]')).toHaveAttribute('href', third!.href);
});

test('an article ends with previous/next and the footer’s link to all trends, not a list of the series', async ({
  page,
}) => {
  await page.goto(trends[7]!.href);
  await expect(page.getByRole('navigation', { name: 'Series navigation' }).getByRole('link')).toHaveCount(2);
  await expect(page.getByRole('navigation', { name: 'In this series' })).toHaveCount(0);
  await expect(page.locator('footer').getByRole('link', { name: 'All trends' })).toHaveAttribute('href', `/${SERIES}/`);
});

test('the home page features the series and starts reading at trend 1', async ({ page }) => {
  await page.goto('/');
  // The headline is the edition's lead finding (home.spec.ts); the series is named and linked above it.
  await expect(page.getByRole('main').getByRole('link', { name: seriesYaml.shortTitle, exact: true })).toHaveAttribute(
    'href',
    `/${SERIES}/`,
  );
  await page.getByRole('link', { name: /Start reading/ }).click();
  await expect(page).toHaveURL(trends[0]!.href);
});

test('the skip link moves focus to the main content', async ({ page }) => {
  await page.goto(trends[0]!.href);
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});
