import { mean, quantile, quantileSorted, weightedMean, weightedQuantile } from 'simple-statistics';
import { randomInt, randomLcg } from 'd3-random';
import { wilsonInterval, Z_95, type Interval } from '../stats/wilson.ts';
import { wasAsked, type Question } from './questionnaire.ts';
import type { Respondent } from './responses.ts';
import { SPREAD_ROWS } from './spread-rows.ts';
import { COMPUTATIONS, type Computation } from './computations.ts';

/**
 * The values a figure computes from the responses to one question, each with its 95% interval:
 * - shares: per answer, the (weighted) share of those who answered; multiple-choice shares can add to more
 *   than 100%. Wilson interval over the Kish effective sample size (the number of answers when unweighted).
 * - top2box: the share choosing one of the top two points of a scale, with the same interval.
 * - nps: the Net Promoter Score of a 0–10 scale, % promoters (9–10) minus % detractors (0–6); its interval
 *   is the normal approximation for a mean of +1/0/−1 scores over the effective sample size.
 * - nps-groups: the split behind an NPS: the shares of detractors (0–6), passives (7–8) and promoters (9–10),
 *   adding up to 100%, each with the Wilson interval of a share.
 * - mean, median, quartiles: of a number or a scale, with a percentile bootstrap interval (4,000 resamples
 *   of respondents, seeded, so every build gives the same bounds; a ratio of two groups' values takes 10,000).
 * - spread: the shape of a number's answers, for a box-plot-like strip: the 10th percentile, the quartiles,
 *   the mean and the 90th percentile, each with the same bootstrap interval.
 * - histogram: the rows of a spread, and the figure carries the counts of respondents per bin (`histogramBins`)
 *   to draw every answer, the longest included.
 * - tail-share: of the respondents at or above a percentile of a number (`atOrAbove`, 90 for the top tenth),
 *   their share of those who answered and their share of the sum of all answers ("all days"), each with the
 *   bootstrap interval (each resample finds its own percentile, then the two shares).
 */

export { COMPUTATIONS, type Computation };

/** The unit of a computed value, as the figure schema names it. */
export type ComputedUnit = 'percent' | 'count' | 'currency' | 'days' | 'score';

/** How each computation's interval is made, as the downloads and docs name the method. */
export const COMPUTED_INTERVAL_METHODS: Record<Computation, string> = {
  shares: '95% Wilson score interval over the effective sample size (Kish)',
  top2box: '95% Wilson score interval over the effective sample size (Kish)',
  'nps-groups': '95% Wilson score interval over the effective sample size (Kish)',
  nps: '95% normal-approximation interval of the mean of promoter (+1), passive (0) and detractor (−1) scores, over the effective sample size (Kish)',
  mean: '95% percentile bootstrap interval (4,000 resamples of respondents, seed 20240601)',
  median: '95% percentile bootstrap interval (4,000 resamples of respondents, seed 20240601)',
  quartiles: '95% percentile bootstrap interval (4,000 resamples of respondents, seed 20240601)',
  spread: '95% percentile bootstrap interval (4,000 resamples of respondents, seed 20240601)',
  histogram: '95% percentile bootstrap interval (4,000 resamples of respondents, seed 20240601)',
  'tail-share':
    '95% percentile bootstrap interval (4,000 resamples of respondents, seed 20240601; each resample finds its own percentile)',
};

/**
 * Resamples of a mean's, median's or quartile's interval: their bounds, printed to a tenth, move by at most a tenth
 * between seeds, and 500 respondents compute within the build's budget (`npm run bench:survey`: 100 ms).
 */
export const BOOTSTRAP_RESAMPLES = 4_000;
/**
 * Resamples of a ratio's interval: its upper tail is long, and at 2,000 its bound moved from 4.53 to 4.80 between
 * seeds (issue 21, round 14); one ratio a figure, so the cost is small.
 */
