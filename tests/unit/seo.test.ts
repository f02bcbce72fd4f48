import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { readSite } from '../../src/lib/content/files.ts';
import { serializeJsonLd, type JsonLdNode } from '../../src/lib/seo/json-ld.ts';
import { articleSlug } from '../../src/lib/content/article-slug.ts';
import { lastModified } from '../../src/lib/seo/lastmod.ts';
import { pageSocial, type SeriesPage } from '../../src/lib/seo/page-social.ts';
import { datasetNode } from '../../src/lib/seo/structured-data.ts';
import type { Figure } from '../../src/lib/schema/figure.ts';
import type { TrendData } from '../../src/lib/schema/trend.ts';
import type { SeriesSummary } from '../../src/lib/series-summary.ts';
import { typeset } from '../../src/lib/typography.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const onDisk = readSeriesFromDisk(root, 'ml-trends-2021');
const series: SeriesPage = {
  id: onDisk.id,
  href: '/ml-trends-2021/',
  data: onDisk.data!,
  figures: onDisk.figures,
  trends: onDisk.trends.map((t) => ({
    href: `/ml-trends-2021/${articleSlug(t.file)}/`,
    order: t.data.order,
    data: t.data,
  })),
};
const summary: SeriesSummary = { id: series.id, href: series.href, data: series.data, trendCount: 10, keyNumbers: [] };
const site = readSite(root);
const origin = new URL('https://trends.example.org');

const page = (path: string, withSeries = true) =>
  pageSocial({ path, site, origin, series: withSeries ? series : undefined, summaries: [summary] });
const node = (nodes: JsonLdNode[], type: string) => nodes.find((n) => n['@type'] === type)!;

describe('serializeJsonLd', () => {
  it('cannot end the script element or open a comment, and parses back to the same data', () => {
    const nodes = [{ '@type': 'Article', headline: 'A </script><script>alert(1)</script> & <!-- trap \u2028' }];
    const text = serializeJsonLd(nodes);
    expect(text).not.toMatch(/<\/|<!--|[<>\u2028]/);
    expect(JSON.parse(text)).toEqual({ '@context': 'https://schema.org', '@graph': nodes });
  });
});

