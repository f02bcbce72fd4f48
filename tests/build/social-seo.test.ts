import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, copyOfProject, edit } from './project-copy.ts';
import { typeset } from '../../src/lib/typography.ts';

/**
 * Social images and structured data in the built site: every page's og meta points at a built 1200×630
 * PNG, every trend has its own, every page's JSON-LD parses and carries the properties search engines
 * require, the sitemap has lastmod; a rebuild draws only the images whose inputs changed.
 */
const SERIES = 'ml-trends-2021';
const ORIGIN = 'http://localhost:4321';
let dir: string;
let first: { status: number | null; output: string };

const client = () => join(dir, 'dist/client');
const pages = () =>
  readdirSync(client(), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.html'))
    .sort();
const html = (page: string) => readFileSync(join(client(), page), 'utf8');
const meta = (text: string, key: string) =>
  [...text.matchAll(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`, 'g'))].map((m) => m[1]!);
/** The built file of an absolute URL of this site. */
const fileOf = (url: string) => {
  expect(url.startsWith(`${ORIGIN}/`), `${url} is an absolute URL of the site`).toBe(true);
  return join(client(), decodeURIComponent(new URL(url).pathname));
};
const drawn = (output: string) => [...output.matchAll(/\[social-images\] drew (\S+)/g)].map((m) => m[1]!).sort();
const trendPages = () =>
  pages().filter(
    (p) =>
      p.startsWith(`${SERIES}/`) &&
      /^[^/]+\/[^/]+\/index\.html$/.test(p) &&
      !p.includes('/report/') &&
      p !== `${SERIES}/sources/index.html`,
  );
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

type Node = Record<string, unknown> & { '@type': string };

function jsonLd(text: string): Node[] {
  const blocks = [...text.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  return blocks.flatMap((block) => {
    const data = JSON.parse(block) as { '@context': string; '@graph': Node[] };
    expect(data['@context']).toBe('https://schema.org');
    return data['@graph'];
  });
}

beforeAll(() => {
  dir = copyOfProject();
  // The images of the ML series and the site's pages; the demonstration series' are checked in
  // demo-series.test.ts (its counts would change every number here).
  rmSync(join(dir, 'content/series/platform-engineering-2024'), { recursive: true, force: true });
  first = build(dir, { REPORT_PDF: 'off' });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('social images and structured data in the built site', { timeout: 240_000 }, () => {
  it('builds, drawing an image for every trend, the series index, the report page and the home page', () => {
    expect(first.status, first.output).toBe(0);
    const trends = trendPages().map((p) => `/${p.replace(/index\.html$/, '')}og.png`);
    expect(trends).toHaveLength(10);
    expect(drawn(first.output)).toEqual(
      [...trends, `/${SERIES}/og.png`, `/${SERIES}/report/og.png`, `/${SERIES}/sources/og.png`, '/og.png'].sort(),
    );
  });

  it('gives the sources page its own card, naming the page, with no finding on it', () => {
    const text = html(`${SERIES}/sources/index.html`);
    expect(meta(text, 'og:image')).toEqual([`${ORIGIN}/${SERIES}/sources/og.png`]);
    const [alt] = meta(text, 'og:image:alt');
    expect(alt).toContain('Sources and method');
    expect(alt).not.toMatch(/\d+%/);
  });

  it('gives every page og:image (absolute, 1200×630, with alt), the large Twitter card and the right og:type', () => {
    for (const page of pages()) {
      const text = html(page);
      const [image] = meta(text, 'og:image');
      expect(image, page).toBeDefined();
      const png = readFileSync(fileOf(image!));
      const size = [png.readUInt32BE(16), png.readUInt32BE(20)];
      // A figure's embed page, the page a figure is shared by, shows the figure's own PNG, 1200 px wide.
      const embed = /\/embed\/[^/]+\/index\.html$/.test(page);
      if (embed) expect(image, page).toMatch(/\/figures\/[^/]+\.png$/);
      expect(size, page).toEqual(embed ? [1200, size[1]] : [1200, 630]);
      expect(meta(text, 'og:image:width'), page).toEqual(['1200']);
      expect(meta(text, 'og:image:height'), page).toEqual([String(size[1])]);
      expect(meta(text, 'og:image:alt')[0]?.length, page).toBeGreaterThan(20);
      expect(meta(text, 'twitter:card'), page).toEqual(['summary_large_image']);
      expect(meta(text, 'og:type'), page).toEqual([trendPages().includes(page) ? 'article' : 'website']);
    }
  });

  it('gives every trend its own image, showing its key chart or, without a figure, its summary', () => {
    const images = trendPages().map((page) => fileOf(meta(html(page), 'og:image')[0]!));
    expect(new Set(images.map(sha)).size).toBe(images.length);
    // A chart's image reads the chart out.
    const leaders = meta(html(`${SERIES}/io-leaders/index.html`), 'og:image:alt')[0]!;
    expect(leaders).toMatch(/^Trend 8 of 10 .*\. Bar chart of [^:]+: Infrastructure and operations leaders 57%, /);
    // A trend whose key figure is one value (governance, 56%) is its headline and that number, no drawing (round
    // 12: a dot on a line said the headline twice; round 15: no number at all); its description reads the
    // headline, the number with what it counts and its base, then the source.
    const governance = meta(html(`${SERIES}/governance/index.html`), 'og:image:alt')[0]!;
    expect(governance).toMatch(
      /^Trend 5 of 10 .*: More than half named governance.* 56% cited the governance concern\. Base not published\. Source: [^.]*fielded November 2020/,
    );
    const mlops = meta(html(`${SERIES}/mlops/index.html`), 'og:image:alt')[0]!;
    // Without a figure: the trend's summary (read from its file, so a prose edit does not break this), typeset.
    const summary = /^summary: "(.*)"$/m.exec(
      readFileSync(join(dir, `content/series/${SERIES}/trends/10-mlops.mdx`), 'utf8'),
    )![1]!;
    expect(mlops).toMatch(/^Trend 10 of 10 /);
    expect(mlops.replace(/&#39;|&#x27;/g, "'")).toContain(typeset(summary));
  });

  it('puts valid JSON-LD with the required properties on every page, an Article and a Dataset per figure on trends', () => {
    for (const page of pages()) {
      const nodes = jsonLd(html(page));
      const types = nodes.map((n) => n['@type']);
      if (page === 'index.html') expect(types).toContain('WebSite');
      if (page === `${SERIES}/index.html`) expect(types).toEqual(['CreativeWorkSeries', 'BreadcrumbList']);
      for (const crumbs of nodes.filter((n) => n['@type'] === 'BreadcrumbList')) {
        const items = crumbs.itemListElement as { position: number; name: string; item: string }[];
        expect(items.map((i) => i.position)).toEqual(items.map((_, i) => i + 1));
        for (const item of items) expect(existsSync(join(fileOf(item.item), 'index.html')), item.item).toBe(true);
      }
      if (!trendPages().includes(page)) continue;

      const [article, ...others] = nodes.filter((n) => n['@type'] === 'Article');
      expect(others, page).toEqual([]);
      expect(article?.headline, page).toEqual(expect.any(String) as unknown);
      expect(article?.author, page).toMatchObject({ '@type': 'Organization', name: expect.any(String) as unknown });
      expect(article?.datePublished, page).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(article?.isPartOf, page).toMatchObject({ '@type': 'CreativeWorkSeries', url: `${ORIGIN}/${SERIES}/` });
      expect(existsSync(fileOf((article!.image as { url: string }).url)), page).toBe(true);
      expect(types, page).toContain('BreadcrumbList');

      const figureIds = [...html(page).matchAll(/data-figure="([^"]+)"/g)].map((m) => m[1]!);
      const datasets = nodes.filter((n) => n['@type'] === 'Dataset');
      // One Dataset per figure the page uses (drawn, or cited with <Stat>), in the order of its `figures`.
      expect(datasets.map((d) => (d['@id'] as string).split('#figure-')[1]).sort(), page).toEqual(
        [...new Set(figureIds)].sort(),
      );
      for (const dataset of datasets) {
        expect(dataset.name).toEqual(expect.any(String));
        expect((dataset.description as string).length).toBeGreaterThanOrEqual(50);
        expect((dataset.variableMeasured as unknown[]).length).toBeGreaterThan(0);
        expect(dataset.citation ?? dataset.isBasedOn).toBeTruthy();
        const downloads = dataset.distribution as { '@type': string; encodingFormat: string; contentUrl: string }[];
        expect(downloads.map((d) => d.encodingFormat)).toEqual(['text/csv', 'application/json']);
        for (const d of downloads) {
          expect(d['@type']).toBe('DataDownload');
          expect(existsSync(fileOf(d.contentUrl)), d.contentUrl).toBe(true);
        }
      }
    }
  });

  it('dates every sitemap entry with lastmod', () => {
    const sitemap = readFileSync(join(client(), 'sitemap-0.xml'), 'utf8');
    const urls = [...sitemap.matchAll(/<url>([\s\S]*?)<\/url>/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThanOrEqual(12);
    for (const url of urls) expect(url).toMatch(/<lastmod>\d{4}-\d{2}-\d{2}/);
    // The report page is rendered on demand (no built file) and still listed; the demonstration's (listed only on
    // the home page) is not.
    expect(sitemap).toContain(`<loc>${ORIGIN}/${SERIES}/report/</loc>`);
    expect(sitemap).not.toContain('/platform-engineering-2024/');
    // An article's lastmod is its "updated" date where it has one, else its "published" date (read from the
    // article itself: the edition went live on one day, and none of its articles has been updated since).
    for (const slug of ['investment', 'governance']) {
      const file = readdirSync(join(dir, 'content/series', SERIES, 'trends')).find((name) => name.includes(slug))!;
      const source = readFileSync(join(dir, 'content/series', SERIES, 'trends', file), 'utf8');
      const day = (/^updated: (\S+)$/m.exec(source) ?? /^published: (\S+)$/m.exec(source))![1]!;
      expect(sitemap).toContain(`<loc>${ORIGIN}/${SERIES}/${slug}/</loc><lastmod>${day}`);
    }
  });

  it('draws no image, cuts no font and builds no search index again on a build with no change, and serves the same bytes', () => {
    const before = trendPages().map((page) => sha(fileOf(meta(html(page), 'og:image')[0]!)));
    const again = build(dir, { REPORT_PDF: 'off' });
    expect(again.status, again.output).toBe(0);
    expect(drawn(again.output)).toEqual([]);
    expect(again.output).toMatch(/\[search\] Pagefind index of \d+ pages in \/pagefind\/, from the cache/);
    // One cut per font: the second build found both in the cache rather than adding new ones.
    expect(readdirSync(join(dir, '.astro/font-subset-cache'))).toHaveLength(2);
    expect(again.output).toMatch(/\[compress\] (\d+) files, .* \1 from the cache/);
    expect(trendPages().map((page) => sha(fileOf(meta(html(page), 'og:image')[0]!)))).toEqual(before);
  });

  it('draws only the image of a trend whose title changed, and forgets the old one', () => {
    edit(dir, `content/series/${SERIES}/trends/05-governance.mdx`, (text) =>
      text.replace(/^title: .*$/m, 'title: "Governance tops the list of worries"'),
    );
    const again = build(dir, { REPORT_PDF: 'off' });
    expect(again.status, again.output).toBe(0);
    expect(drawn(again.output)).toEqual([`/${SERIES}/governance/og.png`]);
    // A changed page is indexed again.
    expect(again.output).not.toMatch(/Pagefind index .*from the cache/);
    // The old title's image is gone from the cache: it holds the 13 images the site uses.
    expect(again.output).toContain('1 drawn, 13 from the cache');
    expect(again.output).toContain('removed 1 no page uses any more');
    expect(readdirSync(join(dir, '.astro/social-images'))).toHaveLength(14);
  });
});
