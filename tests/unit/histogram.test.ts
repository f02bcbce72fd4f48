import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { histogramBins } from '../../src/lib/survey/compute.ts';
import { loadSurvey } from '../../src/lib/survey/load.ts';
import { surveyFigure } from '../../src/lib/survey/figure.ts';
import { FigureSchema } from '../../src/lib/schema/figure.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { chartKind } from '../../src/lib/chart/kinds/index.ts';
import { histogramAxis } from '../../src/lib/chart/kinds/histogram.ts';
import { axisPosition } from '../../src/lib/chart/axis.ts';
import { figureValue } from '../../src/lib/chart/unit.ts';
import { surveyCredit } from '../../src/lib/chart/summary.ts';
import { printChartModel } from '../../src/integrations/report-pdf/typst/chart-model.ts';

/**
 * A number's answers drawn whole (`"compute": "histogram"`, issue 21 round 2: the strip stopped at the 90th
 * percentile, so the slow tenth the text discusses, 20 to 52 days, was not drawn): counts per day computed from
 * responses.csv, the quartiles and median marked, the tail in a second colour, and what each option refuses.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const SERIES = 'platform-engineering-2024';
const responses = parse<Record<string, string>>(
  readFileSync(join(root, 'content/series', SERIES, 'survey/responses.csv'), 'utf8'),
  { columns: true },
);
const answers = responses.filter((r) => r.onboarding !== '').map((r) => Number(r.onboarding));
const series = readSeriesFromDisk(root, SERIES);
const figure = series.figures.find((f) => f.id === 'onboarding-median')!;
const value = (label: string) => figure.rows.find((r) => r.label === label)!.value;

describe('the onboarding histogram, against responses.csv', () => {
  it('counts the respondents giving each number of days, from the shortest answer to the longest, gaps included', () => {
    const bins = figure.survey!.bins!;
    const low = Math.min(...answers);
    const high = Math.max(...answers);
    expect(bins.width).toBe(1);
    expect(bins.bins.map((b) => b.from)).toEqual(Array.from({ length: high - low + 1 }, (_, i) => low + i));
    for (const bin of bins.bins)
      expect(bin.count, `${bin.from} days`).toBe(answers.filter((a) => a === bin.from).length);
    expect(bins.bins.reduce((s, b) => s + b.count, 0)).toBe(figure.base!.n);
    // A day nobody gave is a bar of no height, not a missing day.
    expect(bins.bins.some((b) => b.count === 0)).toBe(true);
  });

  it('keeps the rows of a spread, each with its interval, the 90th percentile the nearest-rank one', () => {
    expect(figure.rows.map((r) => r.label)).toEqual([
      '10th percentile',
      'Lower quartile',
      'Median',
      'Mean',
      'Upper quartile',
      '90th percentile',
    ]);
    for (const row of figure.rows) expect(row.interval, row.label).toBeDefined();
    const sorted = [...answers].sort((a, b) => a - b);
    expect(value('90th percentile')).toBe(sorted[Math.ceil(0.9 * sorted.length) - 1]);
    expect(value('Mean')).toBeCloseTo(answers.reduce((s, a) => s + a, 0) / answers.length, 3);
  });

  it('draws every answer: a bar per day given, the longest included, the tail from the 90th percentile in the second colour', () => {
    const svg = figureToSvg(figure);
    const axis = histogramAxis(figure);
    const bars = [
      ...svg.matchAll(
        /<rect class="mt-chart-fill-(\d)" x="([\d.]+)%" y="([\d.]+)" width="([\d.]+)%" height="([\d.]+)"/g,
      ),
    ].map((m) => ({ fill: m[1], x: Number(m[2]), width: Number(m[4]), height: Number(m[5]) }));
    const given = figure.survey!.bins!.bins.filter((b) => b.count > 0);
    // One bar per day someone gave (the mean's interval is a rect of its own, 4 px tall, in the first colour).
    const drawn = bars.filter((b) => b.height !== 4);
    expect(drawn).toHaveLength(given.length);
    const longest = Math.max(...answers);
    const at = axisPosition(axis, longest);
    const last = drawn.at(-1)!;
    expect(last.x).toBeLessThan(at);
    expect(last.x + last.width).toBeGreaterThan(at);
    const p90 = value('90th percentile');
    given.forEach((bin, i) => expect(drawn[i]!.fill, `${bin.from} days`).toBe(bin.from >= p90 ? '2' : '1'));
    // Heights are to one count scale: the tallest bar's count over the lowest bar's.
    const tallest = Math.max(...given.map((b) => b.count));
    const fewest = Math.min(...given.map((b) => b.count));
    expect(Math.max(...drawn.map((b) => b.height)) / Math.min(...drawn.map((b) => b.height))).toBeCloseTo(
      tallest / fewest,
      5,
    );
  });

  it('marks the median with a labelled line and the middle half as a band from the lower to the upper quartile', () => {
    const svg = figureToSvg(figure);
    const axis = histogramAxis(figure);
    expect(svg).toContain(`>Median ${figureValue(figure, value('Median'))}<`);
    expect(svg).toContain(`>Mean ${figureValue(figure, value('Mean'))}<`);
    const median = /<line class="mt-chart-stroke-3" x1="([\d.]+)%"/.exec(svg)!;
    expect(Number(median[1])).toBeCloseTo(axisPosition(axis, value('Median')), 2);
    const band = /<rect class="mt-chart-track" x="([\d.]+)%" y="[\d.]+" width="([\d.]+)%"/.exec(svg)!;
    // Whole days: the band covers the bars of the quartiles' answers, half a day either side.
    expect(Number(band[1])).toBeCloseTo(axisPosition(axis, value('Lower quartile') - 0.5), 2);
    expect(Number(band[1]) + Number(band[2])).toBeCloseTo(axisPosition(axis, value('Upper quartile') + 0.5), 2);
    const key = chartKind('bars')
      .layout(figure)
      .key.map((k) => k.lines.join(' ').replace(/\u00a0/g, ' '));
    expect(key).toContain(`At or above the 90th percentile (${value('90th percentile')} days or more)`);
    expect(key).toContain(
      `Middle half of the answers, lower to upper quartile (${value('Lower quartile')} to ${value('Upper quartile')} days)`,
    );
  });

  it('is taller than the strip was, and its alt text says what is drawn: a histogram out to the longest answer', () => {
    expect(chartKind('bars').layout(figure).plotHeight).toBeGreaterThanOrEqual(200);
    const summary = chartKind('bars').summary(figure);
    expect(summary).toMatch(/^Histogram of the answers/);
    expect(summary).not.toMatch(/strip/i);
    const tail = answers.filter((a) => a >= value('90th percentile')).length;
    expect(summary).toContain(`are ${tail} respondents of ${answers.length}`);
    expect(summary).toContain(`longest answer, ${Math.max(...answers)} days`);
    // The unit once in a range (as the keys write it): "from 2 to 52 days", not "2 days to 52 days".
    expect(summary).toContain(`from ${Math.min(...answers)} to ${Math.max(...answers)} days`);
    expect(summary).not.toMatch(/\d days to \d/);
  });

  it('prints the same bars and tail in the report, with the web’s key', () => {
    const model = printChartModel(figure, surveyCredit(series.data!));
    expect(model.kind).toBe('histogram');
    const given = figure.survey!.bins!.bins.filter((b) => b.count > 0);
    expect(model.histogram!.bars.map((b) => b.tail)).toEqual(given.map((b) => b.from >= value('90th percentile')));
    expect(model.histogram!.key.tail.replace(/\u00a0/g, ' ')).toBe(
      `At or above the 90th percentile (${value('90th percentile')} days or more)`,
    );
    expect(model.keys.interval).toBeUndefined();
  });

  it('publishes counts, never a respondent’s row: the JSON has the bins and no answer list', () => {
    const json = JSON.stringify(figure);
    expect(json).toContain('"bins"');
    expect(json).not.toContain('"answers"');
    expect(json).not.toContain(answers.slice(0, 20).join(','));
  });
});

describe('histogram bins', () => {
  it('a bar a unit for whole answers, empty units kept; a given width groups them', () => {
    expect(histogramBins([2, 2, 5])).toEqual({
      width: 1,
      whole: true,
      bins: [
        { from: 2, to: 3, count: 2 },
        { from: 3, to: 4, count: 0 },
        { from: 4, to: 5, count: 0 },
        { from: 5, to: 6, count: 1 },
      ],
    });
    expect(histogramBins([1, 6, 7, 13], 7).bins).toEqual([
      { from: 0, to: 7, count: 2 },
      { from: 7, to: 14, count: 2 },
    ]);
    // A wide spread of answers gets a round width, about 30 bars.
    const wide = histogramBins([0, 500, 1000]);
    expect(wide.width).toBe(50);
    expect(wide.bins).toHaveLength(21);
  });
});

describe('what a histogram or tail-share refuses, naming file, figure and field', () => {
  const small = fileURLToPath(new URL('fixtures/survey/small', import.meta.url));
  const survey = loadSurvey(small, root, 'test');
  const error = (spec: Record<string, unknown>) => {
    try {
      FigureSchema.parse(surveyFigure({ id: 'f', title: 'x', kind: 'bars', survey: spec }, survey, 'figures.json'));
    } catch (e) {
      return (e as Error).message;
    }
    return 'no error';
  };

  it('an option of another computation', () => {
    expect(error({ question: 'q5', compute: 'spread', binWidth: 2 })).toBe(
      'figures.json: figure "f": field "survey.binWidth" is for "compute": "histogram" only, and this figure computes "spread": remove it',
    );
    expect(error({ question: 'q5', compute: 'histogram', atOrAbove: 90 })).toBe(
      'figures.json: figure "f": field "survey.atOrAbove" is for "compute": "tail-share" only, and this figure computes "histogram": remove it',
    );
  });

  it('a width that is no positive number, or that makes too many bars; a percentile out of range', () => {
    expect(error({ question: 'q5', compute: 'histogram', binWidth: 0 })).toContain(
      'figures.json: figure "f": field "survey.binWidth" must be more than 0',
    );
    expect(error({ question: 'q5', compute: 'histogram', binWidth: 0.01 })).toBe(
      'figures.json: figure "f": field "survey.binWidth": 0.01 makes 901 bars from 1 to 10; at most 100 fit a chart: make it wider',
    );
    expect(error({ question: 'q5', compute: 'tail-share', atOrAbove: 100 })).toContain(
      'figures.json: figure "f": field "survey.atOrAbove" must be a whole number from 50 to 99 (a percentile)',
    );
  });

  it('groups, a question that is not a number, and weighted responses', () => {
    expect(error({ question: 'q5', compute: 'histogram', segmentBy: 'q2' })).toContain(
      'figures.json: figure "f": field "survey.segmentBy": "histogram" is computed of all who answered, not by group',
    );
    expect(error({ question: 'q6', compute: 'tail-share' })).toContain(
      'figures.json: figure "f": field "survey.compute": "tail-share" cannot be computed from question "q6", a "scale" question',
    );
    const dir = mkdtempSync(join(tmpdir(), 'histogram-weights-'));
    try {
      cpSync(small, dir, { recursive: true });
      const file = join(dir, 'survey/responses.csv');
      const lines = readFileSync(file, 'utf8').trim().split('\n');
      writeFileSync(file, [`${lines[0]},w`, ...lines.slice(1).map((l, i) => `${l},${1 + (i % 2)}`)].join('\n'));
      writeFileSync(
        join(dir, 'survey/survey.yaml'),
        `${readFileSync(join(dir, 'survey/survey.yaml'), 'utf8')}weights: w\n`,
      );
      const weighted = loadSurvey(dir, dir, 'test');
      expect(() =>
        surveyFigure(
          { id: 'f', title: 'x', kind: 'bars', survey: { question: 'q5', compute: 'histogram' } },
          weighted,
          'figures.json',
        ),
      ).toThrow(
        /field "survey.compute": "histogram" draws counts of respondents, and .*responses.csv weights them: use "spread"/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
