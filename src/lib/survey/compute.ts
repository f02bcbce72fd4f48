import { mean, quantile, quantileSorted, weightedMean, weightedQuantile } from 'simple-statistics';
import { randomInt, randomLcg } from 'd3-random';
import { wilsonInterval, Z_95, type Interval } from '../stats/wilson.ts';
import { wasAsked, type Question } from './questionnaire.ts';
import type { Respondent } from './responses.ts';
import { SPREAD_ROWS } from './spread-rows.ts';

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
 */

export const COMPUTATIONS = [
  'shares',
  'mean',
  'median',
  'quartiles',
  'spread',
  'top2box',
  'nps',
  'nps-groups',
] as const;
export type Computation = (typeof COMPUTATIONS)[number];

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
  number: ['mean', 'median', 'quartiles', 'spread'],
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

/** The rows of `compute` over `respondents`' answers to `question`. */
export function computeValues(
  question: Question,
  respondents: readonly Respondent[],
  compute: Computation,
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
    case 'spread':
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
  if (compute === 'shares' || compute === 'top2box' || compute === 'nps-groups') return 'percent';
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
