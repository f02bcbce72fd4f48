import type { Figure } from '../../schema/figure.ts';
import { axisPosition, valueAxis, type ValueAxis } from '../axis.ts';
import {
  CHART,
  keyEntry,
  keyHeight,
  pct,
  svgKey,
  svgPlot,
  svgText,
  type ChartLayout,
  type KeyEntry,
} from '../shared.ts';
import { figureAxis, figureAxisEnd, figureTick, figureValue } from '../unit.ts';
import { respondentsText } from '../summary.ts';
import { carriedIntervalText, rangeText } from '../interval.ts';

/**
 * Every answer to a number question (a figure computed with `"compute": "histogram"`), drawn as a histogram on the
 * unit's axis: a bar per bin (per day where the answers are whole days), its height the count of respondents, with
 * a count scale on the right. The bars at or above the 90th percentile are in the second series colour, so the
 * slowest tenth the text discusses is drawn, out to the longest answer; the middle half (lower to upper quartile)
 * is a band behind the bars; the median a line across them, labelled above; the mean a diamond with its 95%
 * interval, labelled on the side away from the median. Its table and downloads keep the rows of a spread (the
 * percentiles and the mean, each with its interval); the counts are in the figure's `survey.bins`.
 */

/** Whether `figure` is a histogram. */
export const isHistogram = (figure: Pick<Figure, 'survey'>) =>
  figure.survey?.compute === 'histogram' && figure.survey.bins !== undefined;

/** The median's label row, the mean's row, then the bars. */
const MEDIAN_BASELINE = 13;
const MEAN_MID = CHART.lineHeight + 10;
const BARS_TOP = MEAN_MID + 16;
/** Tall enough that a bin of one respondent still shows at 5% of the tallest. */
const BARS_HEIGHT = 160;
const PLOT_HEIGHT = BARS_TOP + BARS_HEIGHT;

type Bins = NonNullable<NonNullable<Figure['survey']>['bins']>;

const binsOf = (figure: Figure): Bins => figure.survey!.bins!;
const valueOf = (figure: Figure, label: string) => figure.rows.find((r) => r.label === label)?.value ?? 0;
const meanInterval = (figure: Figure) => figure.rows.find((r) => r.label === 'Mean')?.interval;

/** A value as the key writes it, its number and unit held together by a no-break space ("6 days"). */
const unbroken = (text: string) => text.replace(/ /g, '\u00a0');

/**
 * Where a bin's bar is drawn on the axis: from `from` to `to`, or, where the answers are whole numbers, over the
 * half units around the answers it holds (the bar of 9 days is centred on 9, from 8.5 to 9.5).
 */
export function binSpan(bins: Bins, bin: Bins['bins'][number]): [number, number] {
  return bins.whole ? [bin.from - 0.5, bin.to - 0.5] : [bin.from, bin.to];
}

/** Whether a bin is at or above the 90th percentile: drawn in the second colour, as the slow tail. */
const inTail = (figure: Figure, bin: Bins['bins'][number]) => bin.from >= valueOf(figure, '90th percentile');

/** The day axis: from 0 (or the lowest bar) to a round end past the last bar, ticks as the unit's. */
export function histogramAxis(figure: Figure): ValueAxis {
  const bins = binsOf(figure);
  const ends = bins.bins.flatMap((bin) => binSpan(bins, bin));
  return figureAxis({
    ...figure,
    rows: [
      ...figure.rows.map((r) => ({ ...r, interval: undefined })),
      ...ends.map((value) => ({ ...figure.rows[0]!, value, interval: undefined })),
    ],
  });
}

/** The count scale: from 0 to a round number at or above the tallest bar, in whole steps. */
export function countAxis(figure: Figure): ValueAxis {
  return valueAxis({ unit: 'count' }, [Math.max(...binsOf(figure).bins.map((b) => b.count))]);
}

/** What the bars count: "Respondents giving each answer", or per bin of several units ("per 7 days"). */
function barsText(figure: Figure): string {
  const { width, whole } = binsOf(figure);
  const per = whole && width === 1 ? 'giving each answer' : `per ${unbroken(figureValue(figure, width))}`;
  return `Respondents ${per} (count on the right)`;
}