export const RATIO_RESAMPLES = 10_000;
export const BOOTSTRAP_SEED = 20240601;

export interface ComputedRow {
  label: string;
  value: number;
  interval: Interval;
}

export interface ComputedValues {
  unit: ComputedUnit;
  rows: ComputedRow[];
  /** Respondents asked: every row of responses.csv in scope, or those the question's skip rule selects. */
  asked: number;
  /** Respondents who answered the question. */
  answered: number;
  /** The Kish effective sample size of those who answered: `answered` when unweighted, smaller with weights. */
  effectiveN: number;
}

/** Which computations each question type allows. */
export const ALLOWED: Record<Question['type'], readonly Computation[]> = {
  single: ['shares'],
  multiple: ['shares'],
  scale: ['shares', 'top2box', 'nps', 'nps-groups', 'mean', 'median', 'quartiles', 'spread'],
  number: ['mean', 'median', 'quartiles', 'spread', 'histogram', 'tail-share'],
  text: [],
};

/** Why `compute` cannot be made of `question`, or undefined when it can. */
export function computationProblem(question: Question, compute: Computation): string | undefined {
  if (question.type === 'text') {
    return `question "${question.id}" is free text, which is never published: no figure may compute from it`;
  }
  if (!ALLOWED[question.type].includes(compute)) {
    return `"${compute}" cannot be computed from question "${question.id}", a "${question.type}" question (it allows ${ALLOWED[
      question.type
    ]
      .map((c) => `"${c}"`)
      .join(', ')})`;
  }
  if ((compute === 'nps' || compute === 'nps-groups') && (question.scale!.min !== 0 || question.scale!.max !== 10)) {
    return `"${compute}" needs a 0–10 scale, and question "${question.id}" is ${question.scale!.min}–${question.scale!.max}`;
  }
  if (compute === 'top2box' && question.scale!.max - question.scale!.min < 2) {
    return `"top2box" needs a scale of at least three points`;
  }
  return undefined;
}

/** The Kish effective sample size of a set of weights: (Σw)² / Σw²; the count when all are equal. */
export function effectiveSampleSize(weights: readonly number[]): number {
  const total = weights.reduce((s, w) => s + w, 0);
  const squares = weights.reduce((s, w) => s + w * w, 0);
  return squares === 0 ? 0 : (total * total) / squares;
}

/**
 * A computed value as the dataset and the downloads keep it: to four decimals, which drops floating-point noise
 * (10.999999999 stays 11) but no digit a reader could use; pages, charts and the report round it when they write
 * it (one precision per figure: see `computedDigits` in src/lib/chart/unit.ts).
 */
export function roundValue(value: number): number {
  return Math.round(value * 1e4) / 1e4 + 0;
}

const roundInterval = (interval: Interval): Interval => ({
  low: roundValue(interval.low),
  high: roundValue(interval.high),
});

/** A scale point's words, or the number. */
export function scaleLabel(question: Question, point: number): string {
  return question.scale?.labels?.[String(point)] ?? String(point);
}

function share(selected: readonly boolean[], weights: readonly number[]): { value: number; interval: Interval } {
  const total = weights.reduce((s, w) => s + w, 0);
  const chosen = weights.reduce((s, w, i) => s + (selected[i] ? w : 0), 0);
  const value = (100 * chosen) / total;
  return { value: roundValue(value), interval: roundInterval(wilsonInterval(value, effectiveSampleSize(weights))) };
}

/**
 * A statistic of (value, weight) pairs. Given `ONES` as the weights, the values are unweighted and sorted
 * ascending, as every unweighted resample is drawn (`SortedResampler`), so a quantile is read, not searched for.
 */
type Statistic = (values: number[], weights: number[]) => number;

/**
 * Draws resamples of n unweighted values, each already sorted: the values are sorted once; a resample counts how
 * often each of the n positions is drawn (n draws from `pick`, as an unsorted resample makes) and writes each value
 * that many times in order. That is O(n) a resample, where sorting it would be O(n log n): what lets 10,000
 * resamples stay within the build's budget (`npm run bench:survey`).
 */
