import type { Figure } from '../schema/figure.ts';
import { chartKind } from './kinds/index.ts';
import type { FigureTable } from './kinds/types.ts';

/** The words of a chart, for readers who do not see it: one summary sentence and the data table. */

/** One sentence a screen reader reads in place of the chart. */
export function figureSummary(figure: Figure): string {
  return chartKind(figure.kind).summary(figure);
}

/** Column headers and rows of the figure's accessible data table, values formatted as shown. */
export function figureTable(figure: Figure): FigureTable {
  return chartKind(figure.kind).table(figure);
}
