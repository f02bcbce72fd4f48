import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { chartKind } from '../../src/lib/chart/kinds/index.ts';
import { figureTable } from '../../src/lib/chart/describe.ts';
import { MIN_BAR_WIDTH } from '../../src/lib/chart/kinds/segments.ts';

/**
 * A scale question's answers (the demo's satisfaction, 1 to 5) drawn as one diverging stacked bar around the
 * middle answer, as Pew and The Economist draw Likert results: the bottom-two and top-two sums written on the
 * chart, not only in a key (review: five bars from zero, "23%" and "42%" only in the legend).
 */
const series = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
const scale = series.figures.find((f) => f.id === 'satisfaction-scale')!;
const values = scale.rows.map((r) => r.value);
const sum = (from: number, to: number) => Math.round(values.slice(from, to).reduce((a, b) => a + b, 0));

const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
const textY = (svg: string, text: string) =>
  Number(new RegExp(`<text[^>]* y="([\\d.]+)"[^>]*>${text}</text>`).exec(svg)?.[1]);

describe('a scale figure', () => {
  it('is drawn as one bar of five parts, in the scale’s order, with no axis from zero', () => {
    const svg = figureToSvg(scale);
    const parts = [
      ...svg.matchAll(/<rect class="mt-chart-segment[^"]*" x="([\d.]+)%" y="([\d.]+)" width="([\d.]+)%"/g),
    ];
    expect(parts).toHaveLength(5);
    expect(new Set(parts.map((p) => p[2])).size).toBe(1);
    parts.forEach((p, i) => expect(Number(p[3])).toBeCloseTo(values[i]!, 3));
    expect(svg).not.toContain('mt-chart-grid');
  });

  it('writes the bottom-two and top-two sums on the chart, and needs no key for them', () => {
    const svg = figureToSvg(scale);
    const low = `Dissatisfied or very dissatisfied: ${sum(0, 2)}%`;
    const high = `Satisfied or very satisfied: ${sum(3, 5)}%`;
    expect(texts(svg)).toEqual(expect.arrayContaining([low, high]));
    expect(chartKind('bars').layout(scale).key).toEqual([]);
    // On a phone the two sums take a line each; from 600 px they share one.
    expect(textY(svg, low)).toBeLessThan(textY(svg, high));
    const wide = figureToSvg(scale, { wide: true });
    expect(textY(wide, low)).toBe(textY(wide, high));
  });

  it('keeps every label under the bar inside the chart on a 320 px screen (review: “Neither…” ran off the left)', () => {
    const svg = figureToSvg(scale);
    const below = [
      ...svg.matchAll(
        /<text class="mt-chart-value mt-chart-segment-label" x="([\d.]+)%"[^>]* text-anchor="(start|end)"><tspan [^>]*>([^<]*)</g,
      ),
    ];
    expect(below.length).toBeGreaterThan(0);
    for (const [, x, anchor, text] of below) {
      // 6.5 px a character of 13 px text, on the 244 px bar of a 320 px screen.
      const width = (text!.length * 6.5 * 100) / MIN_BAR_WIDTH;
      if (anchor === 'end') expect(Number(x), text).toBeGreaterThanOrEqual(width - 0.01);
      // A label as long as the bar (by this generous estimate) starts at the bar's left end.
      else expect(Number(x) + Math.min(width, 100), text).toBeLessThanOrEqual(100.01);
    }
    // Each answer's share written as the figure writes it: whole percent, as the sums.
    expect(svg).toContain('Dissatisfied 20%');
  });

  it('draws no mark it does not explain: only the answers and the brackets of the two sums', () => {
    // Round 9: a black tick through the middle answer, named nowhere, read as a stray mark.
    const svg = figureToSvg(scale);
    expect(svg).not.toContain('mt-chart-centre');
    const lines = [...svg.matchAll(/<line class="([^"]+)"/g)].map((m) => m[1]);
    // Every line is a sum's bracket or a label's leader (both drawn as brackets).
    expect(new Set(lines)).toEqual(new Set(['mt-chart-bracket']));
  });

  it('names every answer with its share, and keeps every interval in its table and summary', () => {
    const svg = figureToSvg(scale);
    for (const row of scale.rows) expect(svg).toContain(row.label.split(' ')[0]);
    expect(figureTable(scale).rows.map((r) => r.label)).toEqual(scale.rows.map((r) => r.label));
    expect(chartKind('bars').summary(scale)).toMatch(/^Diverging bar of .*: Very dissatisfied 3%.*; .*23%.*42%/);
  });
});

describe('labels under a diverging bar', () => {
  /**
   * Each label under the bar with its tick: the label's box (its lines, 6.5 px a character, 13 px text over its
   * baseline) and the tick's line, in px, from the SVG as drawn at `width` px.
   */
  function belowBoxes(svg: string, width: number) {
    const pair =
      /<line class="mt-chart-bracket" x1="([\d.]+)%" x2="[\d.]+%" y1="([\d.]+)" y2="([\d.]+)" \/><text class="mt-chart-value mt-chart-segment-label" x="([\d.]+)%" y="[\d.]+" text-anchor="(start|end)">(.*?)<\/text>/g;
    return [...svg.matchAll(pair)].map((m) => {
      const lines = [...m[6]!.matchAll(/<tspan[^>]* y="([\d.]+)">([^<]*)<\/tspan>/g)].map((t) => ({
        y: Number(t[1]),
        text: t[2]!,
      }));
      const w = Math.max(...lines.map((l) => l.text.length)) * 6.5;
      const x = (Number(m[4]) / 100) * width;
      return {
        text: lines.map((l) => l.text).join(' '),
        tick: { x: (Number(m[1]) / 100) * width, top: Number(m[2]), bottom: Number(m[3]) },
        box: {
          left: m[5] === 'end' ? x - w : x,
          right: m[5] === 'end' ? x : x + w,
          top: lines[0]!.y - 12,
          bottom: lines.at(-1)!.y + 3,
        },
      };
    });
  }

  it('runs no tick through another label, on a phone and wide (round 11: "Dissatisfied" struck "Very dissatisfied 3%")', () => {
    const figure = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024').figures.find(
      (f) => f.id === 'satisfaction-scale',
    )!;
    for (const [wide, width] of [
      [false, MIN_BAR_WIDTH],
      [true, 600],
    ] as const) {
      const labels = belowBoxes(figureToSvg(figure, { wide }), width);
      expect(labels.length, `labels under the bar (wide: ${wide})`).toBeGreaterThan(0);
      expect(labels.map((l) => l.text).join(' | ')).toContain('Very dissatisfied 3%');
      for (const label of labels) {
        for (const other of labels.filter((o) => o !== label)) {
          const { x, top, bottom } = label.tick;
          const through =
            x >= other.box.left && x <= other.box.right && top < other.box.bottom && bottom > other.box.top;
          expect(through, `the tick of "${label.text}" through "${other.text}" (wide: ${wide})`).toBe(false);
        }
      }
    }
  });
});
