import { errorFunction } from 'simple-statistics';

/**
 * The sample-ratio check: whether the readers each variant got fit the declared split, by Pearson's chi-square
 * goodness-of-fit test (k − 1 degrees of freedom for k variants). A split far from the declared one means the
 * assignment or the counting is broken (a variant that fails to render, a bot or a cache that favours one), and
 * then no verdict can be trusted, whatever its interval says.
 */

/** Below this p-value the split is called off. */
export const SPLIT_OFF_P = 0.01;

/**
 * The upper tail P(X ≥ x) of the chi-square distribution with `df` degrees of freedom, in closed form
 * (Abramowitz and Stegun 26.4.4 for odd df, 26.4.5 for even df); the normal tail through simple-statistics'
 * error function (accurate to about 1e-7).
 */
export function chiSquareTail(x: number, df: number): number {
  if (!(x > 0)) return 1;
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let r = 1; r < df / 2; r += 1) {
      term *= x / 2 / r;
      sum += term;
    }
    return Math.min(1, Math.exp(-x / 2) * sum);
  }
  const chi = Math.sqrt(x);
  let term = chi;
  let sum = 0;
  for (let r = 1; r <= (df - 1) / 2; r += 1) {
    if (r > 1) term *= x / (2 * r - 1);
    sum += term;
  }
  const density = Math.exp(-x / 2) / Math.sqrt(2 * Math.PI);
  return Math.min(1, 1 - errorFunction(chi / Math.SQRT2) + 2 * density * sum);
}

export interface SampleRatio {
  /** The readers each variant got, in the declared order. */
  observed: number[];
  /** The declared split, in percent, in the same order. */
  declared: number[];
  chiSquare: number;
  /** The test's p-value: how likely a split at least this far from the declared one is when assignment works. */
  p: number;
  /** p is under SPLIT_OFF_P: check the assignment before trusting the verdict. */
  off: boolean;
}

/** The check of `observed` readers against the `declared` split (percent); null with no reader at all. */
export function sampleRatio(observed: readonly number[], declared: readonly number[]): SampleRatio | null {
  const total = observed.reduce((a, b) => a + b, 0);
  const weight = declared.reduce((a, b) => a + b, 0);
  if (total === 0 || weight === 0 || observed.length < 2) return null;
  const chiSquare = observed.reduce((sum, o, i) => {
    const expected = (total * declared[i]!) / weight;
    return sum + (o - expected) ** 2 / expected;
  }, 0);
  const p = chiSquareTail(chiSquare, observed.length - 1);
  return { observed: [...observed], declared: [...declared], chiSquare, p, off: p < SPLIT_OFF_P };
}

/** A p-value in words: "p < 0.001", or to two significant digits ("p = 0.039"), with no-break spaces. */
export const pValue = (p: number) => (p < 0.001 ? 'p\u00a0<\u00a00.001' : `p\u00a0=\u00a0${Number(p.toPrecision(2))}`);

/** What the dashboard and the terminal say of the check. */
export function sampleRatioLine(check: SampleRatio): string {
  const split = `${check.observed.join('/')} against ${check.declared.map((d) => Number(d.toFixed(1))).join('/')}`;
  return check.off
    ? `Split off: ${split} (chi-square ${pValue(check.p)}) — check assignment before trusting the verdict.`
    : `Split as declared: ${split} (chi-square ${pValue(check.p)}; flagged under ${SPLIT_OFF_P}).`;
}
