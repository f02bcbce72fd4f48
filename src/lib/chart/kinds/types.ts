import type { ChartKind, Figure } from '../../schema/figure.ts';
import type { ChartLayout } from '../shared.ts';

/** A kind's values as plain data (categories, datasets, value labels), for the social image's chart. */
export interface ChartData {
  labels: string[];
  /**
   * `fill` is the dataset's colour, as an index into the theme's fills. `data` is each bar's length in percent
   * of the axis: a share itself, another unit's value placed on its axis (11 days on 0–20 days is 55).
   */
  datasets: { label: string; data: number[]; fill: number }[];
  /** Value label per dataset, per bar. */
  values: string[][];
  /** True when the datasets stack into one bar, with their values written inside the segments. */
  stacked: boolean;
  /** True when the kind shows its one value as a large number with its label, not as a bar. */
  callout?: boolean;
  /** The category that carries the finding, where the others are drawn muted (bars: the first). */
  finding?: number;
}

/** The accessible data table of a figure: one column per value, one row per answer. */
export interface FigureTable {
  /** Headers of the value columns (the answer column comes first and is always there). */
  columns: string[];
  /** The segment id of each value column, where it holds one segment's values (the reader's lens marks it). */
  columnSegments?: (string | undefined)[];
  /** One line per value: its label, whether it was computed, its cells and the share(s) behind them. */
  rows: {
    label: string;
    derived: boolean;
    cells: string[];
    value: number;
    previous?: number;
    /** The line's own 95% interval, where it is not a row of the figure (a group's, in a by-segment table). */
    interval?: { low: number; high: number };
    /** Why the line has no value nor interval (a group under the minimum n). */
    missing?: string;
    /** The segment the line is (the reader's lens marks it). */
    segment?: string;
  }[];
}

/** Reports a problem with a field of the figure, e.g. `(['rows', 2, 'previous'], 'is required ...')`. */
export type ReportIssue = (path: (string | number)[], message: string) => void;

/** Everything one chart kind knows; one module per kind in this folder, listed in `index.ts`. */
export interface ChartKindModule<K extends ChartKind = ChartKind> {
  kind: K;
  /** How the kind reads in an editor's error message, e.g. "parts of a whole". */
  description: string;
  /** Thickness of one bar in px. */
  barThickness: number;
  /** Checks only this kind needs (the schema has checked the rest), reported on the field at fault. */
  validate(figure: Figure, report: ReportIssue): void;
  layout(figure: Figure): ChartLayout;
  /** The content of the static `<svg>`, drawn from `layout`. */
  svg(figure: Figure, layout: ChartLayout): string;
  chart(figure: Figure): ChartData;
  /** One sentence a screen reader reads in place of the chart; the survey's size where the base's is unknown. */
  summary(figure: Figure, surveySize?: number): string;
  table(figure: Figure): FigureTable;
}
