import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { figureValue, unitSpec, exactDigits } from '../../src/lib/chart/unit.ts';
import { carriedIntervalText } from '../../src/lib/chart/interval.ts';
import { figureToCsv } from '../../src/lib/csv.ts';
import { formatValue } from '../../src/lib/format.ts';

/**
 * How precisely a number computed from the series' own responses is written: a share or an NPS whose 95%
 * interval is wider than ±2 points to whole numbers on pages and charts, its interval rounded alike; the
 * downloads and the appendix keep one decimal. The published-figures series is written as its source gave it.
 */
const demo = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024').figures;
const ml = readSeriesFromDisk(process.cwd(), 'ml-trends-2021').figures;
const byId = (id: string) => demo.find((f) => f.id === id)!;

describe('the precision of computed values', () => {
  it('writes a share with a wide interval, and its interval, to whole numbers', () => {
    const f = byId('platform-by-size');
    const row = f.rows[0]!;
    expect((row.interval!.high - row.interval!.low) / 2).toBeGreaterThan(2);
    expect(figureValue(f, row.value)).toBe(`${Math.round(row.value)}%`);
    expect(carriedIntervalText(f, row.interval!)).toBe(
      `${Math.round(row.interval!.low)}–${Math.round(row.interval!.high)}%`,
    );
  });

  it('writes an NPS with its interval as whole signed numbers', () => {
    const f = byId('platform-nps');
    const row = f.rows[0]!;
    expect(figureValue(f, row.value)).toMatch(/^[+\u2212]?\d+$/);
    expect(carriedIntervalText(f, row.interval!)).toMatch(/^[+\u2212]?\d+ to [+\u2212]?\d+$/);
  });

  it('keeps one written decimal, never a stripped zero, where a value is not rounded to whole numbers', () => {
    // Days too: one precision for the figure, its total and every group, a whole "12" written "12.0 days"
    // beside "10.9 days" (review round 5: "11 days / 14 days / 10.9 days" in one chart).
    const f = byId('onboarding-days');
    expect(figureValue(f, 12)).toBe('12.0 days');
    expect(figureValue(f, 12.4)).toBe('12.4 days');
    // One group's interval wider than ±2 days makes the whole figure whole days.
    const wide = {
      ...f,
      segments: [{ ...f.segments![0]!, rows: [{ label: 'Mean', value: 15, interval: { low: 12, high: 18 } }] }],
    };
    expect(figureValue(wide, 12.4)).toBe('12 days');
    const narrow = {
      ...byId('platform-by-size'),
      // Without its groups, whose wider intervals would make the whole figure whole numbers.
      segments: undefined,
      rows: [{ label: 'x', value: 34, derived: false, interval: { low: 33, high: 35.5 } }],
    };
    expect(figureValue(narrow, 34)).toBe('34.0%');
    expect(carriedIntervalText(narrow as never, { low: 33, high: 35.5 })).toBe('33.0–35.5%');
  });

  it('keeps one decimal in the downloads and the appendix', () => {
    const f = byId('platform-by-size');
    expect(formatValue(f.rows[0]!.value, exactDigits(unitSpec(f), f))).toBe(`${f.rows[0]!.value.toFixed(1)}%`);
    const csv = figureToCsv(f);
    expect(csv).toContain(`,${f.rows[0]!.value},`);
    expect(csv).toContain(',as asked,');
  });

  it('leaves the published-figures series as its source wrote it', () => {
    for (const f of ml) expect(unitSpec(f).digits, f.id).toBeUndefined();
  });
});
