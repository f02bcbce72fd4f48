import { describe, expect, it } from 'vitest';
import { chartKinds } from '../../src/lib/chart/kinds/index.ts';
import { chartLayout } from '../../src/lib/chart/layout.ts';
import { CHART, escapeXml } from '../../src/lib/chart/shared.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { barsFigure, manyRows, pairedFigure, stackedFigure } from './fixtures/figures.ts';

/** The bars of a chart: filled rects as tall as a bar, with a width in percent (legend swatches are in px). */
function barRects(svg: string, thickness: number): { x: string; width: string; y: number }[] {
  return [...svg.matchAll(/<rect class="mt-chart-fill-\d" x="([^"]+)" y="([^"]+)" width="([^"]+)" height="(\d+)" \/>/g)]
    .filter((m) => Number(m[4]) === thickness && m[3]!.endsWith('%'))
    .map((m) => ({ x: m[1]!, y: Number(m[2]), width: m[3]! }));
}

function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text [^>]*class="${className}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]!);
}

describe('figureToSvg: bar charts', () => {
  it('draws one bar per row, as wide as its value', () => {
    const figure = barsFigure();
    const bars = barRects(figureToSvg(figure), chartKinds.bars.barThickness);
    expect(bars.map((b) => b.width)).toEqual(['57%', '39%', '35%', '31%']);
  });

  it('draws 0% and 100% bars from nothing to the full bar area', () => {
    const figure = barsFigure({
      rows: [
        { label: 'Everyone', value: 100 },
        { label: 'No one', value: 0 },
      ],
    });
    const bars = barRects(figureToSvg(figure), chartKinds.bars.barThickness);
    expect(bars.map((b) => b.width)).toEqual(['100%', '0%']);
  });

  it('writes each value at the end of its bar', () => {
    expect(texts(figureToSvg(barsFigure()), 'mt-chart-value')).toEqual(['57%', '39%', '35%', '31%']);
  });

  it('marks a derived value with an asterisk', () => {
    const figure = barsFigure({
      rows: [
        { label: 'Published', value: 40 },
        { label: 'Computed', value: 60, derived: true },
      ],
      note: 'Computed is 100% minus the published share.',
    });
    expect(texts(figureToSvg(figure), 'mt-chart-value')).toEqual(['40%', '60%*']);
  });

  it('writes each category label above its bar', () => {
    expect(texts(figureToSvg(barsFigure()), 'mt-chart-label')).toEqual([
      'Infrastructure and operations leaders',
      'CTOs',
      'CIOs',
      'Heads of data science',
    ]);
  });

  it('escapes &, <, > and quotes in labels so the SVG stays well-formed', () => {
    const svg = figureToSvg(barsFigure({ rows: [{ label: 'R&D <core> "team"', value: 20 }] }));
    expect(texts(svg, 'mt-chart-label')).toEqual(['R&amp;D &lt;core&gt; &quot;team&quot;']);
    expect(svg).not.toContain('R&D');
    expect(escapeXml(`Tom's`)).toBe('Tom&apos;s');
  });

  it('splits a long label into several text lines, top to bottom', () => {
    const svg = figureToSvg(
      barsFigure({
        rows: [{ label: 'Integration and compatibility of ML technologies, languages and frameworks', value: 49 }],
      }),
    );
    const lines = [...svg.matchAll(/<text x="0" y="(\d+)" class="mt-chart-label">([^<]*)<\/text>/g)];
    expect(lines.map((m) => m[2])).toEqual([
      'Integration and compatibility of ML',
      'technologies, languages and frameworks',
    ]);
    expect(Number(lines[1]![1]) - Number(lines[0]![1])).toBe(CHART.lineHeight);
  });

  it('sizes the SVG to the shared layout height, however many rows', () => {
    for (const figure of [barsFigure({ rows: manyRows(12) }), pairedFigure(), stackedFigure()]) {
      expect(figureToSvg(figure)).toMatch(new RegExp(`^<svg [^>]*height="${chartLayout(figure).height}"`));
    }
  });

  it('keeps every bar of a long chart inside the box', () => {
    const figure = barsFigure({ rows: manyRows(12) });
    const { height, barThickness } = chartLayout(figure);
    const bars = barRects(figureToSvg(figure), barThickness);
    expect(bars).toHaveLength(12);
    expect(Math.max(...bars.map((b) => b.y)) + barThickness).toBeLessThanOrEqual(height - CHART.axisHeight);
  });

  it('draws the axis ticks 0% to 100%', () => {
    expect(texts(figureToSvg(barsFigure()), 'mt-chart-tick')).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });
});

describe('figureToSvg: paired and stacked charts', () => {
  it('draws two bars per row for a paired chart, current edition first', () => {
    const bars = barRects(figureToSvg(pairedFigure()), chartKinds.paired.barThickness);
    expect(bars.map((b) => b.width)).toEqual(['83%', '71%', '20%', '7%']);
    expect(bars[1]!.y - bars[0]!.y).toBe(chartKinds.paired.barThickness);
  });

  it('names the two editions in the legend of a paired chart', () => {
    expect(texts(figureToSvg(pairedFigure()), 'mt-chart-legend')).toEqual([
      'Upper bar: 2021 edition',
      'Lower bar: 2020 edition',
    ]);
  });

  it('places each stacked segment where the previous one ends', () => {
    const bars = barRects(figureToSvg(stackedFigure()), chartKinds.stacked.barThickness);
    expect(bars).toEqual([
      { x: '0%', y: CHART.labelGap, width: '64%' },
      { x: '64%', y: CHART.labelGap, width: '30%' },
      { x: '94%', y: CHART.labelGap, width: '6%' },
    ]);
  });

  it('writes values inside segments wide enough to hold them, and all of them in the legend', () => {
    const svg = figureToSvg(stackedFigure());
    expect(texts(svg, 'mt-chart-on-fill')).toEqual(['64%', '30%']);
    expect(texts(svg, 'mt-chart-legend')).toEqual([
      'Increased: 64%',
      'Stayed the same: 30% (derived)',
      'Decreased: 6%',
    ]);
  });
});

describe('figureToSvg: accessibility', () => {
  it('is an image named by the element it is told about', () => {
    const svg = figureToSvg(barsFigure(), { labelledBy: 'fig-io-summary' });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="fig-io-summary"/);
  });

  it('has no aria-labelledby when no element is given', () => {
    expect(figureToSvg(barsFigure())).not.toContain('aria-labelledby');
  });
});
