import type { Figure } from '../schema/figure.ts';
import { chartKind } from './kinds/index.ts';
import type { FigureTable } from './kinds/types.ts';

/** The words of a chart, for readers who do not see it: one summary sentence and the data table. */

/** One sentence a screen reader reads in place of the chart; `surveySize` names the survey where the base's size is unknown. */
export function figureSummary(figure: Figure, surveySize?: number): string {
  return chartKind(figure.kind).summary(figure, surveySize);
}

/** Column headers and rows of the figure's accessible data table, values formatted as shown. */
export function figureTable(figure: Figure): FigureTable {
  return chartKind(figure.kind).table(figure);
}

/** Whether the chart shows a value computed rather than published: a derived row, or a part a kind derives. */
export function showsDerived(figure: Figure): boolean {
  return figureTable(figure).rows.some((row) => row.derived);
}
