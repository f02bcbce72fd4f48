import { describe, expect, it } from 'vitest';
import { formatPercent, formatTick, formatValue, unitNoun } from '../../src/lib/format.ts';
import { axisPosition, niceStep, valueAxis } from '../../src/lib/chart/axis.ts';
import { chartKind } from '../../src/lib/chart/kinds/index.ts';
import { barsFigure } from './fixtures/figures.ts';

describe('formatValue: each unit in the series locale', () => {
  it('writes a share as formatPercent does in English, and with a space in German', () => {
    for (const v of [0, 12.5, 57, 57.3, 100]) expect(formatValue(v, { unit: 'percent' })).toBe(formatPercent(v));
    expect(formatValue(12.5, { unit: 'percent', locale: 'de' })).toBe('12,5\u00a0%');
  });

  it('writes counts with at most one decimal and grouped thousands', () => {
    expect(formatValue(4.25, { unit: 'count' })).toBe('4.3');
    expect(formatValue(12500, { unit: 'count' })).toBe('12,500');
    expect(formatValue(12500, { unit: 'count', locale: 'de' })).toBe('12.500');
  });

  it('writes money with its currency: whole units where whole, else cents', () => {
    expect(formatValue(1250, { unit: 'currency', currency: 'EUR' })).toBe('€1,250');
    expect(formatValue(1250.5, { unit: 'currency', currency: 'EUR' })).toBe('€1,250.50');
    expect(formatValue(1250, { unit: 'currency', currency: 'EUR', locale: 'de' })).toBe('1.250\u00a0€');
    expect(() => formatValue(3, { unit: 'currency' })).toThrow(/ISO code/);
  });

  it('writes days with the word, singular for one', () => {
    expect(formatValue(12.5, { unit: 'days' })).toBe('12.5 days');
    expect(formatValue(1, { unit: 'days' })).toBe('1 day');
    expect(formatValue(3, { unit: 'days', locale: 'de' })).toBe('3 Tage');
  });

  it('writes a score with one decimal, and a Net Promoter Score with its sign', () => {
    expect(formatValue(3.84, { unit: 'score', scale: { min: 1, max: 5 } })).toBe('3.8');
    const nps = { unit: 'score', scale: { min: -100, max: 100 } } as const;
    expect(formatValue(23, nps)).toBe('+23');
    expect(formatValue(0, nps)).toBe('0');
  });

  it('writes a negative value with a true minus sign (U+2212), never a hyphen', () => {
    const nps = { unit: 'score', scale: { min: -100, max: 100 } } as const;
    expect(formatValue(-12, nps)).toBe('\u221212');
    expect(formatValue(-2.5, { unit: 'days' })).toBe('\u22122.5 days');
    expect(formatValue(-1250, { unit: 'currency', currency: 'EUR' })).toBe('\u2212€1,250');
    expect(formatValue(-3, { unit: 'count' })).toBe('\u22123');
    expect(formatTick(-50, nps)).toBe('\u221250');
    expect(formatTick(-20000, { unit: 'count' })).toBe('\u221220K');
    // A locale that writes its own minus keeps it; none writes a hyphen-minus.
    expect(formatValue(-12, { ...nps, locale: 'de' })).not.toContain('-');
  });

  it('refuses a value that is not a number', () => {
    expect(() => formatValue(Number.NaN, { unit: 'days' })).toThrow(/not a finite number/);
  });

  it('shortens large ticks and names the unit in a summary', () => {
    expect(formatTick(50000, { unit: 'currency', currency: 'EUR' })).toBe('€50K');
    expect(formatTick(20, { unit: 'days' })).toBe('20');
    expect(unitNoun({ unit: 'currency', currency: 'EUR' })).toBe('amount in EUR');
    expect(unitNoun({ unit: 'score', scale: { min: -100, max: 100 } })).toBe('score on a scale from \u2212100 to +100');
  });
});