describe('a trend page', () => {
  const governance = page('/ml-trends-2021/governance/');

  it('is an article with its own social image, its size and what it shows', () => {
    expect(governance.type).toBe('article');
    expect(governance.image).toMatchObject({ href: '/ml-trends-2021/governance/og.png', width: 1200, height: 630 });
    expect(governance.image.alt).toMatch(
      /^Trend 5 of 10 in 2021 enterprise trends in machine learning: More than half named governance, security and auditability, the leading AI\/ML concern/,
    );
    expect(governance.published?.toISOString()).toBe('2026-12-06T00:00:00.000Z');
  });

  it('is an Article in its series, with author, date, image and breadcrumbs', () => {
    const article = node(governance.jsonLd, 'Article');
    expect(article).toMatchObject({
      headline: 'More than half named governance, security and auditability, the leading AI/ML concern',
      datePublished: '2026-12-06',
      author: { name: 'The ML Trends editorial team' },
      image: { url: 'https://trends.example.org/ml-trends-2021/governance/og.png', width: 1200, height: 630 },
      isPartOf: { '@type': 'CreativeWorkSeries', url: 'https://trends.example.org/ml-trends-2021/' },
    });
    const crumbs = node(governance.jsonLd, 'BreadcrumbList').itemListElement as { item: string }[];
    expect(crumbs.map((c) => c.item)).toEqual([
      'https://trends.example.org/',
      'https://trends.example.org/ml-trends-2021/',
      'https://trends.example.org/ml-trends-2021/governance/',
    ]);
  });

  it('has a Dataset per figure, with its downloads, its source and the values it measures', () => {
    const datasets = governance.jsonLd.filter((n) => n['@type'] === 'Dataset');
    // In the order of the trend's `figures`: the chart it draws first, then the figure its prose cites.
    expect(datasets.map((d) => d.name)).toEqual([
      'Two in three respondents said their organization had to comply with multiple regulations',
      'Governance, security and auditability led the AI/ML concerns, named by more than half of respondents',
    ]);
    expect(datasets[0]).toMatchObject({
      distribution: [
        { encodingFormat: 'text/csv', contentUrl: 'https://trends.example.org/ml-trends-2021/figures/regulations.csv' },
        {
          encodingFormat: 'application/json',
          contentUrl: 'https://trends.example.org/ml-trends-2021/figures/regulations.json',
        },
      ],
      variableMeasured: [
        { name: 'Multiple regulations', value: 67, unitText: 'percent' },
        { name: 'Exactly one', value: 25 },
        { name: 'None', value: 8 },
      ],
    });
    expect((datasets[0]!.isBasedOn as { url: string }[])[0]!.url).toMatch(/^https:\/\//);
  });

  it("names a figure's own unit, not percent, for days, counts and money (round 12: means read as percentages)", () => {
    const share = series.figures.find((f) => f.id === 'regulations')!;
    const trend = { href: '/ml-trends-2021/governance/', data: series.trends[4]!.data, position: 5 };
    const as = (unit: Figure['unit'], extra: Partial<Figure> = {}) =>
      datasetNode({ origin, name: 'ML Trends' }, series, trend, { ...share, unit, ...extra });
    const measured = (n: JsonLdNode) => (n.variableMeasured as { unitText: string; description: string }[])[0];
    expect(measured(as('percent'))?.unitText).toBe('percent');
    expect(measured(as('percent'))?.description).toMatch(/^Share of /);
    expect(measured(as('days'))?.unitText).toBe('days');
    expect(measured(as('days'))?.description).toMatch(/^Number of days, /);
    expect(measured(as('count', { per: 'week' }))).toMatchObject({ unitText: 'count a week' });
    expect(measured(as('currency', { currency: 'EUR' }))).toMatchObject({ unitText: 'EUR' });
    expect(as('days').description).not.toContain('percentages');
    expect(as('percent').description).toContain('Values are percentages');
  });

  it('without a figure has no Dataset, and its image shows its summary', () => {
    const mlops = page('/ml-trends-2021/mlops/');
    expect(mlops.jsonLd.filter((n) => n['@type'] === 'Dataset')).toEqual([]);
    // As the image sets it: with typographic apostrophes.
    expect(mlops.image.alt).toContain(typeset(series.trends.find((t) => t.href.endsWith('/mlops/'))!.data.summary));
  });

  it('takes its modified date from `updated` when the trend has one', () => {
    const updated = new Date('2021-06-01T00:00:00Z');
    const trends = series.trends.map((t) =>
      t.href.endsWith('/governance/') ? { ...t, data: { ...t.data, updated } } : t,
    );
    const result = pageSocial({
      path: '/ml-trends-2021/governance/',
      site,
      origin,
      series: { ...series, trends },
      summaries: [summary],
    });
    expect(node(result.jsonLd, 'Article').dateModified).toBe('2021-06-01');
  });
});

describe('the other pages', () => {
  it('the series index is a website page with the series as a CreativeWorkSeries of its trends', () => {
    const index = page('/ml-trends-2021/');
    expect(index.type).toBe('website');
    expect(index.image.href).toBe('/ml-trends-2021/og.png');
    const work = node(index.jsonLd, 'CreativeWorkSeries');
    expect((work.hasPart as unknown[]).length).toBe(10);
  });

  it('the report page (no series content, on demand) has its own image and breadcrumbs', () => {
    const report = page('/ml-trends-2021/report/', false);
    expect(report.type).toBe('website');
    expect(report.image.href).toBe('/ml-trends-2021/report/og.png');
    expect(node(report.jsonLd, 'BreadcrumbList')).toBeDefined();
  });

  it('the home page is the WebSite, and a page of no type shows the home image without JSON-LD', () => {
    expect(node(page('/', false).jsonLd, 'WebSite')).toMatchObject({
      name: site.name,
      url: 'https://trends.example.org/',
    });
    const missing = page('/nowhere/', false);
    expect(missing).toMatchObject({ type: 'website', jsonLd: [] });
    expect(missing.image.href).toBe('/og.png');
  });
});

describe('lastModified (the sitemap lastmod)', () => {
  const trend = (published: string, extra: Partial<TrendData> = {}) =>
    ({ published: new Date(`${published}T00:00:00Z`), draft: false, ...extra }) as TrendData;

  it('dates a trend by its update, else its publication; the series, its sources and report pages and home by their newest trend', () => {
    const dates = lastModified(
      [
        {
          id: 's',
          trends: [
            { file: 'content/series/s/trends/01-one.mdx', data: trend('2021-01-05') },
            {
              file: 'content/series/s/trends/02-two.mdx',
              data: trend('2021-01-12', { updated: new Date('2021-04-01T00:00:00Z') }),
            },
            { file: 'content/series/s/trends/03-draft.mdx', data: trend('2021-02-01', { draft: true }) },
            { file: 'content/series/s/trends/04-later.mdx', data: trend('2021-06-02') },
          ],
        },
      ],
      new Date('2021-06-01T12:00:00Z'),
    );
    expect(Object.fromEntries(dates)).toEqual({
      '/s/one/': '2021-01-05',
      '/s/two/': '2021-04-01',
      '/s/': '2021-04-01',
      '/s/sources/': '2021-04-01',
      '/s/report/': '2021-04-01',
      '/': '2021-04-01',
    });
  });
});
