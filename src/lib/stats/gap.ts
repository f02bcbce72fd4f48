/**
 * The gap between two computed values of one figure, and whether it is within the margin of error of their
 * difference: what `<Gap>` binds in prose ("6 points apart, within the 7-point margin of error of their
 * difference"), so a sentence that calls two values indistinguishable says so from the data, not by eye.
 */
import type { Figure } from '../schema/figure.ts';
import { getRow, segmentProblem } from '../figures.ts';
import type { Interval } from './wilson.ts';

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
 * The gap a − b and the margin of its 95% interval by Newcombe's hybrid score method (his method 10, built from
 * the two values' own intervals), as `changeWithinMargin` and the experiments page compute it. For two answers
 * to one question, which are not independent, the true margin is wider: a gap called within it stays within.
 */
export function gapBetween(a: Valued, b: Valued): Gap {
  const gap = a.value - b.value;
  const below = Math.hypot(a.value - a.low, b.high - b.value);
  const above = Math.hypot(a.high - a.value, b.value - b.low);
  const margin = gap >= 0 ? below : above;
  return { gap, margin, within: Math.abs(gap) <= margin };
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
  const gap = gapBetween(valueOf(figure, ref.a, ref.label), valueOf(figure, ref.b, ref.label));
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