describe('valueAxis: axis rules by unit', () => {
  it('runs a share axis from 0 to 100%', () => {
    expect(valueAxis({ unit: 'percent' }, [3, 7])).toMatchObject({ min: 0, max: 100, ticks: [0, 25, 50, 75, 100] });
  });

  it('ends a share computed from own responses at the first round tick above its data, up to 100%', () => {
    // Top-2-box by region: values and interval bounds up to 52.4% end at 60%, not 100% (review 7).
    expect(valueAxis({ unit: 'percent', fit: true }, [37.7, 31.8, 43.9, 44.7, 52.4])).toMatchObject({
      max: 60,
      ticks: [0, 20, 40, 60],
    });
    expect(valueAxis({ unit: 'percent', fit: true }, [71, 77.2]).max).toBe(80);
    expect(valueAxis({ unit: 'percent', fit: true }, [12, 16.4]).ticks).toEqual([0, 5, 10, 15, 20]);
    expect(valueAxis({ unit: 'percent', fit: true }, [88, 96]).max).toBe(100);
    // A published share keeps its 0–100% axis.
    expect(valueAxis({ unit: 'percent' }, [37.7, 52.4]).max).toBe(100);
  });

  it('runs counts, money and days from 0 to the first round tick at or above the largest value', () => {
    expect(valueAxis({ unit: 'days' }, [12.5, 31])).toMatchObject({ min: 0, max: 40, ticks: [0, 10, 20, 30, 40] });
    expect(valueAxis({ unit: 'count' }, [3.2, 4.8])).toMatchObject({ min: 0, max: 5, ticks: [0, 1, 2, 3, 4, 5] });
    expect(valueAxis({ unit: 'currency', currency: 'EUR' }, [48000]).max).toBe(50000);
    // Round 13: the axis ends near the data, not a step beyond it (deploys to 15 for a largest bound of 9.7, the
    // onboarding spread to 30 for 22 days).
    expect(valueAxis({ unit: 'days' }, [12, 15]).max).toBe(15);
    expect(valueAxis({ unit: 'days' }, [40]).max).toBe(40);
    expect(valueAxis({ unit: 'count', per: 'week' }, [9.08, 9.7])).toMatchObject({ max: 10, ticks: [0, 5, 10] });
    expect(valueAxis({ unit: 'days' }, [4, 20, 22])).toMatchObject({ max: 25, ticks: [0, 5, 10, 15, 20, 25] });
  });

  it('ticks a count or days axis at whole numbers, never 2.5 or 7.5 (a deploys axis ran 0, 2.5 … 12.5)', () => {
    // The demo's deploys a week: means up to about 11 with their intervals.
    expect(valueAxis({ unit: 'count', per: 'week' }, [9.1, 10.4, 4.2, 3.6])).toMatchObject({
      max: 15,
      ticks: [0, 5, 10, 15],
    });
    expect(valueAxis({ unit: 'days' }, [8.6, 9.8]).ticks).toEqual([0, 5, 10]);
    expect(valueAxis({ unit: 'count' }, [1.2]).ticks).toEqual([0, 1, 2]);
    for (const high of [0.4, 1.7, 3.3, 7.9, 11.2, 23, 47, 180]) {
      for (const unit of ['count', 'days'] as const) {
        const { ticks } = valueAxis({ unit }, [high]);
        expect(ticks.every(Number.isInteger), `${unit} ${high}: ${ticks.join(', ')}`).toBe(true);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('runs a score over its scale, an NPS from -100 to 100 with a zero line', () => {
    expect(valueAxis({ unit: 'score', scale: { min: 1, max: 5 } }, [3.8])).toMatchObject({
      min: 1,
      max: 5,
      ticks: [1, 2, 3, 4, 5],
      origin: 1,
      zeroLine: false,
    });
    expect(valueAxis({ unit: 'score', scale: { min: -100, max: 100 } }, [23])).toMatchObject({
      ticks: [-100, -50, 0, 50, 100],
      origin: 0,
      zeroLine: true,
    });
    expect(valueAxis({ unit: 'score', scale: { min: 0, max: 10 } }, [7]).ticks).toEqual([0, 2, 4, 6, 8, 10]);
  });

  it('places values along the axis, clamped to it', () => {
    const nps = valueAxis({ unit: 'score', scale: { min: -100, max: 100 } }, [23]);
    expect(axisPosition(nps, 0)).toBe(50);
    expect(axisPosition(nps, -100)).toBe(0);
    expect(axisPosition(nps, 150)).toBe(100);
  });

  it('steps by 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.3, 1, 1.2, 2.2, 3, 7, 12, 120].map((raw) => niceStep(raw))).toEqual([0.5, 1, 2, 2.5, 5, 10, 20, 200]);
    // Whole steps for counts and days: no 2.5, nothing under 1.
    expect([0.3, 1, 1.2, 2.2, 3, 7, 12, 120].map((raw) => niceStep(raw, true))).toEqual([1, 1, 2, 5, 5, 10, 20, 200]);
  });
});

describe('chart data in units other than percent (the social image draws bars from it)', () => {
  it('places a value on its axis: bar lengths in percent of the axis, labels in the unit', () => {
    const figure = barsFigure({
      unit: 'days',
      multiSelect: false,
      rows: [
        { label: 'Median', value: 9 },
        { label: 'Upper quartile', value: 14 },
      ],
    });
    const data = chartKind('bars').chart(figure);
    // 0 to 15 days: 9 days is 60% of the axis, 14 days 93.3%.
    expect(data.datasets[0]!.data.map((v) => Math.round(v * 10) / 10)).toEqual([60, 93.3]);
    expect(data.values[0]).toEqual(['9 days', '14 days']);
  });
});

describe('rangeText: a range with its unit once', () => {
  it('writes a shared unit once, after the upper end; different or leading units at both ends', async () => {
    const { rangeText } = await import('../../src/lib/chart/interval.ts');
    expect(rangeText('10.4 days', '11.8 days')).toBe('10.4 to 11.8 days');
    expect(rangeText('8.4 a week', '9.7 a week')).toBe('8.4 to 9.7 a week');
    expect(rangeText('10.4\u00a0days', '11.8\u00a0days')).toBe('10.4 to 11.8\u00a0days');
    expect(rangeText('1 day', '3 days')).toBe('1 day to 3 days');
    expect(rangeText('€1,200', '€1,500')).toBe('€1,200 to €1,500');
    expect(rangeText('−34', '−4')).toBe('−34 to −4');
  });
});

describe('bareValue: a value for a sentence that writes its unit once (<Stat unitless>)', () => {
  it('drops the words of a count or days, keeps a share’s, money’s and a score’s signs', async () => {
    const { bareValue } = await import('../../src/lib/chart/unit.ts');
    const figure = (unit: string, extra = {}) => ({ unit, rows: [], ...extra }) as never;
    expect(bareValue(figure('count', { per: 'week' }), 4.29)).toBe('4.3');
    expect(bareValue(figure('days'), 12.5)).toBe('12.5');
    expect(bareValue(figure('percent'), 57)).toBe('57%');
    expect(bareValue(figure('score', { scale: { min: -100, max: 100 } }), 12)).toBe('+12');
  });
});
