import { describe, expect, it } from 'vitest';
import { chartKinds } from '../../src/lib/chart/kinds/index.ts';
import { chartLayout } from '../../src/lib/chart/layout.ts';
import { CHART, escapeXml, WIDE } from '../../src/lib/chart/shared.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { figureTable } from '../../src/lib/chart/describe.ts';
import { intervalColumns } from '../../src/lib/chart/interval.ts';
import { barsFigure, manyRows, nestedFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';

/** The bars of a chart: filled rects as tall as a bar, with a width in percent (legend swatches are in px). */
function barRects(svg: string, thickness: number): { x: string; width: string; y: number }[] {
  return [
    ...svg.matchAll(
      /<rect class="mt-chart-(?:fill-[\w]+|derived[^"]*)"(?: fill="[^"]+")? x="([^"]+)" y="([^"]+)" width="([^"]+)" height="(\d+)" \/>/g,
    ),
  ]
    .filter((m) => Number(m[4]) === thickness && m[3]!.endsWith('%'))
    .map((m) => ({ x: m[1]!, y: Number(m[2]), width: m[3]! }));
}

function texts(svg: string, className: string): string[] {
  return [...svg.matchAll(new RegExp(`<text [^>]*class="${className}"[^>]*>([^<]*)</text>`, 'g'))].map((m) => m[1]!);
}

/** The segments of a stacked or nested bar: class, x and width. */
function segments(svg: string): { cls: string; x: string; width: string }[] {
  return [...svg.matchAll(/<rect class="mt-chart-segment ([^"]+)" x="([^"]+)" y="[^"]+" width="([^"]+)"/g)].map(
    (m) => ({
      cls: m[1]!,
      x: m[2]!,
      width: m[3]!,
    }),
  );
}

/** The lines of each label written inside a segment. */
function insideLabels(svg: string): string[][] {
  return [...svg.matchAll(/<text class="mt-chart-inside[^"]*"[^>]*>(.*?)<\/text>/g)].map((m) =>
    [...m[1]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]!),
  );
}

