import { describe, expect, it } from 'vitest';
import { figureSummary } from '../../src/lib/chart/describe.ts';
import { chartLayout } from '../../src/lib/chart/layout.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { FigureSchema } from '../../src/lib/schema/figure.ts';
import { numberFigure } from './fixtures/figures.ts';
import { numberChartFigure } from '../../src/lib/chart/kinds/number.ts';

describe('the "number" kind', () => {
  it('draws a share on a 0–100 number line: a thin axis, a dot at the value, the value over it (issue 20 round 10)', () => {
    const svg = figureToSvg(numberFigure());
    // No filled bar against a grey track: a line from 0 to 100% with its ends labelled.
    expect(svg).not.toMatch(/mt-chart-track|mt-chart-fill/);
    expect(svg).toMatch(/<line class="mt-number-axis" x1="0" x2="100%"/);
    expect(svg).toMatch(/<circle class="mt-number-dot" cx="76%"/);
    expect(svg).toMatch(/<text x="76%"[^>]*class="mt-number-value" font-size="32"[^>]*>76%<\/text>/);
    const ticks = [...svg.matchAll(/class="mt-chart-tick"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(ticks).toEqual(['0%', '100%']);
    const label = [...svg.matchAll(/class="mt-number-label"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(label).toBe('Prioritize AI/ML over other IT initiatives');
    expect(chartLayout(numberFigure()).height).toBeLessThanOrEqual(130);
  });

  it('keeps the value inside the chart near either end of the line', () => {
    const low = figureToSvg(numberFigure({ rows: [{ label: 'Few', value: 4 }] }));
    expect(low).toMatch(/<text x="4%"[^>]*text-anchor="start"[^>]*>4%<\/text>/);
    const high = figureToSvg(numberFigure({ rows: [{ label: 'Most', value: 97 }] }));
    expect(high).toMatch(/<text x="97%"[^>]*text-anchor="end"[^>]*>97%<\/text>/);
  });

  it('draws the interval on the line where n is known', () => {
    const svg = figureToSvg(numberFigure({ n: 403 }));
    expect(svg).not.toMatch(/mt-chart-track|mt-chart-fill/);
    expect(svg).toContain('mt-chart-interval-mark');
    expect(svg).toContain('95% interval (n = 403)');
  });

  it('wraps a long label and grows the box to fit every line', () => {
    const short = chartLayout(numberFigure());
    const long = numberFigure({
      rows: [
        { label: 'Say integration and compatibility of ML technologies, languages and frameworks is hard', value: 49 },
      ],
    });
    expect(chartLayout(long).labels[0]!.length).toBeGreaterThan(1);
    expect(chartLayout(long).height).toBeGreaterThan(short.height);
    const lines = [...figureToSvg(long).matchAll(/class="mt-number-label"/g)];
    expect(lines).toHaveLength(chartLayout(long).labels[0]!.length);
  });

  it('hatches a derived value and says so to screen readers', () => {
    const figure = numberFigure({ rows: [{ label: 'Face exactly one', value: 25, derived: true }], note: 'Derived.' });
    expect(figureToSvg(figure)).toContain('>25%</text>');
    // A hollow dot, hatched: not the solid dot of a published value.
    expect(figureToSvg(figure)).toMatch(
      /<circle class="mt-number-dot derived" cx="25%"[^>]*fill="url\(#mt-hatch-ai-priority-over-it-1\)"/,
    );
    expect(figureSummary(figure)).toBe('25% (derived) of respondents (base not published): face exactly one.');
  });

  it('refuses more than one value, or a previous-edition value, naming the field', () => {
    const many = FigureSchema.safeParse({
      ...numberFigure(),
      rows: [
        { label: 'A', value: 1 },
        { label: 'B', value: 2 },
      ],
    });
    expect(many.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['rows', 'of a "number" figure must hold exactly one value, but hold 2; use "bars"'],
    ]);
    const paired = FigureSchema.safeParse({ ...numberFigure(), rows: [{ label: 'A', value: 1, previous: 2 }] });
    expect(paired.error?.issues.map((i) => i.path.join('.'))).toEqual(['rows.0.previous']);
  });
});

describe('the label under a "number" figure', () => {
  it("is the trend's past-tense keyFigure.counts where it has one, capitalised (issue 20 round 10)", () => {
    const figure = numberFigure({ rows: [{ label: 'Need a month or longer to deploy a trained model', value: 64 }] });
    const shown = numberChartFigure(figure, 'waited a month or more');
    const label = [...figureToSvg(shown).matchAll(/class="mt-number-label"[^>]*>([^<]*)</g)].map((m) => m[1]);
    expect(label).toEqual(['Waited a month or more']);
    // The dataset's row keeps its label: the table and the summary still say what the source's row says.
    expect(figure.rows[0]!.label).toBe('Need a month or longer to deploy a trained model');
  });

  it('stays the row label without a counts label, and on other kinds', () => {
    const figure = numberFigure();
    expect(numberChartFigure(figure, undefined)).toBe(figure);
    const bars = { ...numberFigure(), kind: 'bars' as const };
    expect(numberChartFigure(bars, 'waited a month or more')).toBe(bars);
  });
});