export function histogramKey(figure: Figure): KeyEntry[] {
  const v = (label: string) => figureValue(figure, valueOf(figure, label));
  const interval = meanInterval(figure);
  return [
    keyEntry('fill-1', barsText(figure)),
    keyEntry('fill-2', `At or above the 90th percentile (${unbroken(v('90th percentile'))} or more)`),
    keyEntry(
      'track',
      `Middle half of the answers, lower to upper quartile (${unbroken(rangeText(v('Lower quartile'), v('Upper quartile')))})`,
    ),
    ...(interval
      ? [keyEntry('mean', `Mean, with its 95% interval (${unbroken(carriedIntervalText(figure, interval))})`)]
      : []),
  ];
}

export function histogramLayout(figure: Figure): ChartLayout {
  const key = histogramKey(figure);
  return {
    kind: figure.kind,
    height: PLOT_HEIGHT + CHART.axisHeight + 8 + keyHeight(key),
    plotHeight: PLOT_HEIGHT,
    band: BARS_HEIGHT,
    labels: [],
    key,
    barThickness: BARS_HEIGHT,
  };
}

/** How a label at `x`% of the axis is anchored so that it stays inside the chart. */
const anchorAt = (x: number) => (x < 25 ? 'start' : x > 75 ? 'end' : 'middle');

export function histogramSvg(figure: Figure, layout: ChartLayout): string {
  const bins = binsOf(figure);
  const axis = histogramAxis(figure);
  const counts = countAxis(figure);
  const x = (value: number) => axisPosition(axis, value);
  const y = (count: number) => PLOT_HEIGHT - (BARS_HEIGHT * count) / counts.max;
  const line = (cls: string, x1: number, x2: number, y1: number, y2: number, extra = '') =>
    `<line class="${cls}" x1="${pct(x1)}" x2="${pct(x2)}" y1="${y1}" y2="${y2}"${extra} />`;
  const half = bins.whole ? 0.5 : 0;
  const [q1, median, mean, q3] = ['Lower quartile', 'Median', 'Mean', 'Upper quartile'].map((l) =>
    valueOf(figure, l),
  ) as [number, number, number, number];
  // The count scale: a line at each step across the bars, its count at the right end.
  const grid = counts.ticks.map(
    (t) =>
      line('mt-chart-grid', 0, 100, y(t), y(t)) +
      (t === 0 ? '' : svgText('100%', y(t) + 4, String(t), 'class="mt-chart-tick" dx="4"')),
  );
  // The middle half, behind the bars: over the bars of the quartiles' answers.
  const band = `<rect class="mt-chart-track" x="${pct(x(q1 - half))}" y="${BARS_TOP}" width="${pct(x(q3 + half) - x(q1 - half))}" height="${BARS_HEIGHT}" />`;
  const bars = bins.bins
    .filter((bin) => bin.count > 0)
    .map((bin) => {
      const [from, to] = binSpan(bins, bin).map(x) as [number, number];
      // A gap between neighbours: each bar is 80% of its bin, centred.
      const inset = (to - from) * 0.1;
      return `<rect class="mt-chart-fill-${inTail(figure, bin) ? 2 : 1}" x="${pct(from + inset)}" y="${y(bin.count)}" width="${pct(to - from - 2 * inset)}" height="${PLOT_HEIGHT - y(bin.count)}" />`;
    });
  const interval = meanInterval(figure);
  const label = (name: string, at: number, baseline: number, anchor: string, dx = 0) =>
    svgText(
      pct(x(at)),
      baseline,
      `${name} ${figureValue(figure, at)}`,
      `class="mt-chart-value" text-anchor="${anchor}"${dx ? ` dx="${dx}"` : ''}`,
    );
  // The mean's label on the side away from the median (its line crosses the mean's row).
  const right = mean >= median;
  const meanMarks = [
    ...(interval
      ? [
          `<g class="mt-chart-mean-interval"><rect class="mt-chart-fill-1" x="${pct(x(interval.low))}" y="${MEAN_MID - 2}" width="${pct(x(interval.high) - x(interval.low))}" height="4" />${line('mt-chart-stroke-1', x(interval.low), x(interval.low), MEAN_MID - 6, MEAN_MID + 6, ' stroke-width="2"')}${line('mt-chart-stroke-1', x(interval.high), x(interval.high), MEAN_MID - 6, MEAN_MID + 6, ' stroke-width="2"')}</g>`,
        ]
      : []),
    `<svg x="${pct(x(mean))}" y="${MEAN_MID}" width="1" height="1" overflow="visible"><path class="mt-chart-fill-1 mt-chart-stroke-1" d="M0,-6 L6,0 L0,6 L-6,0 Z" /></svg>`,
    label('Mean', mean, MEAN_MID + 5, right ? 'start' : 'end', right ? 12 : -12),
  ];
  const body = [
    band,
    ...grid,
    ...bars,
    // The median: a line from under its label down through the bars.
    line('mt-chart-stroke-3', x(median), x(median), MEDIAN_BASELINE + 4, PLOT_HEIGHT, ' stroke-width="2"'),
    label('Median', median, MEDIAN_BASELINE, anchorAt(x(median))),
    ...meanMarks,
  ].join('');
  const plot = svgPlot(
    layout.plotHeight,
    body,
    0,
    0,
    CHART.barArea * 100,
    { axis, tick: (t) => figureTick(figure, t), end: (t) => figureAxisEnd(figure, t) },
    // No grid line up through the bars: a short tick under the axis at each step.
    [[PLOT_HEIGHT, PLOT_HEIGHT + 4]],
  );
  return [plot, svgKey(figure.id, layout.key, layout.plotHeight + CHART.axisHeight + 8)].join('');
}

