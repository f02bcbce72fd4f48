import { wilsonInterval, type Interval } from '../../lib/stats/wilson.ts';

/**
 * An experiment's results: per variant, its conversion rate with a Wilson 95% interval, and its difference
 * from the control (the first variant) with Newcombe's hybrid score interval (Newcombe 1998, method 10),
 * built from the two Wilson intervals: it needs no extra assumption and stays sensible at small counts and
 * rates near 0 or 1. Both reuse src/lib/stats/wilson.ts, the site's tested Wilson interval, and compute in
 * percent; a result gives shares from 0 to 1 (its share, interval and difference), as every share in
 * `npm run stats -- --json`. Until every variant has its pre-declared sample, there is no conversion count,
 * rate, interval or difference at all, only each variant's views: "not yet".
 */

export interface VariantCounts {
  id: string;
  /** The metric's denominator (report-page views). */
  trials: number;
  /** Its numerator (forms sent). */
  conversions: number;
}

export interface VariantResult {
  id: string;
  /** The metric's denominator (report-page views). */
  trials: number;
  /** Its numerator (forms sent); null, like the rate, for every variant until the result is ready. */
  conversions: number | null;
  /** conversions / trials, from 0 to 1; null with no trials, and for every variant until the result is ready. */
  share: number | null;
  /** The share's Wilson 95% interval, from 0 to 1. */
  interval: Interval | null;
  /** Against the control, as a difference of shares (0.05 is 5 points); null for the control itself, or without trials. */
  difference: { value: number; interval: Interval } | null;
}

export interface ExperimentResult {
  variants: VariantResult[];
  /** `not yet` until every variant has `sampleSize` trials; then `ready` (the intervals can be read). */
  status: 'not yet' | 'ready';
  sampleSize: number;
}

/** What stands for a variant's rate before the result is ready: how far it is from its sample. */
export const notYet = (trials: number, sampleSize: number) => `not yet (${trials} of ${sampleSize} views)`;

/** The rate of `x` in `n`, in percent, with its Wilson interval; null when n is 0. */
function rateOf(x: number, n: number): { rate: number; interval: Interval } | null {
  if (n <= 0) return null;
  const rate = (Math.min(x, n) / n) * 100;
  return { rate, interval: wilsonInterval(rate, n) };
}

/**
 * Newcombe's interval for the difference of two independent proportions a − b, each given as its rate and
 * Wilson interval (percent): [d − √((pa − la)² + (ub − pb)²), d + √((ua − pa)² + (pb − lb)²)].
 */
export function newcombeDifference(
  a: { rate: number; interval: Interval },
  b: { rate: number; interval: Interval },
): { value: number; interval: Interval } {
  const value = a.rate - b.rate;
  return {
    value,
    interval: {
      low: value - Math.hypot(a.rate - a.interval.low, b.interval.high - b.rate),
      high: value + Math.hypot(a.interval.high - a.rate, b.rate - b.interval.low),
    },
  };
}

/** An interval in percent as shares (0 to 1). */
const shareOf = (interval: Interval): Interval => ({ low: interval.low / 100, high: interval.high / 100 });

/** The results of an experiment's variants (the control first) against its pre-declared sample size. */
export function experimentResult(variants: readonly VariantCounts[], sampleSize: number): ExperimentResult {
  const ready = variants.length > 0 && variants.every((v) => v.trials >= sampleSize);
  // No peeking: until every variant has its sample, no conversions, rate, interval or difference are given.
  const rated = (v: VariantCounts | undefined) => (ready && v ? rateOf(v.conversions, v.trials) : null);
  const control = rated(variants[0]);
  return {
    sampleSize,
    status: ready ? 'ready' : 'not yet',
    variants: variants.map((v, i) => {
      const own = rated(v);
      const difference = i > 0 && own && control ? newcombeDifference(own, control) : null;
      return {
        id: v.id,
        trials: v.trials,
        conversions: ready ? v.conversions : null,
        share: own ? own.rate / 100 : null,
        interval: own ? shareOf(own.interval) : null,
        difference: difference && { value: difference.value / 100, interval: shareOf(difference.interval) },
      };
    }),
  };
}