/** The labels written under a bar (segments too small to hold theirs). */
function belowLabels(svg: string): string[] {
  // A label's lines (tspans) read as one.
  return [...svg.matchAll(/<text class="mt-chart-value mt-chart-segment-label"[^>]*>(.*?)<\/text>/g)].map((m) =>
    [...m[1]!.matchAll(/<tspan [^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]).join(' '),
  );
}

describe('figureToSvg: bar charts', () => {
  it('draws one bar per row, as wide as its value', () => {
    const figure = barsFigure();
    const bars = barRects(figureToSvg(figure), chartKinds.bars.barThickness);
    expect(bars.map((b) => b.width)).toEqual(['57%', '39%', '35%', '31%']);
  });

  it('draws the finding (the first row) in the series blue and the other bars muted grey, as a stacked bar does', () => {
    const svg = figureToSvg(barsFigure());
    const fills = [...svg.matchAll(/<rect class="mt-chart-fill-(\w+)" x="[^"]+" y="[^"]+" width="(\d+)%"/g)].map(
      (m) => `${m[2]}% ${m[1]}`,
    );
    expect(fills).toEqual(['57% 1', '39% mid', '35% mid', '31% mid']);
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

  it('hatches a derived value instead of marking it with an asterisk, and says why in the key', () => {
    const figure = barsFigure({
      rows: [
        { label: 'Published', value: 40 },
        { label: 'Computed', value: 60, derived: true },
      ],
      note: 'Computed is 100% minus the published share.',
    });
    const svg = figureToSvg(figure);
    expect(texts(svg, 'mt-chart-value')).toEqual(['40%', '60%']);
    expect(svg).not.toContain('*');
    // The derived row is not the finding (the first row): hatched in the muted grey, outlined in it.
    expect(svg).toMatch(/<pattern id="mt-hatch-io-decision-makers-mid" [^>]*patternTransform="rotate\(45\)">/);
    const computed =
      /<rect class="mt-chart-derived mt-chart-stroke-mid" fill="url\(#mt-hatch-io-decision-makers-mid\)" x="0" y="[\d.]+" width="60%"/;
    expect(svg).toMatch(computed);
    expect(texts(svg, 'mt-chart-key')).toContain('Hatched: derived from published');
  });

  it('draws a thin 95% interval mark on each bar where n is known, with its key, and none where it is not', () => {
    const svg = figureToSvg(barsFigure());
    const marks = [
      ...svg.matchAll(
        /<g class="mt-chart-interval-mark"><line class="mt-chart-interval" x1="([\d.]+)%" x2="([\d.]+)%"/g,
      ),
    ];
    expect(marks.map((m) => [Number(m[1]).toFixed(1), Number(m[2]).toFixed(1)])).toEqual([
      ['52.1', '61.7'],
      ['34.4', '43.8'],
      ['30.5', '39.8'],
      ['26.7', '35.7'],
    ]);
    expect(texts(svg, 'mt-chart-key')).toEqual(['95% interval (n = 403)']);
    // The value is written after the interval mark, not over it.
    expect(svg).toMatch(/<text x="61\.\d+%" y="[\d.]+" class="mt-chart-value"[^>]*>57%<\/text>/);
    const unknown = figureToSvg(barsFigure({ n: null }));
    expect(unknown).not.toContain('mt-chart-interval');
    expect(unknown).not.toContain('mt-chart-key');
  });

  it('writes each category label above its bar', () => {
    expect(texts(figureToSvg(barsFigure()), 'mt-chart-label')).toEqual([
      'Infrastructure and',
      'operations leaders',
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
    const lines = [...svg.matchAll(/<text x="0" y="([\d.]+)" class="mt-chart-label">([^<]*)<\/text>/g)];
    expect(lines.map((m) => m[2])).toEqual([
      'Integration and compatibility',
      'of ML technologies, languages',
      'and frameworks',
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

describe('figureToSvg: the wide variant of bars and paired charts', () => {
  it('puts each label on one line in a column left of the bars, right-aligned, centred on its bar', () => {
    const svg = figureToSvg(barsFigure(), { wide: true });
    const labels = [
      ...svg.matchAll(/<text x="([^"]+)" y="([\d.]+)" class="mt-chart-label" text-anchor="end"[^>]*>([^<]*)<\/text>/g),
    ];
    expect(labels.map((m) => m[3])).toEqual([
      'Infrastructure and operations leaders',
      'CTOs',
      'CIOs',
      'Heads of data science',
    ]);
    expect(new Set(labels.map((m) => m[1]))).toEqual(new Set([`${WIDE.labelEnd}%`]));
    expect(svg).toContain(`<svg x="${WIDE.plotX}%" y="0" width="${WIDE.plotWidth}%"`);
    const bars = barRects(svg, chartKinds.bars.barThickness);
    labels.forEach((m, i) => expect(Number(m[2])).toBe(bars[i]!.y + chartKinds.bars.barThickness / 2));
  });

  it('is shorter than the narrow layout, where labels take a line of their own above the bars', () => {
    for (const figure of [barsFigure(), pairedFigure()]) {
      const layout = chartLayout(figure);
      expect(layout.wide!.height).toBeLessThan(layout.height);
    }
    // A stacked bar's wide variant fits its labels in place on fewer lines ("Stayed the same" on one).
    const stacked = chartLayout(stackedFigure());
    expect(stacked.wide!.height).toBeLessThan(stacked.height);
    expect(insideLabels(figureToSvg(stackedFigure(), { wide: true }))).toEqual([
      ['Increased', '64%'],
      ['Stayed the same', '30% (derived)'],
    ]);
  });
});

describe('figureToSvg: paired and stacked charts', () => {
  it('draws two bars per row for a paired chart, current edition first', () => {
    const bars = barRects(figureToSvg(pairedFigure()), chartKinds.paired.barThickness);
    expect(bars.map((b) => b.width)).toEqual(['83%', '71%', '20%', '7%']);
    expect(bars[1]!.y - bars[0]!.y).toBe(chartKinds.paired.barThickness + 2);
  });

  it('draws the current edition in the series colour and the previous one in neutral grey', () => {
    const svg = figureToSvg(pairedFigure());
    const fills = [...svg.matchAll(/<rect class="(mt-chart-fill-[\w]+)" x="0"/g)].map((m) => m[1]);
    expect(fills).toEqual(['mt-chart-fill-1', 'mt-chart-fill-neutral', 'mt-chart-fill-1', 'mt-chart-fill-neutral']);
  });

  it('names the two editions directly on the first pair of bars, with no legend', () => {
    const svg = figureToSvg(pairedFigure());
    expect(texts(svg, 'mt-chart-inside mt-chart-on-fill')).toEqual(['2021 edition']);
    expect(texts(svg, 'mt-chart-inside mt-chart-on-neutral')).toEqual(['2020 edition']);
    expect(svg).not.toMatch(/Upper bar|Lower bar/);
    // No legend swatch: the only key entry is the interval mark's.
    expect(svg).not.toMatch(/width="14" height="14"/);
  });

  it('places each stacked segment where the previous one ends, across the full width', () => {
    const svg = figureToSvg(stackedFigure());
    expect(segments(svg).map((r) => [r.x, r.width])).toEqual([
      ['0%', '64%'],
      ['64%', '30%'],
      ['94%', '6%'],
    ]);
  });

  it('colours the first segment in the series blue and the others neutral grey (no "negative" colour)', () => {
    expect(segments(figureToSvg(stackedFigure())).map((r) => r.cls)).toEqual([
      'mt-chart-fill-first',
      'mt-chart-derived mt-chart-derived-hatched',
      'mt-chart-fill-mid',
    ]);
  });

  it('labels each segment in place, name above value, and the small end segment under the bar', () => {
    const svg = figureToSvg(stackedFigure());
    expect(insideLabels(svg)).toEqual([['Increased', '64%']]);
    // A derived segment always says so: where "30% (derived)" does not fit inside at 320 px, under the bar.
    expect(belowLabels(svg)).toEqual(['Stayed the same 30% (derived)', 'Decreased 6%']);
    // Under the bar, ending where the bar ends.
    expect(svg).toMatch(
      /text-anchor="end"><tspan class="mt-chart-below-line" x="100%" dx="-2" y="[\d.]+">Decreased 6%</,
    );
  });

  it('draws no key line and no axis under a 100% bar', () => {
    const svg = figureToSvg(stackedFigure());
    expect(texts(svg, 'mt-chart-key')).toEqual([]);
    expect(svg).not.toContain('mt-chart-tick');
    expect(svg).not.toContain('mt-chart-grid');
    expect(svg).not.toContain('derived: 100');
  });

  it('draws a derived segment hatched, as every chart marks a derived value, with no tint and no asterisk', () => {
    // Round 14: a tint with a dashed outline here, hatching on bars and nested bars: one mark now.
    const svg = figureToSvg(stackedFigure());
    expect(svg).toMatch(/<pattern id="mt-hatch-[^"]+-stacked-\d+"/);
    expect(svg).toMatch(/class="mt-chart-segment mt-chart-derived mt-chart-derived-hatched"[^>]*fill="url\(#mt-hatch-/);
    expect(svg).not.toMatch(/mt-chart-derived-(?:first|mid)/);
    expect(svg).not.toContain('*');
  });
});

describe('figureToSvg: nested charts', () => {
  it('draws the answers as one labelled stacked bar, the derived parts computed, hatched or tinted', () => {
    const svg = figureToSvg(nestedFigure());
    expect(segments(svg)).toEqual([
      { cls: 'mt-chart-fill-first', x: '0%', width: '27%' },
      // The derived part of the outer answer in neutral hatching (round 13: as a tint of the series colour
      // with a bold label it outweighed the published share beside it).
      { cls: 'mt-chart-derived mt-chart-derived-hatched', x: '27%', width: '49%' },
      // Round 16: the rest, outside both answers, dotted: not the hatching of the part inside an answer.
      { cls: 'mt-chart-derived mt-chart-derived-dotted', x: '76%', width: '24%' },
    ]);
    const fills = [...svg.matchAll(/class="mt-chart-segment mt-chart-derived [^"]+"[^>]*fill="url\(#([^)]+)\)"/g)];
    expect(fills.map((m) => m[1])).toHaveLength(2);
    expect(new Set(fills.map((m) => m[1])).size, 'two derived parts, two patterns').toBe(2);
    expect(svg).toMatch(/<pattern id="[^"]+-dots"[^>]*>.*?<circle class="mt-chart-hatch-neutral"/);
    expect(insideLabels(svg)).toEqual([
      ['Increased', '27%'],
      ['Not increased', '49% (derived)'],
    ]);
    expect(belowLabels(svg)).toEqual(['Other answers 24% (derived)']);
    // The data keep the published rows: 76 and 27, nothing derived stored.
    expect(nestedFigure().rows.map((r) => [r.value, r.derived])).toEqual([
      [76, false],
      [27, false],
    ]);
  });

  it("names a part by its row's segment, and lists the derived parts in the data table", () => {
    const figure = nestedFigure({
      rows: [
        { label: 'Did not reduce their AI/ML team', value: 76, segment: 'Kept the same size' },
        { label: 'Increased their AI/ML team', value: 27 },
      ],
    });
    expect(insideLabels(figureToSvg(figure))).toEqual([
      ['Increased', '27%'],
      ['Kept the', 'same size', '49% (derived)'],
    ]);
    expect(figureTable(figure).rows.map((r) => [r.label, r.cells[0], r.derived])).toEqual([
      ['Did not reduce their AI/ML team', '76%', false],
      ['Increased their AI/ML team', '27%', false],
      ['Kept the same size', '49%', true],
      ['Other answers', '24%', true],
    ]);
    // With a known base every line of the table, derived ones too, gets its interval.
    expect(intervalColumns(nestedFigure({ n: 403 }))[0]!.cells).toHaveLength(4);
  });

  it('rejects a segment name on a figure that is not nested', () => {
    expect(() => barsFigure({ rows: [{ label: 'A', value: 5, segment: 'Part' }] })).toThrow(/segment/);
    expect(() => barsFigure({ otherSegment: 'Rest' })).toThrow(/otherSegment/);
  });

  it("names the part outside every answer by the figure's otherSegment", () => {
    const svg = figureToSvg(nestedFigure({ otherSegment: 'Reduced, or another answer' }));
    // On a 320 px screen it does not fit one line: the name over its value, both under its own part.
    expect([...svg.matchAll(/class="mt-chart-below-line"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual([
      'Reduced, or another answer',
      '24% (derived)',
    ]);
    expect(belowLabels(svg)).toEqual(['Reduced, or another answer 24% (derived)']);
  });

  it('draws one bracket over the first two segments, naming the outer answer', () => {
    const svg = figureToSvg(nestedFigure());
    const labels = [...svg.matchAll(/<text [^>]*class="mt-chart-label[^"]*"[^>]*>(.*?)<\/text>/g)].map((m) =>
      m[1]!.replace(/<[^>]+>/g, ''),
    );
    expect(labels).toEqual(['76% did not reduce', 'their AI/ML team']);
    const brackets = [...svg.matchAll(/<line class="mt-chart-bracket" x1="([\d.]+%?)" x2="([\d.]+%?)"/g)]
      .filter((m) => m[1] !== m[2])
      .map((m) => `${m[1]}–${m[2]}`);
    expect(brackets).toEqual(['0–76%']);
    expect(svg).not.toContain('mt-chart-key');
    expect(svg).not.toContain('mt-chart-tick');
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

describe('the unit on a value axis other than percent', () => {
  const demo = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024').figures;
  it.each(['onboarding-days', 'onboarding-median'])('%s: the last tick says "days", the others are bare', (id) => {
    const figure = demo.find((f) => f.id === id)!;
    const svg = figureToSvg(figure);
    // Each variant (narrow and wide) draws its own axis: every one ends in the unit.
    const ticks = texts(svg, 'mt-chart-tick');
    const ends = ticks.filter((t) => / days$/.test(t));
    expect(ends.length).toBeGreaterThan(0);
    expect(ticks.filter((t) => !/^\d+$/.test(t))).toEqual(ends);
    for (const end of ends) expect(end).toMatch(/^\d+ days$/);
    expect(svg).toMatch(/text-anchor="end"[^>]*>\d+ days</);
  });

  it('a count axis ticks at whole numbers, its period named once, at the last tick; its bars bare', () => {
    const figure = demo.find((f) => f.id === 'deploys-by-platform')!;
    const ticks = texts(figureToSvg(figure), 'mt-chart-tick');
    // Whole numbers (0, 5, 10, 15), never 2.5 or 12.5; the last names the period: "15 a week".
    expect(ticks.slice(0, -1).every((t) => /^\d+$/.test(t))).toBe(true);
    expect(ticks.at(-1)).toMatch(/^\d+ a week$/);
    // The values at the bars' ends are bare ("9.1"): "a week" is said once, not on every bar (review round 10).
    const values = texts(figureToSvg(figure), 'mt-chart-value');
    expect(values.length).toBeGreaterThan(3);
    expect(values.every((t) => /^\d+\.\d$/.test(t))).toBe(true);
    // Evenly spaced: the last tick is the step after the one before it.
    const at = ticks.map((t) => Number.parseFloat(t));
    expect(at.at(-1)! - at.at(-2)!).toBeCloseTo(at[1]! - at[0]!, 6);
  });

  it('a share axis is unchanged: its ticks carry % already', () => {
    expect(texts(figureToSvg(barsFigure()), 'mt-chart-tick')).toEqual(['0%', '25%', '50%', '75%', '100%']);
  });
});
