import { describe, expect, it } from 'vitest';
import { cardKey } from '../../src/integrations/social-images/cache.ts';
import { cardSvg, drawCard } from '../../src/integrations/social-images/draw.ts';
import { cardAlt } from '../../src/lib/social-image/alt.ts';
import type { TrendCard } from '../../src/lib/social-image/card.ts';
import { CARD_COLOURS } from '../../src/lib/social-image/colours.ts';
import { MAX_ROWS } from '../../src/lib/social-image/chart.ts';
import { keyFigureOf, repeatsHeadline, socialImagePath } from '../../src/lib/social-image/cards.ts';
import { cardElement, type Card } from '../../src/lib/social-image/card.ts';
import type { CardChild } from '../../src/lib/social-image/element.ts';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';
import { barsFigure, manyRows, numberFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';

const card = (overrides: Partial<TrendCard> = {}): TrendCard => ({
  kind: 'trend',
  series: '2021 enterprise trends in machine learning',
  position: 8,
  total: 10,
  title: 'Infrastructure leaders are the group most often setting ML priorities',
  summary: 'Asked who sets AI/ML priorities, respondents named infrastructure and operations leaders most often.',
  figure: barsFigure(),
  footer: 'ML Trends · Third annual edition',
  ...overrides,
});

/** Widths of the rects Satori drew in a fill colour (bars and legend swatches). */
function filled(svg: string, colour: string): number[] {
  return [...svg.matchAll(new RegExp(`<rect [^>]*width="([\\d.]+)"[^>]*fill="${colour}"`, 'g'))].map((m) =>
    Number(m[1]),
  );
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the social image of a trend', () => {
  it('is a 1200×630 PNG', async () => {
    expect(pngSize(await drawCard(card()))).toEqual({ width: 1200, height: 630 });
  });

  it('draws one bar per row of the key figure, each as long as its value', async () => {
    const bars = filled(await cardSvg(card()), CARD_COLOURS.fills[0]);
    expect(bars).toHaveLength(4);
    const values = [57, 39, 35, 31];
    bars.forEach((width, i) => expect(width / bars[0]!).toBeCloseTo(values[i]! / values[0]!, 2));
  });

  it('draws both editions of a paired figure, in two colours', async () => {
    const svg = await cardSvg(card({ figure: pairedFigure() }));
    // One bar per row, plus the legend's swatch.
    expect(filled(svg, CARD_COLOURS.fills[0])).toHaveLength(pairedFigure().rows.length + 1);
    expect(filled(svg, CARD_COLOURS.fills[1])).toHaveLength(pairedFigure().rows.length + 1);
  });

  it('draws a stacked figure as one bar of segments that fill the width', async () => {
    const figure = stackedFigure();
    const svg = await cardSvg(card({ figure }));
    const segments = figure.rows.map((_, i) => filled(svg, CARD_COLOURS.fills[i % 3]!)[0]!);
    const total = segments.reduce((a, b) => a + b, 0);
    figure.rows.forEach((row, i) => expect(segments[i]! / total).toBeCloseTo(row.value / 100, 2));
  });

  it(`shows at most ${MAX_ROWS} categories of a long figure`, async () => {
    const svg = await cardSvg(card({ figure: barsFigure({ multiSelect: true, rows: manyRows(9) }) }));
    expect(filled(svg, CARD_COLOURS.fills[0])).toHaveLength(MAX_ROWS);
  });

  it('shows a single value as a large number rather than a lone bar', async () => {
    const svg = await cardSvg(card({ figure: numberFigure() }));
    expect(filled(svg, CARD_COLOURS.fills[0])).toHaveLength(0);
    expect(svg).not.toBe(await cardSvg(card({ figure: undefined })));
    expect(cardAlt(card({ figure: numberFigure() }))).toContain('76% of respondents');
  });

  it('shows no chart for a trend without a figure', async () => {
    const svg = await cardSvg(card({ figure: undefined }));
    expect(filled(svg, CARD_COLOURS.fills[0])).toHaveLength(0);
  });

  it('says in its alternative text what it shows: position, title and the chart or the summary', () => {
    expect(cardAlt(card())).toMatch(
      /^Trend 8 of 10 in 2021 enterprise trends in machine learning: Infrastructure leaders/,
    );
    expect(cardAlt(card())).toContain('Infrastructure and operations leaders 57%');
    expect(cardAlt(card({ figure: undefined }))).toContain('respondents named infrastructure');
  });
});

