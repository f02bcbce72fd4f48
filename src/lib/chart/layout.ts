import type { Figure } from '../schema/figure.ts';
import { chartKind } from './kinds/index.ts';
import type { ChartLayout } from './shared.ts';

/** The geometry of a figure's chart (see `shared.ts`). */
export function chartLayout(figure: Figure): ChartLayout {
  return chartKind(figure.kind).layout(figure);
}
