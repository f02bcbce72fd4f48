import type { Figure } from '../../schema/figure.ts';
import { shareValue } from '../unit.ts';
import { respondentsText, sourceMarks } from '../summary.ts';
import { CHART, valueLabel, type ChartLayout } from '../shared.ts';
import {
  MIN_BAR_WIDTH,
  segmentBarThickness,
  segmentBelowHeight,
  svgSegments,
  WIDE_BAR_WIDTH,
  type Segment,
} from './segments.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "stacked": parts of a whole in one 100% bar, each segment labelled in place ("Increased 64%"), the name
 * above the value inside the segment where it fits, else under the bar by the segment's end (see
 * `segments.ts`). No key and no axis: a 100% bar needs neither. The first segment (the finding) is the
 * series blue, the others neutral grey, whether or not the scale is ordered ("None" is not a negative);
 * a derived segment is hatched and labelled "(derived)", and how it was derived is said in the figure's note.
 */

const derived = (row: Figure['rows'][number]) => (row.derived ? ' (derived)' : '');

/** The figure's rows as labelled segments, each name carrying its source mark. */
export function stackedSegments(figure: Figure): Segment[] {
  const marks = sourceMarks(figure).rows;
  return figure.rows.map((row, i) => ({
    name: row.label + (marks[i] ?? ''),
    value: row.value,
    derived: row.derived,
  }));
}

export const stacked: ChartKindModule<'stacked'> = {
  kind: 'stacked',
  description: 'parts of a whole',
  barThickness: 36,
  validate(figure, report) {
    if (figure.unit !== 'percent') {
      report(
        ['unit'],
        `is "${figure.unit}", but a "stacked" figure draws parts of a whole in percent: use "bars" or "number"`,
      );
    }
    const total = figure.rows.reduce((sum, row) => sum + row.value, 0);
    if (Math.abs(total - 100) > 1e-9) {
      report(['rows'], `of a "stacked" figure must add up to 100 (parts of a whole), but add up to ${total}`);
    }
  },
  layout(figure): ChartLayout {
    const segments = stackedSegments(figure);
    const at = (width: number): ChartLayout => {
      const thickness = segmentBarThickness(segments, width);
      const height = CHART.labelGap + thickness + segmentBelowHeight(segments, width) + CHART.labelGap;
      const base = { kind: 'stacked' as const, height, plotHeight: height, band: height, labels: [], key: [] };
      return { ...base, barThickness: thickness, segmentWidth: width };
    };
    return { ...at(MIN_BAR_WIDTH), wide: at(WIDE_BAR_WIDTH) };
  },
  svg(figure, layout) {
    return svgSegments(
      stackedSegments(figure),
      CHART.labelGap,
      layout.barThickness,
      layout.segmentWidth,
      `mt-hatch-${figure.id}-stacked-${layout.segmentWidth ?? MIN_BAR_WIDTH}`,
    );
  },
  chart: (figure) => ({
    labels: [figure.title],
    datasets: figure.rows.map((row, i) => ({
      label: row.label,
      data: [row.value],
      fill: i % 3,
    })),
    values: figure.rows.map((row) => [valueLabel(row.value)]),
    stacked: true,
  }),
  summary(figure, surveySize) {
    const parts = figure.rows.map((r) => `${r.label} ${shareValue(figure, r.value)}${derived(r)}`);
    return `Stacked bar of ${respondentsText(figure, surveySize)}, parts adding up to 100%: ${parts.join(', ')}.`;
  },
  table: (figure) => bandTable(figure, [{ name: 'Share', value: (row) => row.value }]),
};
