import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { baseText } from '../summary.ts';
import { bandChart, bandLayout, bandSvg, bandTable, type BandSeries } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/** "bars": ranked shares, one bar per answer. */

const value = (row: Figure['rows'][number]) => row.value;
const series = (figure: Figure): BandSeries[] => [{ name: figure.seriesLabels?.[0] ?? figure.title, value }];

export const bars: ChartKindModule<'bars'> = {
  kind: 'bars',
  description: 'ranked shares',
  barThickness: 22,
  interactive: true,
  validate() {},
  layout: (figure) => bandLayout(figure, 'bars', bars.barThickness, 1, []),
  svg: (figure, layout) => bandSvg(figure, layout, series(figure)),
  chart: (figure) => bandChart(figure, series(figure)),
  summary(figure, surveySize) {
    const parts = figure.rows.map((r) => `${r.label} ${formatPercent(r.value)}${r.derived ? ' (derived)' : ''}`);
    const multi =
      figure.multiSelect === true ? ' Respondents could pick several answers, so shares add to more than 100%.' : '';
    return `Bar chart of the share of ${baseText(figure, surveySize)}: ${parts.join(', ')}.${multi}`;
  },
  table: (figure) => bandTable(figure, [{ name: 'Share', value }]),
};
