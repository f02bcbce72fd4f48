import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { chartKind } from '../../src/lib/chart/kinds/index.ts';
import { surveyCredit } from '../../src/lib/chart/summary.ts';
import { figureValue } from '../../src/lib/chart/unit.ts';
import { printChartModel } from '../../src/integrations/report-pdf/typst/chart-model.ts';

/**
 * A scale question's shares ("How satisfied…", 1 to 5) drawn as Pew draws Likert bars: the bottom two answers
 * in one colour, the top two in another, the middle grey. On the web, one diverging bar with the sums of each
 * end written on it (tests/unit/likert.test.ts); in print, bars with the sums named in the key.
 */
const series = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
const scale = series.figures.find((f) => f.id === 'satisfaction-scale')!;
const share = (label: string) => scale.rows.find((r) => r.label === label)!.value;
const low = figureValue(scale, share('Very dissatisfied') + share('Dissatisfied'));
const high = figureValue(scale, share('Satisfied') + share('Very satisfied'));

describe('a scale question drawn in diverging order', () => {
  it('keeps the scale order and colours its ends apart, the middle grey, on the web', () => {
    expect(scale.rows.map((r) => r.label)).toEqual([
      'Very dissatisfied',
      'Dissatisfied',
      'Neither satisfied nor dissatisfied',
      'Satisfied',
      'Very satisfied',
    ]);
    const svg = figureToSvg(scale);
    const parts = [...svg.matchAll(/<rect class="mt-chart-segment mt-chart-fill-([\w-]+)"/g)].map((m) => m[1]);
    // The extreme answers strong, the next ones a tint of the same colour.
    expect(parts).toEqual(['second', 'second-tint', 'mid', 'first-tint', 'first']);
  });

  it('writes the sums of the bottom two and the top two on the chart, not in a key', () => {
    const svg = figureToSvg(scale);
    expect(svg).toContain(`>Dissatisfied or very dissatisfied: ${low}<`);
    expect(svg).toContain(`>Satisfied or very satisfied: ${high}<`);
    expect(chartKind('bars').layout(scale).key).toEqual([]);
    // Written as the parts' values are: whole percent.
    expect(low).toMatch(/^\d+%$/);
  });

  it('prints the same order and sums', () => {
    const m = printChartModel(scale, surveyCredit(series.data!));
    expect(m.rows.map((r) => r.tone)).toEqual(['low', 'low', 'middle', 'high', 'high']);
    expect(m.keys.low).toBe(`Very dissatisfied or Dissatisfied, ${low}`);
    expect(m.keys.high).toBe(`Satisfied or Very satisfied, ${high}`);
  });

  it('prints no interval marks, as the web’s bar draws none: the table carries them in both', () => {
    const m = printChartModel(scale, surveyCredit(series.data!));
    expect(m.rows.filter((r) => r.interval)).toEqual([]);
    expect(m.keys.interval).toBeUndefined();
    // The table's intervals: tests/unit/likert.test.ts ("keeps every interval in its table").
  });
});

describe('a top-two-box figure', () => {
  it('says in its subtitle which answers it counts, from the computation and the scale', async () => {
    const { figureSubtitle } = await import('../../src/lib/chart/summary.ts');
    const top = series.figures.find((f) => f.id === 'tool-satisfaction')!;
    expect(figureSubtitle(top)).toBe(
      'Share answering Satisfied or Very satisfied (4–5 of 5) per region (n in each label), beside all respondents (n = 500)',
    );
  });
});
