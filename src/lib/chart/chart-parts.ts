import type { Figure } from '../schema/figure.ts';
import { figureTable } from './describe.ts';

/**
 * The parts a chart draws, and its data table lists, beyond the figure's own rows: a nested bar's derived
 * parts ("Neither cut nor grew", "Other answers"), computed by the kind (see `nestedSegments`), never stored.
 * The downloads add them, marked derived, so a CSV or JSON file gives what the chart shows. A kind's table
 * lists the figure's rows first, in order, then any such parts.
 */
export function chartOnlyParts(figure: Figure): { label: string; value: number }[] {
  return figureTable(figure)
    .rows.slice(figure.rows.length)
    .filter((row) => row.derived)
    .map((row) => ({ label: row.label, value: row.value }));
}