function sortedResampler(values: readonly number[], pick: () => number): () => number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  const counts = new Int32Array(n);
  const out = new Array<number>(n);
  return () => {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[pick()]!++;
    let k = 0;
    for (let j = 0; j < n; j++) for (let c = counts[j]!; c > 0; c--) out[k++] = sorted[j]!;
    return out;
  };
}

/**
 * Percentile bootstrap 95% intervals of `statistics` over the same resamples of the (value, weight) pairs:
 * BOOTSTRAP_RESAMPLES draws of n respondents with replacement, from a generator seeded with BOOTSTRAP_SEED.
 * Unweighted values are resampled sorted and handed on with `ONES` as their weights.
 */
function bootstrap(values: readonly number[], weights: readonly number[], statistics: Statistic[]): Interval[] {
  const n = values.length;
  const pick = randomInt.source(randomLcg(BOOTSTRAP_SEED / 2 ** 32))(0, n);
  const results = statistics.map(() => new Array<number>(BOOTSTRAP_RESAMPLES));
  const even = allOne(weights);
  const resample = even ? sortedResampler(values, pick) : undefined;
  const v = new Array<number>(n);
  const w = new Array<number>(n);
  for (let b = 0; b < BOOTSTRAP_RESAMPLES; b++) {
    if (resample) {
      const sorted = resample();
      statistics.forEach((statistic, k) => (results[k]![b] = statistic(sorted, ONES)));
      continue;
    }
    for (let i = 0; i < n; i++) {
      const j = pick();
      v[i] = values[j]!;
      w[i] = weights[j]!;
    }
    statistics.forEach((statistic, k) => (results[k]![b] = statistic(v, w)));
  }
  return results.map((sample) => {
    sample.sort((a, b) => a - b);
    return { low: quantileSorted(sample, 0.025), high: quantileSorted(sample, 0.975) };
  });
}

const allOne = (weights: readonly number[]) => weights.every((w) => w === 1);

/** Passed as the weights of sorted resamples of unweighted answers: the statistics then take the unweighted path. */
const ONES: number[] = [];

/** The mean, weighted where weights differ. */
const meanOf: Statistic = (values, weights) =>
  weights === ONES || allOne(weights) ? mean(values) : weightedMean(values, weights);

/**
 * A quantile, weighted where weights differ (simple-statistics' quantile and weightedQuantile); of a sorted
 * resample (weights `ONES`), read off directly, as `quantile` would find it.
 */
const quantileOf =
  (p: number): Statistic =>
  (values, weights) =>
    weights === ONES
      ? quantileSorted(values, p)
      : allOne(weights)
        ? quantile(values, p)
        : weightedQuantile(values, weights, p);

/** The percentile a "tail-share" starts at where the figure names none: the top tenth. */
export const TAIL_FROM = 90;

/** "90th", "91st", "92nd", "93rd": a percentile as the rows name it. */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10];
  return `${n}${suffix ?? 'th'}`;
}

/**
 * The two rows of a "tail-share" at percentile `from`: who is in the tail, and what they hold of the total, named
 * as `<Stat label>` quotes them: "Respondents at or above the 90th percentile", "Their share of all days" (of
 * "the sum of all answers" in another unit).
 */
export function tailLabels(question: Question, from: number): [respondents: string, total: string] {
  const total = question.unit === 'days' ? 'all days' : 'the sum of all answers';
  return [`Respondents at or above the ${ordinal(from)} percentile`, `Their share of ${total}`];
}

/**
 * The share (in percent) of the weight of those at or above the `p` quantile, or (`ofTotal`) of the sum of their
 * answers, each answer times its weight: the statistics of a "tail-share". Who is in the tail is decided by the
 * quantile of the same (resampled) answers.
 */
