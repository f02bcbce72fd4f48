import { isLocalHost } from '../../src/lib/site-url.ts';
import { describe, expect, it } from 'vitest';
import { chartStyles, figureImageSvg, pngSize, wrapText } from '../../src/lib/figure-image.ts';
import type { SurveyCredit } from '../../src/lib/chart/summary.ts';
import { pairedFigure, stackedFigure } from './fixtures/figures.ts';

const SURVEY: SurveyCredit = {
  publisher: 'Algorithmia',
  title: '2021 enterprise trends in machine learning',
  respondents: 403,
};

/** The text of the image's small lines (source line and footer), joined as a reader reads them. */
const smallText = (svg: string) =>
  [...svg.matchAll(/class="mt-image-small">([^<]*)</g)].map((m) => m[1]!.replace(/&apos;/g, "'")).join(' ');

const BUILT_CSS = [
  ":root{color-scheme:light dark;--mt-color-text:light-dark(#1b1f24,#e8ecf0);--mt-color-chart-1:light-dark(#0072b2,#4fa3e0);--mt-font-body:'Source Sans 3 Variable',sans-serif}",
  '@media print{:root{--mt-color-text:#000}.mt-chart-fill-1{fill:#000}}',
  ':root[data-theme=dark]{color-scheme:dark}',
  '.mt-chart-fill-1{fill:var(--mt-color-chart-1)}.mt-chart-label,.mt-chart-value{fill:var(--mt-color-text)}',
  '.mt-number-value{font-family:var(--mt-font-heading);fill:var(--mt-color-missing, #123456)}',
  '.mt-figure{border:1px solid red}.mt-chart.is-interactive .mt-chart-svg{visibility:hidden}',
];

describe("the chart's CSS for an image", () => {
  const css = chartStyles(BUILT_CSS);

  it("keeps the chart's rules with the light theme's colours, not print's or dark's", () => {
    expect(css).toContain('.mt-chart-fill-1{fill:#0072b2}');
    expect(css).toContain('.mt-chart-label,.mt-chart-value{fill:#1b1f24}');
    expect(css).not.toContain('#000');
    expect(css).not.toContain('var(');
  });

  it('uses the fallback of an unknown token and the image fonts for the font tokens', () => {
    expect(css).toContain('fill: #123456');
    expect(css).toMatch(/font-family:'Source Serif 4'/);
  });

  it('leaves out rules for the page around the chart', () => {
    expect(css).not.toContain('.mt-figure{');
    expect(css).not.toContain('visibility');
  });
});

describe('a figure as an image', () => {
  const figure = pairedFigure();
  const { svg, width, height } = figureImageSvg({
    figure,
    survey: SURVEY,
    siteName: 'ML Trends',
    articleAddress: 'example.org/ml-trends-2021/investment/',
    style: chartStyles(BUILT_CSS),
  });

  it('carries the title, the chart, the source line and the site with the article address', () => {
    expect(svg).toContain(`<title>${figure.title}</title>`);
    expect(svg).toContain('class="mt-chart-svg"');
    expect(svg).not.toContain('width="100%"');
    expect(svg).toContain('Source: ');
    expect(svg).toMatch(/ML Trends<\/tspan> · example\.org\/ml-trends-2021\/investment\//);
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="800" height="\d+" viewBox="0 0 800 \d+"/,
    );
    expect(svg).toContain('font-family="&apos;Source Sans 3&apos;');
    expect(width).toBe(800);
    expect(pngSize(height)).toEqual({ width: 1200, height: Math.round(height * 1.5) });
  });

  it('names who ran the survey, the survey and its size, then who reported it, and not the base twice', () => {
    expect(smallText(svg)).toContain(
      'Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403), as reported by',
    );
    expect(smallText(svg)).not.toContain('Base:');
    expect(smallText(svg)).not.toMatch(/mirror|translation/);
  });

  it('names a mirrored source by its title and says it was read via a mirror, as the page does', () => {
    const mirrored = pairedFigure({
      source: {
        key: 'P-CDO',
        outlet: 'Trade press',
        title: 'Enterprises plan to spend more',
        via: 'mirror',
        confidence: 'PR',
      },
    });
    const text = smallText(
      figureImageSvg({ figure: mirrored, survey: SURVEY, siteName: 'S', articleAddress: 'x/', style: '' }).svg,
    );
    expect(text.replace(/\s+/g, ' ')).toContain(
      'as reported in “Enterprises plan to spend more” (trade press, read via a mirror).',
    );
  });
});