/** What a screen reader hears in place of the histogram: what is drawn, from the bars and the marked values. */
export function histogramSummary(figure: Figure, surveySize?: number): string {
  const bins = binsOf(figure);
  const v = (label: string) => figureValue(figure, valueOf(figure, label));
  const filled = bins.bins.filter((b) => b.count > 0);
  const total = filled.reduce((s, b) => s + b.count, 0);
  const tallest = filled.reduce((a, b) => (b.count > a.count ? b : a));
  const tail = filled.filter((b) => inTail(figure, b)).reduce((s, b) => s + b.count, 0);
  const bin = (b: Bins['bins'][number]) =>
    bins.whole && bins.width === 1
      ? figureValue(figure, b.from)
      : rangeText(figureValue(figure, b.from), figureValue(figure, b.to));
  const per = bins.whole && bins.width === 1 ? 'a bar per answer' : `a bar per ${figureValue(figure, bins.width)}`;
  const people = (n: number) => `${n} ${n === 1 ? 'respondent' : 'respondents'}`;
  return (
    `Histogram of the answers, ${respondentsText(figure, surveySize)}: ${per}, ${rangeText(bin(filled[0]!), bin(filled.at(-1)!)).replace(/^/, 'from ')}; ` +
    `the tallest bar ${bin(tallest)}, ${people(tallest.count)}. The middle half lies ${rangeText(v('Lower quartile'), v('Upper quartile')).replace(/^/, 'from ')}, ` +
    `the median is ${v('Median')} and the mean ${v('Mean')}. At or above the 90th percentile, ${v('90th percentile')}, are ${people(tail)} of ${total}, ` +
    `drawn in a second colour out to the longest answer, ${bin(filled.at(-1)!)}.`
  );
}

/** A histogram's drawing as positions on 0-100 tracks, for the print (charts.typ): the same bars, band and key. */
export interface HistogramPrint {
  /** Each bar: where it starts and ends on the day axis, its height on the count scale, whether in the tail. */
  bars: { from: number; to: number; height: number; tail: boolean }[];
  /** The count scale's steps: height on it, and the count. */
  counts: { at: number; text: string }[];
  /** The middle half's band on the day axis. */
  band: { from: number; to: number };
  /** The key's texts, as the web's: bars, tail, band and (where computed) the mean. */
  key: { bars: string; tail: string; band: string; mean?: string };
}

export function histogramPrint(figure: Figure): HistogramPrint {
  const bins = binsOf(figure);
  const axis = histogramAxis(figure);
  const counts = countAxis(figure);
  const x = (value: number) => round(axisPosition(axis, value));
  const half = bins.whole ? 0.5 : 0;
  const [bars, tail, band, mean] = histogramKey(figure).map((entry) => entry.lines.join(' '));
  return {
    bars: bins.bins
      .filter((bin) => bin.count > 0)
      .map((bin) => {
        const [from, to] = binSpan(bins, bin).map(x) as [number, number];
        return { from, to, height: round((100 * bin.count) / counts.max), tail: inTail(figure, bin) };
      }),
    counts: counts.ticks.map((t) => ({ at: round((100 * t) / counts.max), text: String(t) })),
    band: { from: x(valueOf(figure, 'Lower quartile') - half), to: x(valueOf(figure, 'Upper quartile') + half) },
    key: { bars: bars!, tail: tail!, band: band!, ...(mean ? { mean } : {}) },
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