const tailOf =
  (p: number, ofTotal: boolean): Statistic =>
  (values, weights) => {
    const threshold = quantileOf(p)(values, weights);
    const w = (i: number) => (weights === ONES ? 1 : weights[i]!);
    let part = 0;
    let whole = 0;
    values.forEach((v, i) => {
      const x = ofTotal ? v * w(i) : w(i);
      whole += x;
      if (v >= threshold) part += x;
    });
    return whole === 0 ? 0 : (100 * part) / whole;
  };

/**
 * Counts of respondents per bin of a number's answers, from the lowest answer's bin to the highest's, empty bins
 * included (a gap in the answers is part of their shape): a bin holds the answers `from` ≤ answer < `to`. `width` is
 * the figure's `binWidth`, else one unit where the answers are whole numbers spanning at most 60 (a bar a day), else
 * a round width giving about 30 bins. Counts only: a count is published, never which respondent gave what.
 */
export function histogramBins(values: readonly number[], width?: number): HistogramBins {
  const low = Math.min(...values);
  const high = Math.max(...values);
  const whole = values.every((v) => Number.isInteger(v));
  const step = width ?? (whole && high - low < MAX_DAILY_BINS ? 1 : niceWidth((high - low) / 30, whole));
  const first = Math.floor(low / step);
  const count = Math.floor(high / step) - first + 1;
  const counts = new Array<number>(count).fill(0);
  for (const v of values) counts[Math.floor(v / step) - first]!++;
  return {
    width: step,
    whole,
    bins: counts.map((n, i) => ({
      from: roundValue((first + i) * step),
      to: roundValue((first + i + 1) * step),
      count: n,
    })),
  };
}

export interface HistogramBins {
  /** The width of every bin, in the question's unit. */
  width: number;
  /** True where every answer is a whole number: a bin of width 1 then holds one answer, drawn centred on it. */
  whole: boolean;
  bins: { from: number; to: number; count: number }[];
}

/** Bins a histogram draws a bar each for, unless the figure sets `binWidth`: more would be thinner than 4 px on a phone. */
export const MAX_DAILY_BINS = 60;
/** The most bins a `binWidth` may make. */
export const MAX_BINS = 100;

/** A round bin width (1, 2 or 5 times a power of ten) at least `raw`; whole numbers for whole answers. */
function niceWidth(raw: number, whole: boolean): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const width = [1, 2, 5, 10].map((m) => m * power).find((w) => w >= raw - 1e-9)!;
  return whole ? Math.max(1, Math.round(width)) : width;
}

