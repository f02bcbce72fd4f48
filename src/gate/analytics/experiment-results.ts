import { wilsonInterval, type Interval } from '../../lib/stats/wilson.ts';

/**
 * An experiment's results: per variant, its conversion rate with a Wilson 95% interval, and its difference
 * from the control (the first variant) with Newcombe's hybrid score interval (Newcombe 1998, method 10),
 * built from the two Wilson intervals: it needs no extra assumption and stays sensible at small counts and
 * rates near 0 or 1. Both reuse src/lib/stats/wilson.ts, the site's tested Wilson interval, and compute in
 * percent; a result gives shares from 0 to 1 (its share, interval and difference), as every share in
 * `npm run stats -- --json`. Until every variant has its pre-declared sample, and until the UTC day it was reached
 * is over, there is no conversion count, rate, interval or difference at all, only each variant's views.
 */

export interface VariantCounts {
  id: string;
  /** The metric's denominator: readers of the report page (distinct per UTC day and variant). */
  trials: number;
  /** Its numerator: those readers who sent a form. */
  conversions: number;
}

export interface VariantResult {
  id: string;
  /** The metric's denominator: readers of the report page (distinct per UTC day and variant). */
  trials: number;
  /** Its numerator, readers who sent a form; null, like the rate, for every variant until the result is ready. */
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
  /**
   * `not yet` until every variant has `sampleSize` trials; `reached today` on the UTC day they all reached it
   * (still no rates: that day's later views would move them); `decided` from the next day on, with the counts
   * up to and including that day (the intervals can be read).
   */
  status: ExperimentStatus;
  sampleSize: number;
}

export type ExperimentStatus = 'not yet' | 'reached today' | 'decided';

/**
 * What stands for a variant's rate before the result is decided: how far it is from its sample, or, past it,
 * that it reached it and which variants the result waits for.
 */
export function notYet(result: ExperimentResult, variant: { id: string; trials: number }): string {
  const { sampleSize } = result;
  if (variant.trials < sampleSize) return `not yet (${variant.trials} of ${sampleSize} readers)`;
  const waiting = result.variants
    .filter((v) => v.trials < sampleSize)
    .map((v) => `${v.id} has ${v.trials} of ${sampleSize}`);
  // This variant's readers stand in their own column beside this one; the counts here name the variant they are of.
  return waiting.length === 0 ? 'reached' : `reached; waiting: ${waiting.join(', ')}`;
}

/** The standard normal quantiles of a two-sided 95% test (0.975) and of 80% power (0.8). */
const Z_95 = 1.959963984540054;
const Z_POWER = 0.8416212335729143;

/**
 * The difference of rates (a share) that `n` readers per variant detect 80% of the time in a two-sided test at the
 * 95% level, at the rate where it is largest (50%): (z₀.₉₇₅ + z₀.₈) × √(2 × 0.5 × 0.5 / n). What the declared sample
 * size can show, known before the experiment starts; a lower rate detects smaller differences.
 */
export const plannedDifference = (n: number) => (n > 0 ? (Z_95 + Z_POWER) * Math.sqrt(0.5 / n) : 1);

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

/**
 * The results of an experiment's variants (the control first) against its pre-declared sample size; with
 * `reachedToday`, the counts reached it on the current UTC day: no rates until that day is over.
 */
export function experimentResult(
  variants: readonly VariantCounts[],
  sampleSize: number,
  reachedToday = false,
): ExperimentResult {
  const reached = variants.length > 0 && variants.every((v) => v.trials >= sampleSize);
  const ready = reached && !reachedToday;
  // No peeking: until every variant has its sample, no conversions, rate, interval or difference are given.
  const rated = (v: VariantCounts | undefined) => (ready && v ? rateOf(v.conversions, v.trials) : null);
  const control = rated(variants[0]);
  return {
    sampleSize,
    status: ready ? 'decided' : reached ? 'reached today' : 'not yet',
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
