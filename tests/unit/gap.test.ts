import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FigureSchema, type Figure } from '../../src/lib/schema/figure.ts';
import { figureGap, gapBetween, gapText } from '../../src/lib/stats/gap.ts';
import { wilsonInterval } from '../../src/lib/stats/wilson.ts';
import { surveyFigures } from '../../src/lib/survey/figure.ts';

const root = join(import.meta.dirname, '../..');
const dir = join(root, 'content/series/platform-engineering-2024');
const compute = surveyFigures(dir, root, 'figures.json');
const demo = (id: string): Figure => {
  const items = JSON.parse(readFileSync(join(dir, 'figures.json'), 'utf8')) as Record<string, unknown>[];
  return FigureSchema.parse(compute(items.find((item) => item.id === id)!));
};

describe('the gap between two values and the margin of error of their difference', () => {
  it('is Newcombe’s hybrid score margin, from the two Wilson intervals', () => {
    // 35% and 29% of 500: the difference's interval by Newcombe (1998, method 10), worked by hand.
    const a = { value: 35, ...wilsonInterval(35, 500) };
    const b = { value: 29, ...wilsonInterval(29, 500) };
    const margin = Math.sqrt((35 - a.low) ** 2 + (b.high - 29) ** 2);
    const gap = gapBetween(a, b);
    expect(gap.gap).toBeCloseTo(6, 10);
    expect(gap.margin).toBeCloseTo(margin, 10);
    expect(margin).toBeGreaterThan(5.5);
    expect(margin).toBeLessThan(6);
    expect(gap.within).toBe(false);
    // Of 330, the same shares are within it.
    const within = gapBetween({ value: 35, ...wilsonInterval(35, 330) }, { value: 29, ...wilsonInterval(29, 330) });
    expect(within.within).toBe(true);
    expect(gapText(within)).toBe('6 points apart, within the 7-point margin of error of their difference');
    // Where whole points would make gap and margin equal, one decimal tells them apart.
    expect(gapText({ gap: -5.6, margin: 5.78, within: true })).toBe(
      '5.6 points apart, within the 5.8-point margin of error of their difference',
    );
  });

  it('binds the demo’s satisfied against the middle of the scale: within, and the build fails on the opposite claim', () => {
    const figure = demo('satisfaction-scale');
    const gap = figureGap(figure, { a: 'Neither satisfied nor dissatisfied', b: 'Satisfied' }, 'within');
    const middle = figure.rows.find((r) => r.label === 'Neither satisfied nor dissatisfied')!;
    const satisfied = figure.rows.find((r) => r.label === 'Satisfied')!;
    expect(gap.gap).toBeCloseTo(middle.value - satisfied.value, 10);
    // The value 29% lies outside 35%'s own interval, yet the gap is within the margin of the difference.
    expect(satisfied.value).toBeLessThan(middle.interval!.low);
    expect(gap.within).toBe(true);
    expect(() => figureGap(figure, { a: 'Neither satisfied nor dissatisfied', b: 'Satisfied' }, 'beyond')).toThrow(
      /says the gap is beyond the margin of error, but it is within it: 5\.6 points apart, within the 5\.8-point margin/,
    );
  });

  it('compares two segments’ values of one row, and names what is missing', () => {
    const figure = demo('tool-satisfaction');
    const label = 'Satisfied or Very satisfied';
    expect(figureGap(figure, { a: 'region-north-america', b: 'region-europe', label }, 'within').within).toBe(true);
    expect(() => figureGap(figure, { a: 'region-mars', b: 'region-europe', label }, 'within')).toThrow(
      /no segment "region-mars"/,
    );
    expect(() => figureGap(figure, { a: 'x', b: 'y' }, 'maybe')).toThrow(/claim must be "within" or "beyond"/);
  });
});