/** The rows of `compute` over `respondents`' answers to `question` (`from`: a "tail-share"'s percentile). */
export function computeValues(
  question: Question,
  respondents: readonly Respondent[],
  compute: Computation,
  from: number = TAIL_FROM,
): ComputedValues {
  // Who was asked: every respondent in scope, or those the question's skip rule selects.
  const asked = respondents.filter((r) => wasAsked(question, r.answers));
  const answered = asked.filter((r) => r.answers[question.id] !== undefined);
  const weights = answered.map((r) => r.weight);
  const answers = answered.map((r) => r.answers[question.id]);
  const base = {
    asked: asked.length,
    answered: answered.length,
    effectiveN: roundValue(effectiveSampleSize(weights)),
  };
  if (answered.length === 0) return { unit: unitOf(question, compute), rows: [], ...base };
  const numbers = answers as number[];
  let rows: ComputedRow[];
  switch (compute) {
    case 'shares': {
      const points =
        question.type === 'scale'
          ? Array.from({ length: question.scale!.max - question.scale!.min + 1 }, (_, i) => {
              const point = question.scale!.min + i;
              return { label: scaleLabel(question, point), test: (a: unknown) => a === point };
            })
          : question.options!.map((o) => ({
              label: o.label,
              test: (a: unknown) => (Array.isArray(a) ? a.includes(o.value) : a === o.value),
            }));
      rows = points.map(({ label, test }) => ({ label, ...share(answers.map(test), weights) }));
      break;
    }
    case 'top2box': {
      const { max } = question.scale!;
      const label = `${scaleLabel(question, max - 1)} or ${scaleLabel(question, max)}`;
      rows = [
        {
          label,
          ...share(
            numbers.map((a) => a >= max - 1),
            weights,
          ),
        },
      ];
      break;
    }
    case 'nps': {
      const total = weights.reduce((s, w) => s + w, 0);
      const promoters = numbers.reduce((s, a, i) => s + (a >= 9 ? weights[i]! : 0), 0) / total;
      const detractors = numbers.reduce((s, a, i) => s + (a <= 6 ? weights[i]! : 0), 0) / total;
      const nps = promoters - detractors;
      const se = Math.sqrt((promoters + detractors - nps * nps) / effectiveSampleSize(weights));
      const interval = {
        low: Math.max(-100, 100 * (nps - Z_95 * se)),
        high: Math.min(100, 100 * (nps + Z_95 * se)),
      };
      rows = [{ label: 'Net Promoter Score', value: roundValue(100 * nps), interval: roundInterval(interval) }];
      break;
    }
    case 'nps-groups': {
      const groups: [string, (a: number) => boolean][] = [
        ['Detractors', (a) => a <= 6],
        ['Passives', (a) => a === 7 || a === 8],
        ['Promoters', (a) => a >= 9],
      ];
      rows = groups.map(([label, test]) => ({ label, ...share(numbers.map(test), weights) }));
      break;
    }
    case 'mean':
      rows = statRows([['Mean', meanOf]], numbers, weights);
      break;
    case 'median':
      rows = statRows([['Median', quantileOf(0.5)]], numbers, weights);
      break;
    case 'quartiles':
      rows = statRows(
        [
          ['Lower quartile', quantileOf(0.25)],
          ['Median', quantileOf(0.5)],
          ['Upper quartile', quantileOf(0.75)],
        ],
        numbers,
        weights,
      );
      break;
    case 'tail-share': {
      const [tail, total] = tailLabels(question, from);
      rows = statRows(
        [
          [tail, tailOf(from / 100, false)],
          [total, tailOf(from / 100, true)],
        ],
        numbers,
        weights,
      );
      break;
    }
    case 'spread':
    case 'histogram':
      rows = statRows(
        SPREAD_ROWS.map(([label, p]) => [label, p === 'mean' ? meanOf : quantileOf(p)]),
        numbers,
        weights,
      );
      break;
  }
  return { unit: unitOf(question, compute), rows, ...base };
}

/** Rows of statistics of the same answers, with intervals from one set of bootstrap resamples. */
function statRows(rows: [label: string, statistic: Statistic][], values: number[], weights: number[]): ComputedRow[] {
  const intervals = bootstrap(
    values,
    weights,
    rows.map(([, statistic]) => statistic),
  );
  return rows.map(([label, statistic], i) => ({
    label,
    value: roundValue(statistic(values, weights)),
    interval: roundInterval(intervals[i]!),
  }));
}

/** The unit of a computation's values: percent for shares, score for NPS and scales, else the question's. */
export function unitOf(question: Question, compute: Computation): ComputedUnit {
  if (compute === 'shares' || compute === 'top2box' || compute === 'nps-groups' || compute === 'tail-share') {
    return 'percent';
  }
  if (compute === 'nps' || question.type === 'scale') return 'score';
  return question.unit ?? 'count';
}

/** The computations a ratio between two groups can be made of: a share, or a mean or median of numbers. */
export const RATIO_COMPUTATIONS: readonly Computation[] = ['shares', 'top2box', 'mean', 'median'];

