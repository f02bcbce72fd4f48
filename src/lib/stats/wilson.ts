/**
 * The 95% confidence interval of a share of a sample, by the Wilson score method: unlike the normal
 * approximation (p ± 1.96·√(p(1−p)/n)) it stays inside 0–100 and keeps its coverage near 0 and 100, where
 * survey shares such as 6% live. Shares are in percent, as the dataset keeps them.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  /** Lower and upper bounds, in percent (0 to 100). */
  low: number;
  high: number;
}

/** The 95% Wilson interval of a share `percent` (0 to 100) of `n` respondents (a positive count). */
export function wilsonInterval(percent: number, n: number, z: number = Z_95): Interval {
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`wilsonInterval: n must be a positive count, not ${n}`);
  if (!(percent >= 0 && percent <= 100)) {
    throw new RangeError(`wilsonInterval: the share must be a percentage from 0 to 100, not ${percent}`);
  }
  const p = percent / 100;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return { low: Math.max(0, centre - half) * 100, high: Math.min(1, centre + half) * 100 };
}

/** Whether two intervals share any value: a difference between their shares is within the margin of error. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.low <= b.high && b.low <= a.high;
}
