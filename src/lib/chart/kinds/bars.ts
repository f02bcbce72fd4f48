import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { shareOfText } from '../summary.ts';
import { anyRowN, baseN, rowN } from '../base.ts';
import { derivedKey, intervalKey, type KeyEntry } from '../shared.ts';
import { bandChart, bandLayout, bandSvg, bandTable, hasDerived, type BandSeries } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/** "bars": ranked shares, one bar per answer, each with its 95% interval where the base's size is known. */

const value = (row: Figure['rows'][number]) => row.value;
const series = (figure: Figure): BandSeries[] => [
  {
    name: figure.seriesLabels?.[0] ?? figure.title,
    value,
    fill: 1,
    n: (i: number) => rowN(figure, figure.rows[i]!),
    marksDerived: true,
  },
];

/** The key of a bar chart: only the hatching and the interval marks need one. */
export function barsKey(figure: Figure): KeyEntry[] {
  return [...(hasDerived(figure) ? [derivedKey(1)] : []), ...(anyRowN(figure) ? [intervalKey(baseN(figure)!)] : [])];
}

export const bars: ChartKindModule<'bars'> = {
  kind: 'bars',
  description: 'ranked shares',
  barThickness: 22,
  validate() {},
  layout: (figure) => bandLayout(figure, 'bars', bars.barThickness, 1, barsKey(figure)),
  svg: (figure, layout) => bandSvg(figure, layout, series(figure)),
  chart: (figure) => bandChart(figure, series(figure)),
  summary(figure, surveySize) {
    const parts = figure.rows.map((r) => `${r.label} ${formatPercent(r.value)}${r.derived ? ' (derived)' : ''}`);
    const multi =
      figure.multiSelect === true ? ' Respondents could pick several answers, so shares add to more than 100%.' : '';
    return `Bar chart of the ${shareOfText(figure, surveySize)}: ${parts.join(', ')}.${multi}`;
  },
  table: (figure) => bandTable(figure, [{ name: 'Share', value }]),
};
