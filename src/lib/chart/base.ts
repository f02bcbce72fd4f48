import type { Figure, FigureBase, FigureRow } from '../schema/figure.ts';
import type { Source } from '../schema/source.ts';

/**
 * A figure's base (who its percentages are of) exists only where a source states it, in words the dataset
 * quotes (`base` in figures.json). Where no source does, every output says so in one wording and no
 * interval is computed: the survey's size is not the base's.
 */

/** What every output says of a figure whose base no source states. */
export const BASE_NOT_PUBLISHED = 'base not published';

/** The base of a figure's values (or, with `previous`, of its previous edition's), where a source states it. */
export function figureBase(figure: Figure, previous = false): FigureBase | undefined {
  return previous ? figure.previousBase : figure.base;
}

/** The size of a base as its source states it, else null (no interval is computed). */
export function baseN(figure: Figure, previous = false): number | null {
  return figureBase(figure, previous)?.n ?? null;
}

/** The source that states a base: the figure's, or the row's named by `base.source`. */
export function baseSource(figure: Figure, base: FigureBase): Source {
  if (base.source === undefined || base.source === figure.source.key) return figure.source;
  return figure.rows.find((row) => row.source?.key === base.source)?.source ?? figure.source;
}

/**
 * The base of one row's value: the figure's (or previous edition's) where the row comes from the source
 * that states it, else none: another outlet reported the row, of respondents it does not name.
 */
export function rowBase(figure: Figure, row: FigureRow, previous = false): FigureBase | undefined {
  const base = figureBase(figure, previous);
  if (!base) return undefined;
  return (row.source?.key ?? figure.source.key) === (base.source ?? figure.source.key) ? base : undefined;
}

/**
 * The size of the base of one row's value: a row from another source than the one stating the base is not
 * a share of that base (another outlet reported it, of respondents it does not name), so it has none.
 */
export function rowN(figure: Figure, row: FigureRow, previous = false): number | null {
  return rowBase(figure, row, previous)?.n ?? null;
}

/** Whether any value of the figure (or of its previous edition) has a base of stated size. */
export function anyRowN(figure: Figure, previous = false): boolean {
  return figure.rows.some((row) => rowN(figure, row, previous) !== null);
}
