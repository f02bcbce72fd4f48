import { describe, expect, it } from 'vitest';
import { figureSummary } from '../../src/lib/chart/describe.ts';
import { chartLayout } from '../../src/lib/chart/layout.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { FigureSchema } from '../../src/lib/schema/figure.ts';
import { numberFigure } from './fixtures/figures.ts';

describe('the "number" kind', () => {
  it('writes the value over a thin part-of-100 bar, with its label under it, in about 100 px and no axis', () => {
    // With a stated base: the bar carries the share's interval.
    const figure = numberFigure({ n: 403 });
    const svg = figureToSvg(figure);
    expect(svg).toMatch(/<text [^>]*class="mt-number-value" font-size="32">76%<\/text>/);
    expect(svg).toMatch(/<rect class="mt-chart-track" x="0" y="0" width="100%"/);
    expect(svg).toMatch(/<rect class="mt-chart-fill-1" x="0" y="0" width="76%"/);
    const label = [...svg.matchAll(/class="mt-number-label"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(label).toBe('Prioritize AI/ML over other IT initiatives');
    expect(svg).not.toMatch(/mt-chart-grid|mt-chart-tick/);
    expect(chartLayout(figure).height).toBeLessThanOrEqual(130);
  });

  it('writes a share with no interval as a number line: the value over its label, no bar (issue 20 round 9)', () => {
    const svg = figureToSvg(numberFigure());
    expect(svg).toMatch(/<text [^>]*class="mt-number-value" font-size="32">76%<\/text>/);
    expect(svg).not.toMatch(/mt-chart-track|mt-chart-fill/);
    const label = [...svg.matchAll(/class="mt-number-label"[^>]*>([^<]*)</g)].map((m) => m[1]).join(' ');
    expect(label).toBe('Prioritize AI/ML over other IT initiatives');
    expect(chartLayout(numberFigure()).height).toBeLessThanOrEqual(80);
  });

  it('draws the interval on the bar where n is known', () => {
    const svg = figureToSvg(numberFigure({ n: 403 }));
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
    expect(figureToSvg(figure)).toContain('fill="url(#mt-hatch-ai-priority-over-it-1)"');
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
