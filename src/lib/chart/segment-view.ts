import type { Figure } from '../schema/figure.ts';
import { figureAxis, figureValue } from './unit.ts';
import { fitLabelColumn, keyEntry, type ChartLayout } from './shared.ts';
import { bandLayout, bandSvg, type BandSeries } from './kinds/banded.ts';
import { midSentence } from './summary.ts';

/**
 * A figure as the reader's segment lens draws it: each answer's value among one segment ("1,000+
 * employees") in the series colour, beside its value among all respondents in neutral grey, each with its
 * 95% interval. A value suppressed for the segment (fewer answers than the series' minimum n, or withheld to
 * protect such a group) has no bar: why is written in its place (see `fewerThan`). The panels of a "by-segment" small multiple.
 */

export type FigureSegment = NonNullable<Figure['segments']>[number];

const THICKNESS = 20;
/**
 * The bars of a panel on a phone: thinner, so three panels of three answers do not run to a screen and a half at
 * 390 px (review round 8); their values and interval marks still fit beside them.
 */
export const NARROW_THICKNESS = 13;

/**
 * Why a segment's value is not shown, as the page writes it in its place: "fewer than 30 answered", or, for a
 * group withheld to protect one under the minimum (complementary suppression), "withheld: would reveal a
 * group under 30". Without `segment`, a text true of every withheld group of the figure.
 */
export function fewerThan(figure: Figure, segment?: FigureSegment): string {
  const minimum = figure.survey?.minimumN ?? 30;
  if (segment?.complementary) return `withheld: would reveal a group under ${minimum}`;
  if (!segment && figure.segments?.some((s) => s.complementary)) return `withheld (a group is under ${minimum})`;
  return `fewer than ${minimum} answered`;
}

/**
 * Whether `segment` has at least one published value in `figure`: a group all of whose values are withheld is
 * drawn only as an empty row with why, so the reader's lens neither offers it nor counts the chart as showing it.
 */
export function segmentShown(segment: FigureSegment): boolean {
  return segment.rows.some((row) => row.value !== undefined);
}

function viewSeries(figure: Figure, segment: FigureSegment): BandSeries[] {
  const cell = (i: number) => segment.rows.find((r) => r.label === figure.rows[i]!.label);
  return [
    {
      name: segment.label,
      value: (row) => segment.rows.find((r) => r.label === row.label)?.value ?? 0,
      fill: 1,
      marksDerived: false,
      interval: (i) => cell(i)?.interval,
      missing: (i) => (cell(i)?.value === undefined ? fewerThan(figure, segment) : undefined),
    },
    {
      name: 'All respondents',
      value: (row) => row.value,
      fill: 'neutral',
      marksDerived: false,
      // The total's own interval, drawn as the group's is: the key's "95% interval" is of both bars.
      interval: (i) => figure.rows[i]?.interval,
    },
  ];
}

function viewKey(figure: Figure, segment: FigureSegment) {
  const n = figure.base?.n;
  return [
    keyEntry('fill-1', `${segment.label} (n = ${segment.n})`),
    keyEntry('neutral', `All respondents${n === undefined ? '' : ` (n = ${n})`}`),
    keyEntry('interval', '95% interval'),
  ];
}

/** The axis spans the segment's values and intervals as well as the total's. */
function viewAxis(figure: Figure, segment: FigureSegment) {
  const rows = segment.rows.flatMap((r) =>
    r.value === undefined ? [] : [{ ...figure.rows[0]!, value: r.value, interval: r.interval }],
  );
  return figureAxis({ ...figure, rows: [...figure.rows, ...rows] });
}

/**
 * The geometry of the segment view: one band per answer, two bars in it, the key under them (or `key`); its
 * narrow variant (a phone's) with bars `narrow` thick, its wide one with the usual bars.
 */
export function segmentLayout(
  figure: Figure,
  segment: FigureSegment,
  key = viewKey(figure, segment),
  narrow = THICKNESS,
): ChartLayout {
  const wide = fitLabelColumn(bandLayout(figure, 'paired', THICKNESS, 2, key));
  if (narrow === THICKNESS) return wide;
  const phone = fitLabelColumn(bandLayout(figure, 'paired', narrow, 2, key));
  return { ...phone, wide: wide.wide };
}

/** The drawing of one segment's view in `layout` (its bands, axis and key), without the outer `<svg>`. */
export function segmentBody(figure: Figure, segment: FigureSegment, layout: ChartLayout): string {
  // Its own pattern ids: the total's chart and each segment's are on the page together.
  const viewed = { ...figure, id: `${figure.id}-${segment.id}` };
  return bandSvg(viewed, layout, viewSeries(figure, segment), viewAxis(figure, segment));
}

/** One sentence a screen reader reads in place of the segment view. */
export function segmentSummary(figure: Figure, segment: FigureSegment): string {
  const parts = figure.rows.map((row) => {
    const cell = segment.rows.find((r) => r.label === row.label);
    const value = cell?.value === undefined ? fewerThan(figure, segment) : figureValue(figure, cell.value);
    return `${row.label}: ${value} against ${figureValue(figure, row.value)}`;
  });
  return `${figure.title}, among ${midSentence(segment.label)} (n = ${segment.n}) beside all respondents: ${parts.join('; ')}.`;
}
