/** Prop checks for the components editors use in MDX: failures name the component and the prop. */
import { AstroError } from 'astro/errors';
import type { Series } from '../../data/series.ts';

export function requireProp(component: string, prop: string, value: unknown, example: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new AstroError(
    `<${component}>: the "${prop}" prop is required and must be text, e.g. ${prop}="${example}".`,
    `Write the ${prop} attribute on <${component}> in the MDX file, as in the example.`,
  );
}

/** The series of the page (set by its route); the components are for series articles only. */
export function pageSeries(component: string, series: Series | undefined): Series {
  if (series) return series;
  throw new AstroError(
    `<${component}> is used on a page that belongs to no series.`,
    `Use <${component}> in an article or report section under content/series/<series>/.`,
  );
}

/** Runs a dataset lookup, rethrowing its problem prefixed with the component as written in the MDX. */
export function lookUp<T>(written: string, look: () => T): T {
  try {
    return look();
  } catch (error) {
    throw new AstroError(
      `${written}: ${(error as Error).message}`,
      "Figure ids and row labels must match the series' figures.json exactly; run `npm run check:content` to see every such problem with its file and line.",
    );
  }
}
