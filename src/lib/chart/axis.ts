import type { UnitSpec } from '../format.ts';

/**
 * The value axis of a chart, by unit: a share runs 0-100% (one computed from the series' own responses, to the first
 * round tick above its data); a count, an amount of money or a number of days
 * runs from 0 to the first round tick at or above the largest value (or interval bound); a score runs over its
 * scale (1-5 for a mean rating, -100 to 100 with a zero line for a Net Promoter Score). Bars start at the
 * axis' zero where it has one inside it (a negative NPS runs left of the zero line), else at its minimum.
 */

export interface ValueAxis {
  min: number;
  max: number;
  /** Tick values, from min to max. */
  ticks: number[];
  /** Where bars start: 0 where the axis spans it, else `min`. */
  origin: number;
  /** True where the axis runs below zero: a line marks zero. */
  zeroLine: boolean;
}

/** Ticks a chart aims for: 4 or 5 fit a 320 px screen with their labels. */
const TICK_INTERVALS = 4;

/**
 * A round step (1, 2, 2.5 or 5 times a power of ten) at least `raw`. `whole`: a step of whole numbers, 1, 2 or 5
 * times a power of ten and at least 1, for an axis of counts or days (ticks 0, 5, 10, 15, never 2.5 or 7.5 a week).
 */
export function niceStep(raw: number, whole = false): number {
  if (!(raw > 0)) return 1;
  if (whole && raw <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of whole ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10]) if (m * power >= raw - 1e-9 * power) return m * power;
  return 10 * power;
}

function ticksOf(min: number, max: number, step: number): number[] {
  const ticks: number[] = [];
  // Rounded to the step's decimals: 0.1 * 3 is 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  for (let i = 0; min + i * step <= max + step * 1e-9; i++) ticks.push(Number((min + i * step).toFixed(decimals)));
  return ticks;
}

/** The score scale a figure's values lie on, where none is given: guessed from the values. */
function scaleOf(spec: UnitSpec, values: readonly number[]): { min: number; max: number } {
  if (spec.scale) return spec.scale;
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low < 0 || high > 10) return { min: -100, max: 100 };
  if (high <= 5 && low >= 1) return { min: 1, max: 5 };
  return { min: 0, max: 10 };
}

/** The axis of a figure's values (with their interval bounds, so no mark runs off the chart). */
export function valueAxis(spec: UnitSpec & { fit?: boolean }, values: readonly number[]): ValueAxis {
  if (spec.unit === 'percent') {
    // A share computed from the series' own responses ends at the first round tick above its data, as counts do
    // (top-2-box by region, all under 60%, ran to 100%: review 7); a published share keeps 0–100%.
    const high = Math.max(0, ...values);
    const fitted = spec.fit && high > 0 ? roundEnd(high, true) : undefined;
    if (fitted && fitted.max < 100) return { min: 0, ...fitted, origin: 0, zeroLine: false };
    return { min: 0, max: 100, ticks: [0, 25, 50, 75, 100], origin: 0, zeroLine: false };
  }
  if (spec.unit === 'score') {
    const { min, max } = scaleOf(spec, values);
    const span = max - min;
    // A scale of a few points gets a tick per point (1, 2, 3, 4, 5); a wider one round steps.
    const step = span <= 10 && Number.isInteger(span) ? (span <= 5 ? 1 : 2) : niceStep(span / TICK_INTERVALS);
    const ticks = ticksOf(min, max, span % step === 0 ? step : niceStep(span / TICK_INTERVALS));
    const origin = min <= 0 && max >= 0 ? 0 : min;
    return { min, max, ticks, origin, zeroLine: min < 0 };
  }
  // Counts and days tick at whole numbers; money keeps 2.5 steps (€25K).
  const whole = spec.unit === 'count' || spec.unit === 'days';
  return { min: 0, ...roundEnd(Math.max(0, ...values), whole), origin: 0, zeroLine: false };
}

/**
 * The end and ticks of an axis from 0 to the first round tick at or above `high`, with the step (of the one aimed
 * for and the next finer) that ends it nearer, in at most 5 steps (6 ticks fit a 320 px screen): 9.7 a week ends
 * at 10, not 15; 22 days at 25, not 30; a share of 52% at 60%.
 */
function roundEnd(high: number, whole: boolean): { max: number; ticks: number[] } {
  const coarse = niceStep(high / TICK_INTERVALS, whole);
  const end = (step: number) => Math.ceil(high / step - 1e-9) * step;
  const fine = finerStep(coarse, whole);
  const step = fine !== coarse && end(fine) < end(coarse) && end(fine) / fine <= 5 ? fine : coarse;
  const max = high === 0 ? 1 : Number(end(step).toPrecision(12));
  return { max, ticks: ticksOf(0, max, high === 0 && !whole ? 0.25 : step) };
}

/** The next round step below `step` (5 → 2 → 1; 2.5 → 2 for money), or `step` where a whole step is already 1. */
function finerStep(step: number, whole: boolean): number {
  const power = 10 ** Math.floor(Math.log10(step) + 1e-9);
  const multiples = whole ? [1, 2, 5] : [1, 2, 2.5, 5];
  const i = multiples.findIndex((m) => Math.abs(m * power - step) < 1e-9 * power);
  if (i > 0) return multiples[i - 1]! * power;
  return whole && step <= 1 ? step : multiples.at(-1)! * (power / 10);
}

/** Where `value` sits on the axis, in percent of its length (0 at `min`, 100 at `max`), clamped to it. */
export function axisPosition(axis: ValueAxis, value: number): number {
  const share = ((value - axis.min) / (axis.max - axis.min)) * 100;
  return Math.min(100, Math.max(0, share));
}
