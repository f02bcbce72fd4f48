import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import SeriesIndex from '../../src/pages/[series]/index.astro';
import { getAllSeries, type Series } from '../../src/data/series.ts';

let container: AstroContainer;
let all: Series[];
beforeAll(async () => {
  container = await AstroContainer.create({ astroConfig: { site: 'https://example.org' } });
  all = await getAllSeries();
});

const render = (series: Series) =>
  container.renderToString(SeriesIndex, {
    props: { series },
    params: { series: series.id },
    request: new Request(`https://example.org${series.href}`),
  });

describe('the series index (review round 5: no lead chart)', () => {
  it('opens on its own lead chart (index.lead), under its own title, before the survey box and the trends', async () => {
    const series = all.find((s) => s.id === 'ml-trends-2021')!;
    const id = series.data.index!.lead.figure;
    // Round 6: not the home page's hero again.
    expect(id).not.toBe(series.data.home!.lead.figure);
    const html = await render(series);
    const chart = html.indexOf(`data-figure="${id}"`);
    expect(chart).toBeGreaterThan(-1);
    expect(chart).toBeLessThan(html.indexOf('class="survey"'));
    expect(chart).toBeLessThan(html.indexOf('class="trend-list"'));
    expect(html).not.toContain(`data-figure="${series.data.home!.lead.figure}"`);
    expect(html).toMatch(/<section class="lead-chart"[^>]*aria-label="Lead chart"/);
  });

  it('without index.lead, opens on the home page’s lead finding and its chart, as the home page draws it', async () => {
    const listed = all.find((s) => s.id === 'ml-trends-2021')!;
    const series = { ...listed, data: { ...listed.data, index: undefined } };
    const lead = series.data.home!.lead;
    const html = await render(series);
    const chart = html.indexOf(`data-figure="${lead.figure}"`);
    const list = html.indexOf('class="trend-list"');
    expect(chart).toBeGreaterThan(-1);
    expect(chart).toBeLessThan(list);
    // The claim above the chart, with its number from the dataset: "AI/ML budgets rose year on year for 83% …".
    expect(html.slice(0, chart)).toMatch(
      /<h2[^>]*id="lead-title"[^>]*>AI\/ML budgets rose year on year for 83% of respondents/,
    );
  });

  it('falls back, without a lead finding, to the first trend’s key chart under its own title', async () => {
    const series = all.find((s) => !s.data.home?.lead)!;
    expect(series).toBeDefined();
    const first = series.trends.find((t) => t.keyValue)!;
    const html = await render(series);
    const chart = html.indexOf(`data-figure="${first.keyValue!.figure.id}"`);
    expect(chart).toBeGreaterThan(-1);
    expect(chart).toBeLessThan(html.indexOf('class="trend-list"'));
    // No headline over it: the chart's title is the first trend's finding, and a headline would say it again.
    expect(html).toMatch(/<section class="lead-chart"[^>]*aria-label="Lead chart"/);
    expect(html).not.toContain('id="lead-title"');
  });
});

describe('the series index cards (issue 20 round 16: two card types, a number without its headline)', () => {
  it('gives every trend one card type: its number line, kept empty where it has none, then its headline as the link', async () => {
    for (const series of all) {
      const html = await render(series);
      const cards = [...html.matchAll(/<article class="trend-card[^"]*"[^>]*>([\s\S]*?)<\/article>/g)].map(
        (m) => m[1]!,
      );
      for (const trend of series.trends) {
        const card = cards.find((c) => c.includes(`href="${trend.href}"`));
        expect(card, trend.href).toBeDefined();
        const heading = (/<h2[^>]*>([\s\S]*?)<\/h2>/.exec(card!)?.[1] ?? '')
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim();
        expect(heading, trend.href).toBe(trend.data.title.replace(/&/g, '&amp;'));
        expect(card!.match(/<h2/g), trend.href).toHaveLength(1);
        // The number's row comes before the headline on every card: the number, or its slot kept empty.
        const number = card!.search(trend.keyValue ? /class="key-figure/ : /class="number-slot/);
        expect(number, trend.href).toBeGreaterThan(-1);
        expect(number, trend.href).toBeLessThan(card!.indexOf('<h2'));
      }
    }
  });
});

describe('the survey box (issue 20 round 9: “organizations with…” began lower case)', () => {
  it('starts every value with a capital or a digit', async () => {
    for (const series of all) {
      const box = /<aside class="survey"[^>]*>([\s\S]*?)<\/aside>/.exec(await render(series))?.[1] ?? '';
      const values = [...box.matchAll(/<dd[^>]*>([\s\S]*?)<\/dd>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, '').trim());
      expect(values.length, series.id).toBeGreaterThanOrEqual(3);
      for (const value of values) expect(value, series.id).toMatch(/^[\p{Lu}\d]/u);
    }
  });
});