describe('wrapping a title', () => {
  it('breaks at spaces within the width and keeps every word', () => {
    const lines = wrapText('More organizations grew their AI/ML budgets, and by more', 20);
    expect(lines.every((line) => line.length <= 20)).toBe(true);
    expect(lines.join(' ')).toBe('More organizations grew their AI/ML budgets, and by more');
  });
});

describe('a stacked figure as an image', () => {
  const { svg } = figureImageSvg({
    figure: stackedFigure(),
    survey: SURVEY,
    siteName: 'ML Trends',
    articleAddress: 'example.org/ml-trends-2021/investment/',
    style: '',
  });

  it('labels every segment in place, as the page does, with no key line above the bar', () => {
    expect(svg).not.toContain('mt-chart-key');
    const chart = svg.slice(svg.indexOf('class="mt-chart-svg"'));
    for (const name of ['Increased', 'Stayed the same', 'Decreased']) expect(chart).toContain(name);
    expect(svg).toMatch(/class="mt-chart-segment mt-chart-derived mt-chart-derived-\w+"/);
  });
});

describe('the subtitle and source marks of an image', () => {
  const other = { key: 'P-CDO', title: 'Enterprises plan to spend more on AI in 2021', confidence: 'PR' } as const;
  const figure = pairedFigure({
    rows: [
      { label: 'Increased the AI/ML budget', value: 83, previous: 71 },
      { label: 'Increased it by more than 50%', value: 20, previous: 7, source: other },
    ],
  });
  const { svg } = figureImageSvg({ figure, survey: SURVEY, siteName: 'ML Trends', articleAddress: 'x/', style: '' });

  it('draws bars and paired charts in their wide layout, labels left of the bars', () => {
    expect(svg).toMatch(/class="mt-chart-label" text-anchor="end"[^>]*>Increased the AI\/ML budget</);
  });

  it('sets the title in the serif, as the page does, with no band across the top', () => {
    expect(svg).toMatch(/\.mt-image-title\{font-family:'Source Serif 4'/);
    expect(svg).not.toContain('mt-image-rule');
  });

  it('says under the title what is measured, as the page does', () => {
    expect(svg).toMatch(/class="mt-image-subtitle">Share of all respondents \(n = 403\);/);
    expect(svg.indexOf('mt-image-title"')).toBeLessThan(svg.indexOf('mt-image-subtitle"'));
  });

  it('marks the row from another source on the chart and names that source after its mark', () => {
    expect(svg).toContain('Increased it by more than 50%¹');
    expect(smallText(svg)).toContain(
      'Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403), as reported by Algorithmia blog: investments; ¹\u00a0Enterprises plan to spend more on AI in 2021.',
    );
  });

  it('credits a local build (no SITE_URL) by the site name alone, never a localhost address', () => {
    const { svg } = figureImageSvg({
      figure: pairedFigure(),
      survey: SURVEY,
      siteName: 'ML Trends',
      articleAddress: '',
      style: '',
    });
    const credit = [...svg.matchAll(/<text [^>]*class="mt-image-small">(.*?)<\/text>/g)]
      .map((m) => m[1]!.replace(/<[^>]+>/g, ''))
      .at(-1);
    expect(credit).toBe('ML Trends');
    for (const host of ['localhost:4321', '127.0.0.1:8080', '[::1]:4321', 'preview.localhost'])
      expect(isLocalHost(host), host).toBe(true);
    for (const host of ['mltrends.example', 'localhost.example.com', '10.0.0.5'])
      expect(isLocalHost(host), host).toBe(false);
  });

  it('says what "(derived)" means on an image whose chart marks a derived value', () => {
    const derived = smallText(
      figureImageSvg({ figure: stackedFigure(), survey: SURVEY, siteName: 'S', articleAddress: 'x/', style: '' }).svg,
    );
    expect(derived.replace(/\s+/g, ' ')).toContain(
      '“(derived)”: computed from the published shares, not published itself.',
    );
    const published = smallText(
      figureImageSvg({ figure: pairedFigure(), survey: SURVEY, siteName: 'S', articleAddress: 'x/', style: '' }).svg,
    );
    expect(published).not.toContain('(derived)');
  });
});
