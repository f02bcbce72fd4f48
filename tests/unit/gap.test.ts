import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FigureSchema, type Figure } from '../../src/lib/schema/figure.ts';
import { figureGap, gapBetween, gapOfOneAnswer, gapText } from '../../src/lib/stats/gap.ts';
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

  it('is the multinomial margin for two answers to one question that takes one answer each', () => {
    // 35% and 29% of 500 answers to one single-choice question: the two shares move against each other, so the
    // variance of their difference is (p₁ + p₂ − (p₁ − p₂)²) / n, wider than the independent form's.
    const gap = gapOfOneAnswer(35, 29, 500);
    expect(gap.gap).toBeCloseTo(6, 10);
    expect(gap.margin).toBeCloseTo(100 * 1.959963984540054 * Math.sqrt((0.35 + 0.29 - 0.06 ** 2) / 500), 10);
    const independent = gapBetween(
      { value: 35, ...wilsonInterval(35, 500) },
      { value: 29, ...wilsonInterval(29, 500) },
    );
    expect(gap.margin).toBeGreaterThan(independent.margin);
    // So 6 points of 500 are beyond the independent margin but within this one; 8 points are beyond both.
    expect(independent.within).toBe(false);
    expect(gap.within).toBe(true);
    expect(gapOfOneAnswer(35, 27, 500).within).toBe(false);
    expect(() => gapOfOneAnswer(35, 29, 0)).toThrow(/n must be a positive count/);
  });

  it('binds the demo’s satisfied against the middle of the scale by the multinomial margin, from the responses', () => {
    // Independently: count the answers 3 and 4 to the satisfaction question in responses.csv (unweighted).
    const lines = readFileSync(join(dir, 'survey/responses.csv'), 'utf8').trim().split('\n');
    const column = lines[0]!.split(',').indexOf('satisfaction');
    const answers = lines
      .slice(1)
      .map((line) => line.split(',')[column])
      .filter((answer) => answer !== '');
    const n = answers.length;
    const middle = answers.filter((answer) => answer === '3').length / n;
    const satisfied = answers.filter((answer) => answer === '4').length / n;
    const margin = 100 * 1.96 * Math.sqrt((middle + satisfied - (middle - satisfied) ** 2) / n);

    const figure = demo('satisfaction-scale');
    const gap = figureGap(figure, { a: 'Neither satisfied nor dissatisfied', b: 'Satisfied' }, 'within');
    expect(gap.gap).toBeCloseTo(100 * (middle - satisfied), 1);
    expect(gap.margin).toBeCloseTo(margin, 1);
    expect(gap.margin).toBeGreaterThan(6.9);
    expect(gap.within).toBe(true);
    expect(gapText(gap)).toBe('6 points apart, within the 7-point margin of error of their difference');
    expect(() => figureGap(figure, { a: 'Neither satisfied nor dissatisfied', b: 'Satisfied' }, 'beyond')).toThrow(
      /says the gap is beyond the margin of error, but it is within it: 6 points apart, within the 7-point margin/,
    );
  });

  it('compares two segments’ values of one row, and names what is missing', () => {
    const figure = demo('tool-satisfaction');
    const label = 'Satisfied or Very satisfied';
    // Two groups answer independently: their gap keeps the independent (Newcombe) margin.
    const cell = (id: string) => {
      const row = figure.segments!.find((s) => s.id === id)!.rows.find((r) => r.label === label)!;
      return { value: row.value!, ...row.interval! };
    };
    const regions = figureGap(figure, { a: 'region-north-america', b: 'region-europe', label }, 'within');
    expect(regions.within).toBe(true);
    expect(regions.margin).toBeCloseTo(gapBetween(cell('region-north-america'), cell('region-europe')).margin, 10);
    expect(() => figureGap(figure, { a: 'region-mars', b: 'region-europe', label }, 'within')).toThrow(
      /no segment "region-mars"/,
    );
    expect(() => figureGap(figure, { a: 'x', b: 'y' }, 'maybe')).toThrow(/claim must be "within" or "beyond"/);
  });
});
