import { describe, expect, it } from 'vitest';
import { cardKey } from '../../src/integrations/social-images/cache.ts';
import { cardSvg, drawCard } from '../../src/integrations/social-images/draw.ts';
import { cardAlt } from '../../src/lib/social-image/alt.ts';
import type { TrendCard } from '../../src/lib/social-image/card.ts';
import { CARD_COLOURS } from '../../src/lib/social-image/colours.ts';
import { MAX_ROWS } from '../../src/lib/social-image/chart.ts';
import { keyFigureOf, socialImagePath } from '../../src/lib/social-image/cards.ts';
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
