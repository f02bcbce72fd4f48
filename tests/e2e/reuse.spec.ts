import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { OembedRich } from '../../src/lib/reuse.ts';
import { figure, SERIES, trends } from './content.ts';

/**
 * Reusing a figure from another site: its embed page in a frame on a page of another origin (a second
 * local port), its height reported to that page, its theme from the address, its downloads and its oEmbed
 * answer; and article pages that refuse to be framed.
 */

const trendHref = `/${SERIES}/investment/`;
const figureId = 'budget-growth';
const embedPath = `${trendHref}embed/${figureId}/`;
const SHOTS = '/tmp/wt18-reuse-shots';

/** A page of another site: serves `html` at / on a port of its own. */
async function otherSite(html: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Opens the figure's "About this data", where its downloads, embed code and citation are. */
async function openAbout(page: Page): Promise<void> {
  await page.locator(`#figure-${figureId} details.mt-figure-about > summary`).click();
}

/** The embed code the article offers for the figure, as a reader would copy it. */
async function embedCode(page: Page): Promise<string> {
  await page.goto(trendHref);
  const reuse = page.locator(`#figure-${figureId}`);
  await openAbout(page);
  await reuse.getByText('Embed', { exact: true }).click();
  return reuse.getByLabel(/Code for your page/).inputValue();
}

test('another site frames the embed page from the copied code, and it resizes to its chart', async ({
  page,
  baseURL,
}) => {
  const code = await embedCode(page);
  expect(code).toContain(`src="${baseURL}${embedPath}"`);
  const site = await otherSite(
    `<!doctype html><title>Host</title><h1>A host page</h1>${code}
     <iframe id="article" title="article" src="${baseURL}${trendHref}"></iframe>`,
  );
  try {
    await page.goto(site.url);
    const frame = page.frameLocator(`iframe[src="${baseURL}${embedPath}"]`);
    // The chart: its SVG, or the interactive chart drawn over it once the frame's scripts ran.
    await expect(frame.locator('.mt-chart:visible')).toBeVisible();
    await expect(frame.getByText(figure(figureId).title).first()).toBeVisible();
    await expect(frame.getByText(/^Source:/)).toBeVisible();
    await expect(frame.getByRole('link', { name: /Read the article/ })).toHaveAttribute(
      'href',
      `${baseURL}${trendHref}`,
    );
    await expect(frame.locator('header, footer, form')).toHaveCount(0);
    // The frame's height follows its content, as its page reported it.
    const iframe = page.locator(`iframe[src="${baseURL}${embedPath}"]`);
    await expect(iframe).toHaveAttribute('style', /height: \d+px/);
    const inner = await frame.locator('body').evaluate((body) => Math.ceil(body.getBoundingClientRect().height));
    expect(Math.abs((await iframe.boundingBox())!.height - inner)).toBeLessThanOrEqual(2);
    // The article refuses to be framed by another site: Chromium shows its error page in the frame.
    const articleFrame = (await page.locator('#article').elementHandle()).contentFrame();
    await expect.poll(async () => (await articleFrame)?.url()).toMatch(/^chrome-error:/);
    const title = trends.find((t) => t.href === trendHref)!.title;
    await expect(page.frameLocator('#article').getByText(title)).toHaveCount(0);
  } finally {
    await site.close();
  }
});

test('embed pages may be framed by any site; article pages by none', async ({ request }) => {
  const embed = await request.get(embedPath);
  expect(embed.headers()['content-security-policy']).toContain('frame-ancestors *');
  expect(embed.headers()['x-frame-options']).toBeUndefined();
  const article = await request.get(trendHref);
  expect(article.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(article.headers()['x-frame-options']).toBe('DENY');
});

test('each figure offers PNG and SVG downloads with its title and source, and the oEmbed answer', async ({
  page,
  request,
}) => {
  await page.goto(trendHref);
  await openAbout(page);
  const links = page.locator(`#figure-${figureId} .mt-figure-links`);
  for (const [name, type] of [
    ['PNG', 'image/png'],
    ['SVG', 'image/svg+xml'],
    ['CSV', 'text/csv'],
    ['JSON', 'application/json'],
  ] as const) {
    const href = (await links.getByRole('link', { name: `Download ${name}`, exact: true }).getAttribute('href'))!;
    const response = await request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()['content-type'], href).toContain(type);
  }
  const png = await request.get(`/${SERIES}/figures/${figureId}.png`);
  const bytes = await png.body();
  expect(bytes.readUInt32BE(16)).toBe(1200);
  // The PNG readers download is drawn at 2×: 2400 px wide, the same picture.
  const pngHref = await links.getByRole('link', { name: 'Download PNG', exact: true }).getAttribute('href');
  expect(pngHref).toBe(`/${SERIES}/figures/${figureId}@2x.png`);
  const large = await (await request.get(pngHref!)).body();
  expect(large.readUInt32BE(16)).toBe(2400);
  expect(Math.abs(large.readUInt32BE(20) - 2 * bytes.readUInt32BE(20))).toBeLessThanOrEqual(1);
  // The size the oEmbed answer and the og tags announce is the PNG's.
  const announced = { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  const svg = await (await request.get(`/${SERIES}/figures/${figureId}.svg`)).text();
  expect(svg).toContain(`<title>${figure(figureId).title}</title>`);
  // The downloaded image carries the page's own source line (who ran the survey, then who reported it,
  // a mirrored source named as such) and leaves the base to the subtitle.
  const small = [...svg.matchAll(/class="mt-image-small">([^<]*)</g)].map((m) => m[1]).join(' ');
  expect(small).toMatch(
    /^Source: Algorithmia, 2021 enterprise trends in machine learning \(survey of 403, fielded November 2020\), as reported by /,
  );
  expect(small).not.toMatch(/Base:/);
  const pageSource = (await page.locator(`#figure-${figureId} .mt-figure-source`).innerText()).replace(/\s+/g, ' ');
  expect(
    small
      .replace(/\s+/g, ' ')
      .replace(/&apos;/g, "'")
      .trim(),
  ).toBe(pageSource.trim());

  const discovery = page.locator('link[rel="alternate"][type="application/json+oembed"]').first();
  const oembed = (await (await request.get((await discovery.getAttribute('href'))!)).json()) as OembedRich;
  expect(oembed).toMatchObject({ version: '1.0', type: 'rich', provider_name: 'ML Trends' });
  expect(oembed.html).toMatch(/^<iframe src="http[^"]+\/embed\/[^"]+\/"/);
  expect(oembed.thumbnail_url).toMatch(new RegExp(`/${SERIES}/figures/${figureId}\\.png$`));
  expect({ width: oembed.thumbnail_width, height: oembed.thumbnail_height }).toEqual(announced);
});

test('the embed page is shared with its own social image, the figure as a PNG', async ({ page, request }) => {
  await page.goto(embedPath);
  const image = await page.locator('meta[property="og:image"]').getAttribute('content');
  expect(image).toMatch(new RegExp(`/${SERIES}/figures/${figureId}\\.png$`));
  expect((await request.get(new URL(image!).pathname)).status()).toBe(200);
  await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', new RegExp(`${embedPath}$`));
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');
});

test("an article offers its citation and Scholar's tags", async ({ page }) => {
  await page.goto(trendHref);
  for (const name of ['citation_title', 'citation_author', 'citation_publication_date', 'citation_public_url']) {
    await expect(page.locator(`meta[name="${name}"]`)).toHaveAttribute('content', /.+/);
  }
  await page.getByText('Cite this article').click();
  await expect(page.locator('.mt-cite-article .mt-citation')).toContainText('(dataset version 2021.');
  await expect(page.locator('.mt-cite-article .mt-bibtex')).toContainText('@misc{ml-trends-2021-investment,');
});

test('the embed code and the citations copy to the clipboard with one click', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const code = await embedCode(page);
  const fig = page.locator(`#figure-${figureId}`);
  await fig.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(fig.getByRole('status').first()).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
  await page.getByText('Cite this article').click();
  await page.locator('.mt-cite-article').getByRole('button', { name: 'Copy BibTeX' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(
    /^@misc\{ml-trends-2021-investment,[\s\S]*\}$/,
  );
});

for (const theme of ['light', 'dark'] as const) {
  test(`?theme=${theme} sets the embed's theme whatever the system's`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' });
    await page.goto(`${embedPath}?theme=${theme}`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const background = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(background).toBe(theme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(18, 22, 27)');
  });
}

for (const width of [390, 1280]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`at ${width} px, ${scheme}: the reuse block and the embed page pass axe`, async ({ page }) => {
      mkdirSync(SHOTS, { recursive: true });
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(trendHref);
      const fig = page.locator(`#figure-${figureId}`);
      await openAbout(page);
      for (const summary of ['Embed', 'Cite this chart']) await fig.getByText(summary, { exact: true }).click();
      await page.getByText('Cite this article').click();
      // Open, the citations' long lines scroll in their boxes: the page does not scroll sideways.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      await fig.screenshot({ path: `${SHOTS}/figure-${width}-${scheme}.png` });
      await page.locator('.mt-cite-article').screenshot({ path: `${SHOTS}/cite-${width}-${scheme}.png` });
      const onArticle = await new AxeBuilder({ page }).analyze();
      expect(onArticle.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
      await page.goto(embedPath);
      await page.screenshot({ path: `${SHOTS}/embed-${width}-${scheme}.png`, fullPage: true });
      const onEmbed = await new AxeBuilder({ page }).analyze();
      expect(onEmbed.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual(
        [],
      );
    });
  }
}
