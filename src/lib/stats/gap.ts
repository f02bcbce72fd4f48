/**
 * The gap between two computed values of one figure, and whether it is within the margin of error of their
 * difference: what `<Gap>` binds in prose ("6 points apart, within the 7-point margin of error of their
 * difference"), so a sentence that calls two values indistinguishable says so from the data, not by eye.
 * Two answers to one single-choice question take the multinomial margin (`gapOfOneAnswer`); two groups' values
 * of one row, which are independent samples, take Newcombe's (`gapBetween`).
 */
import type { Figure } from '../schema/figure.ts';
import { getRow, segmentProblem } from '../figures.ts';
import { Z_95, type Interval } from './wilson.ts';

export type GapClaim = 'within' | 'beyond';

export interface Gap {
  /** a − b, in the figure's points (percentage points for shares, points for an NPS). */
  gap: number;
  /** The margin of the difference on the side towards zero: how far the gap could be off before it reached 0. */
  margin: number;
  /** Whether the 95% interval of the difference contains zero. */
  within: boolean;
}

type Valued = Interval & { value: number };

/**
 * The gap a − b between two independent values (two groups' values of one row), and the margin of its 95%
 * interval by Newcombe's hybrid score method (his method 10, built from the two values' own intervals), as
 * `changeWithinMargin` and the experiments page compute it. Not for two answers to one question: see
 * `gapOfOneAnswer`.
 */
export function gapBetween(a: Valued, b: Valued): Gap {
  const gap = a.value - b.value;
  const below = Math.hypot(a.value - a.low, b.high - b.value);
  const above = Math.hypot(a.high - a.value, b.value - b.low);
  const margin = gap >= 0 ? below : above;
  return { gap, margin, within: Math.abs(gap) <= margin };
}

/**
 * The gap a − b between the shares (in percent) of two answers to one question that takes one answer each, of
 * `n` respondents (the effective n where weighted). The two shares come from one multinomial sample and move
 * against each other (one more of a is one fewer of b), so the variance of their difference is
 * (p₁ + p₂ − (p₁ − p₂)²) / n, wider than two independent samples' p₁(1 − p₁)/n + p₂(1 − p₂)/n: the margin is
 * 1.96 times its square root, in points.
 */
export function gapOfOneAnswer(a: number, b: number, n: number): Gap {
  if (!(n > 0) || !Number.isFinite(n)) throw new RangeError(`gapOfOneAnswer: n must be a positive count, not ${n}`);
  const p1 = a / 100;
  const p2 = b / 100;
  const gap = a - b;
  const margin = 100 * Z_95 * Math.sqrt(Math.max(0, p1 + p2 - (p1 - p2) ** 2) / n);
  return { gap, margin, within: Math.abs(gap) <= margin };
}

/**
 * Whether the rows of `figure` are the shares of one question that takes one answer each (single choice, a
 * scale's points, or an NPS's three groups), so two of them are negatively correlated answers of one sample.
 */
function oneAnswerEach(figure: Figure): boolean {
  const compute = figure.survey?.compute;
  return (compute === 'shares' || compute === 'nps-groups') && figure.multiSelect === false;
}

export interface GapRef {
  /** Two row labels of the figure; or, with `label`, two segment ids whose values of that row are compared. */
  a: string;
  b: string;
  label?: string;
}

/** One value of `figure` with its computed interval: a row's, or with `label`, a segment's value of that row. */
function valueOf(figure: Figure, which: string, label: string | undefined): Valued {
  if (label === undefined) {
    const row = getRow(figure, which);
    if (!row.interval) throw new Error(`row "${which}" of figure "${figure.id}" has no computed interval.`);
    return { value: row.value, ...row.interval };
  }
  getRow(figure, label);
  const problem = segmentProblem(figure, which, label);
  if (problem) throw new Error(problem);
  const cell = figure.segments!.find((s) => s.id === which)!.rows.find((r) => r.label === label);
  if (cell?.value === undefined || !cell.interval) {
    throw new Error(`the value of "${label}" in segment "${which}" of figure "${figure.id}" is not published.`);
  }
  return { value: cell.value, ...cell.interval };
}

/** The units whose gaps are in points: shares (percentage points) and scores such as an NPS. */
const POINT_UNITS: readonly Figure['unit'][] = ['percent', 'score'];

/**
 * The gap `ref` names in `figure`, checked against the prose's `claim`: an Error saying what is wrong where a row
 * or segment is missing, the unit has no points, or the data say the opposite of the claim.
 */
export function figureGap(figure: Figure, ref: GapRef, claim: string): Gap {
  if (claim !== 'within' && claim !== 'beyond') {
    throw new Error(`claim must be "within" or "beyond" (the margin of error of the difference), not "${claim}".`);
  }
  if (!POINT_UNITS.includes(figure.unit)) {
    throw new Error(`figure "${figure.id}" is in ${figure.unit}: a gap in points needs a share or a score.`);
  }
  const a = valueOf(figure, ref.a, ref.label);
  const b = valueOf(figure, ref.b, ref.label);
  const n = figure.survey?.effectiveN;
  const gap =
    ref.label === undefined && oneAnswerEach(figure) && n !== undefined
      ? gapOfOneAnswer(a.value, b.value, n)
      : gapBetween(a, b);
  if (gap.within !== (claim === 'within')) {
    throw new Error(
      `the prose says the gap is ${claim} the margin of error, but it is ${gap.within ? 'within' : 'beyond'} it: ${gapText(gap)}.`,
    );
  }
  return gap;
}

/**
 * "6 points apart, within the 8-point margin of error of their difference": to whole points, or to one decimal
 * where whole points would make them equal ("5.6 points apart, within the 5.8-point margin …").
 */
export function gapText(gap: Gap): string {
  const digits = Math.round(Math.abs(gap.gap)) === Math.round(gap.margin) ? 1 : 0;
  const points = Math.abs(gap.gap).toFixed(digits);
  return `${points} ${points === '1' ? 'point' : 'points'} apart, ${gap.within ? 'within' : 'beyond'} the ${gap.margin.toFixed(digits)}-point margin of error of their difference`;
}