/** One group's answers to `question`, as the numbers and weights `statistic` is computed over. */
function ratioInputs(question: Question, respondents: readonly Respondent[], compute: Computation, label: string) {
  const answered = respondents.filter((r) => wasAsked(question, r.answers) && r.answers[question.id] !== undefined);
  const weights = answered.map((r) => r.weight);
  const answers = answered.map((r) => r.answers[question.id]);
  if (compute === 'mean' || compute === 'median') {
    return { values: answers as number[], weights, statistic: compute === 'mean' ? meanOf : quantileOf(0.5) };
  }
  // A share is the weighted mean of 1 (chose the answer) and 0: the label picks the answer, as computeValues names it.
  let chose: (answer: unknown) => boolean;
  if (compute === 'top2box') {
    chose = (a) => (a as number) >= question.scale!.max - 1;
  } else if (question.type === 'scale') {
    const point = Array.from(
      { length: question.scale!.max - question.scale!.min + 1 },
      (_, i) => question.scale!.min + i,
    ).find((p) => scaleLabel(question, p) === label);
    chose = (a) => a === point;
  } else {
    const option = question.options!.find((o) => o.label === label)?.value;
    chose = (a) => (Array.isArray(a) ? a.includes(option) : a === option);
  }
  return { values: answers.map((a) => (chose(a) ? 1 : 0)), weights, statistic: meanOf };
}

export interface RatioValue {
  /** The ratio of the two groups' values as measured. */
  value: number;
  /** Its 95% percentile bootstrap interval. */
  interval: Interval;
}

/**
 * How many times one group's value is another's (`of` ÷ `over`), with a 95% percentile bootstrap interval:
 * RATIO_RESAMPLES times, each group's respondents are resampled with replacement on their own (a stratified
 * bootstrap, from a generator seeded with BOOTSTRAP_SEED) and the ratio of the two values taken. Unlike a range
 * from the ends of two separate intervals, it is the interval of the ratio itself, and so narrower.
 */
export function ratioValue(
  question: Question,
  of: readonly Respondent[],
  over: readonly Respondent[],
  compute: Computation,
  label: string,
): RatioValue {
  const a = ratioInputs(question, of, compute, label);
  const b = ratioInputs(question, over, compute, label);
  const ratio = (x: number, y: number) => x / y;
  const sample = new Array<number>(RATIO_RESAMPLES);
  const pick = randomLcg(BOOTSTRAP_SEED / 2 ** 32);
  const drawer = (group: typeof a) => {
    const n = group.values.length;
    const index = () => Math.floor(pick() * n);
    if (allOne(group.weights)) {
      const resample = sortedResampler(group.values, index);
      return () => group.statistic(resample(), ONES);
    }
    const v = new Array<number>(n);
    const w = new Array<number>(n);
    return () => {
      for (let i = 0; i < n; i++) {
        const j = index();
        v[i] = group.values[j]!;
        w[i] = group.weights[j]!;
      }
      return group.statistic(v, w);
    };
  };
  const drawA = drawer(a);
  const drawB = drawer(b);
  for (let r = 0; r < RATIO_RESAMPLES; r++) sample[r] = ratio(drawA(), drawB());
  sample.sort((x, y) => x - y);
  return {
    value: roundValue(ratio(a.statistic(a.values, a.weights), b.statistic(b.values, b.weights))),
    interval: roundInterval({ low: quantileSorted(sample, 0.025), high: quantileSorted(sample, 0.975) }),
  };
}

/** A ratio's interval as prose binds it (`<Ratio>`): "1.9 to 2.4", to one decimal in the series' language. */
export function ratioRangeText(interval: Interval, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return `${format.format(interval.low)} to ${format.format(interval.high)}`;
}

/**
 * A ratio as a sentence states it, its value first and its 95% interval after what it counts: with `times` "as
 * often", "2.2 times as often (95% interval 1.9–2.4)".
 */
export function ratioValueText(ratio: { value: number; interval: Interval }, times: string, locale = 'en'): string {
  const format = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const { low, high } = ratio.interval;
  return `${format.format(ratio.value)} times ${times} (95% interval ${format.format(low)}–${format.format(high)})`;
}
