import { describe, expect, it } from 'vitest';
import { figureToCsv } from '../../src/lib/csv.ts';
import { parse } from 'csv-parse/sync';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { chartKind } from '../../src/lib/chart/kinds/index.ts';
import { figureTable } from '../../src/lib/chart/describe.ts';
import { figureValue } from '../../src/lib/chart/unit.ts';
import { printFigure } from '../../src/lib/report/print-figure.ts';
import { carriedIntervalText, intervalColumns } from '../../src/lib/chart/interval.ts';

/**
 * A number's spread ("compute": "spread"): a strip on the unit's axis, not bars from zero: a box from the lower to
 * the upper quartile, a line out to the 10th and 90th percentiles, the median and the mean marked and labelled.
 * The demo's onboarding wait is now a histogram (tests/unit/histogram.test.ts), whose rows are a spread's: the
 * same figure computed as a spread is drawn here.
 */
const series = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
const figures = series.figures;
const onboarding = figures.find((f) => f.id === 'onboarding-median')!;
const spread = { ...onboarding, survey: { ...onboarding.survey!, compute: 'spread' as const, bins: undefined } };
const value = (label: string) => spread.rows.find((r) => r.label === label)!.value;

describe('a spread figure', () => {
  it('is computed: percentiles, quartiles and the mean, each with an interval, the mean that of the mean figure', () => {
    expect(spread.rows.map((r) => r.label)).toEqual([
      '10th percentile',
      'Lower quartile',
      'Median',
      'Mean',
      'Upper quartile',
      '90th percentile',
    ]);
    for (const row of spread.rows) expect(row.interval, row.label).toBeDefined();
    expect(value('Mean')).toBe(figures.find((f) => f.id === 'onboarding-days')!.rows[0]!.value);
    // A long tail: the 90th percentile is further above the median than the 10th is below it.
    expect(value('90th percentile') - value('Median')).toBeGreaterThan(value('Median') - value('10th percentile'));
  });

  it('draws the mean with its 95% interval, a bar across the diamond from low to high, and keys it', async () => {
    const { figureAxis } = await import('../../src/lib/chart/unit.ts');
    const { axisPosition } = await import('../../src/lib/chart/axis.ts');
    const svg = figureToSvg(spread);
    const mean = spread.rows.find((r) => r.label === 'Mean')!;
    const axis = figureAxis({ ...spread, rows: spread.rows.map((r) => ({ ...r, interval: undefined })) });
    const mark = /<g class="mt-chart-mean-interval">([\s\S]*?)<\/g>/.exec(svg);
    expect(mark, 'a mark of the mean’s interval').not.toBeNull();
    const xs = [...mark![1]!.matchAll(/x="([\d.]+)%"/g)].map((m) => Number(m[1]));
    expect(Math.min(...xs)).toBeCloseTo(axisPosition(axis, mean.interval!.low), 1);
    const width = Number(/width="([\d.]+)%"/.exec(mark![1]!)![1]);
    expect(Math.min(...xs) + width).toBeCloseTo(axisPosition(axis, mean.interval!.high), 1);
    // The key says what the bar is, with its ends (wrapped over lines as every key entry is).
    const entry = chartKind(spread.kind)
      .layout(spread)
      .key.find((k) => k.swatch === 'mean')!;
    expect(entry.lines.join(' ').replace(/\u00a0/g, ' ')).toBe(
      `Mean, with its 95% interval (${carriedIntervalText(spread, mean.interval!)})`,
    );
    for (const line of entry.lines) expect(svg).toContain(line);
  });

  it('draws a box, a median tick and a mean diamond, labelled, with the tail as a line: no bar from zero', () => {
    const svg = figureToSvg(spread);
    expect(svg.match(/<rect class="mt-chart-track mt-chart-stroke-1"/g)).toHaveLength(2); // the box, and its key
    // Written as the figure writes them: a percentile of whole-day answers whole ("9 days"), the mean "11.0 days".
    const shown = (label: string) => figureValue(spread, value(label));
    expect(shown('Median')).toMatch(/^\d+(\.\d)? days$/);
    expect(svg).toContain(`>Median ${shown('Median')}<`);
    expect(svg).toContain(`>Mean ${shown('Mean')}<`);
    expect(svg).toMatch(/<path class="mt-chart-fill-1 mt-chart-stroke-1" d="M0,-7/);
    const key = chartKind('bars')
      .layout(spread)
      .key.map((entry) => entry.lines.join(' '));
    expect(key).toContain(
      `10th to 90th percentile (${value('10th percentile')}\u00a0to\u00a0${value('90th percentile')}\u00a0days)`,
    );
    // No bar per row, as the "bars" kind draws for other figures.
    expect(svg).not.toContain('class="mt-chart-fill-mid"');
    expect(chartKind('bars').summary(spread)).toMatch(/^Strip of the answers/);
  });

  it('at 390 px (review): the median tick stops at the box, the mean label sits under the strip, no grid line crosses a label, and the key keeps value and unit together', () => {
    const svg = figureToSvg(spread);
    const box =
      /<rect class="mt-chart-track mt-chart-stroke-1" stroke-width="1.5" x="[^"]+" y="(\d+(?:\.\d+)?)" width="[^"]+" height="(\d+(?:\.\d+)?)"/.exec(
        svg,
      )!;
    const top = Number(box[1]);
    const bottom = top + Number(box[2]);
    const median =
      /<line class="mt-chart-stroke-1" x1="[^"]+" x2="[^"]+" y1="([\d.]+)" y2="([\d.]+)" stroke-width="3"/.exec(svg)!;
    expect(Number(median[1])).toBeGreaterThanOrEqual(top);
    expect(Number(median[2])).toBeLessThanOrEqual(bottom);
    // Label rows: a 14 px label drawn at baseline y covers y - 13 to y + 4.
    const labelY = (name: string) => Number(new RegExp(`<text x="[^"]+" y="([\\d.]+)"[^>]*>${name} `).exec(svg)![1]);
    const rows = ['Median', 'Mean'].map((name) => [labelY(name) - 13, labelY(name) + 4] as const);
    expect(rows[1]![0]).toBeGreaterThanOrEqual(bottom); // the mean's label under the strip
    expect(rows[0]![1]).toBeLessThanOrEqual(top); // the median's above it
    const grid = [...svg.matchAll(/<line class="mt-chart-grid" x1="[^"]+" x2="[^"]+" y1="([\d.]+)" y2="([\d.]+)"/g)];
    expect(grid.length).toBeGreaterThan(0);
    for (const [, y1, y2] of grid) {
      for (const [from, to] of rows)
        expect(Number(y2) <= from || Number(y1) >= to, `grid ${y1}-${y2} crosses ${from}-${to}`).toBe(true);
    }
    // "(6 to 14 days)" never wraps between a number and its unit.
    const key = chartKind('bars').layout(spread).key;
    for (const entry of key) for (const line of entry.lines) expect(line, line).not.toMatch(/^days|\d$/);
    expect(key.map((entry) => entry.lines.join(' ')).join(' ')).toContain(
      `${value('Lower quartile')}\u00a0to\u00a0${value('Upper quartile')}\u00a0days`,
    );
  });

  it('keeps every value with its interval in its table', () => {
    expect(figureTable(spread).rows.map((r) => r.label)).toEqual(spread.rows.map((r) => r.label));
  });
});

describe('percentiles of whole-day answers (review: "9.0 days", "4.0 days to 4.0 days")', () => {
  it('are written in whole days, the mean keeping its decimal', () => {
    expect(figureValue(spread, value('Median'))).toBe(`${value('Median')} days`);
    expect(Number.isInteger(value('Median'))).toBe(true);
    expect(figureValue(spread, value('Mean'))).toMatch(/^\d+\.\d days$/);
  });

  it('print so in the report’s appendix table too', () => {
    const printed = printFigure(spread, series.data!);
    const median = printed.rows.find((r) => r.label === 'Median')!;
    expect(median.shown).toBe(`${value('Median')}\u00a0days`);
    const flat = spread.rows.find((r) => r.interval!.low === r.interval!.high)!;
    const flatEnd = `${flat.interval!.low}\u00a0days`;
    expect(printed.rows.find((r) => r.label === flat.label)!.shownInterval).toBe(`${flatEnd} at both ends`);
    expect(printed.rows.find((r) => r.label === 'Mean')!.shown).toMatch(/^\d+\.\d\u00a0days$/);
  });

  it('say an interval of no width is "4 days at both ends", not "4 days to 4 days" (round 13: nor "coarse")', () => {
    const flat = spread.rows.filter((r) => r.interval!.low === r.interval!.high);
    expect(flat.length).toBeGreaterThan(0);
    for (const row of flat) {
      expect(carriedIntervalText(spread, row.interval!)).toBe(`${row.interval!.low} days at both ends`);
    }
    const cells = intervalColumns(spread)[0]!.cells;
    expect(cells[spread.rows.indexOf(flat[0]!)]).toBe(`${flat[0]!.interval!.low} days at both ends`);
    const wide = spread.rows.find((r) => r.interval!.low < r.interval!.high)!;
    expect(carriedIntervalText(spread, wide.interval!)).toMatch(/^\d+(\.\d)? to \d+(\.\d)? days$/);
  });
});

describe('a percentile interval of no width in the download', () => {
  it('says why in interval_note: whole-day answers, so the resamples mostly give the same percentile', () => {
    const rows = parse<Record<string, string>>(figureToCsv(spread), { columns: true });
    const tenth = rows.find((r) => r.label === '10th percentile')!;
    expect(tenth.ci95_low).toBe(tenth.ci95_high);
    expect(tenth.interval_note).toMatch(/^Interval of no width: the answers are whole days/);
    // An interval with width says nothing more.
    expect(rows.find((r) => r.label === 'Mean')!.interval_note).toBe('');
    expect(rows.find((r) => r.label === 'Median')!.interval_note).toBe('');
  });
});