describe('the key chart of a trend', () => {
  const figures = [barsFigure(), pairedFigure()];
  const trend = { figures: ['budget-growth', 'io-decision-makers'] } as Parameters<typeof keyFigureOf>[0];

  it('is its key figure where it names one, else its first figure, else none', () => {
    const keyed = { ...trend, keyFigure: { figure: 'io-decision-makers', label: 'CTOs' } };
    expect(keyFigureOf(keyed, figures)?.id).toBe('io-decision-makers');
    expect(keyFigureOf(trend, figures)?.id).toBe('budget-growth');
    expect(keyFigureOf({ ...trend, figures: [] }, figures)).toBeUndefined();
  });
});

describe('the social image cache key', () => {
  it('stays the same for the same card and changes with a value, the title or the position', () => {
    const key = cardKey(card());
    expect(cardKey(card())).toBe(key);
    const changed = barsFigure({ rows: [{ label: 'CTOs', value: 40 }] });
    expect(cardKey(card({ figure: changed }))).not.toBe(key);
    expect(cardKey(card({ title: 'Another title' }))).not.toBe(key);
    expect(cardKey(card({ position: 7 }))).not.toBe(key);
  });
});

describe('socialImagePath', () => {
  it('puts the image beside the page', () => {
    expect(socialImagePath('/')).toBe('/og.png');
    expect(socialImagePath('/s/t/')).toBe('/s/t/og.png');
    expect(socialImagePath('/s/report')).toBe('/s/report/og.png');
  });
});

/** Every text a card lays out, in order: what Satori turns into glyphs (its SVG has the text as paths). */
function cardTexts(card: Card): string[] {
  const walk = (node: CardChild | CardChild[] | undefined): string[] => {
    if (node === undefined) return [];
    if (typeof node === 'string') return [node];
    if (Array.isArray(node)) return node.flatMap(walk);
    return walk(node.props.children);
  };
  return walk(cardElement(card));
}

describe('the social images of the real series (issue 20, point 15)', () => {
  const cards = siteCards(process.cwd());
  const trends = cards.flatMap(({ path, card }) => (card.kind === 'trend' && card.figure ? [{ path, card }] : []));

  it('puts the chart’s base and source line under every trend chart, as laid out on the image', () => {
    expect(trends.length).toBeGreaterThan(0);
    for (const { path, card } of trends) {
      const texts = cardTexts(card).join(' | ');
      expect(texts, path).toContain('survey of 403; base not published');
      expect(texts, path).toMatch(
        /Source: Algorithmia, 2021 enterprise trends in machine learning \(survey of 403\), as reported (by|in) /,
      );
      expect(cardAlt(card), path).toContain('survey of 403; base not published');
    }
  });

  it('never repeats the headline in the chart’s title', () => {
    for (const { path, card } of trends) {
      const texts = cardTexts(card);
      expect(
        texts.filter((t) => t === card.title),
        path,
      ).toHaveLength(1);
      if (card.kind !== 'trend' || !card.figure) continue;
      const chartTitle = texts.includes(card.figure.title);
      // Shown only where it adds words of its own to the headline.
      expect(chartTitle, path).toBe(!repeatsHeadline(card.title, card.figure.title));
    }
  });

  it('says under the headline numbers of the series, report and home images who reported them, and their base', () => {
    const overview = cards.filter(({ card }) => card.kind === 'overview' && card.numbers.length > 0);
    expect(overview.length).toBeGreaterThan(0);
    for (const { path, card } of overview) {
      const texts = cardTexts(card).join(' | ');
      expect(texts, path).toMatch(/Source: Algorithmia, 2021 enterprise trends in machine learning, as reported by /);
      expect(texts, path).toContain('Survey of 403; base not published.');
    }
  });
});

describe('repeatsHeadline', () => {
  it('finds a chart title that says the headline again, plurals and filler words aside', () => {
    expect(
      repeatsHeadline(
        'Two in five enterprises already run more than 50 machine learning models in production',
        'Two in five run more than 50 models in production',
      ),
    ).toBe(true);
    expect(
      repeatsHeadline(
        'Infrastructure and operations leaders help set ML priorities at more than half of enterprises',
        'Infrastructure and operations leaders set AI/ML priorities most often',
      ),
    ).toBe(true);
  });

  it('lets a chart title that adds its own words stand', () => {
    expect(
      repeatsHeadline(
        'Early adopters set the pace on models in production',
        'Two in five run more than 50 models in production',
      ),
    ).toBe(false);
    expect(
      repeatsHeadline('The report ties third-party MLOps tools to better results', 'AI/ML moved up the list'),
    ).toBe(false);
  });
});
