import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { baseText, previousBaseText } from '../summary.ts';
import { bandChart, bandLayout, bandSvg, bandTable, type BandSeries } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/** "paired": this edition against the previous one, two bars per answer (current edition on top). */

const editions = (figure: Figure) => figure.seriesLabels ?? ['current edition', 'previous edition'];

const series = (figure: Figure): BandSeries[] => [
  { name: figure.seriesLabels?.[0] ?? figure.title, value: (row) => row.value },
  { name: figure.seriesLabels?.[1] ?? 'previous edition', value: (row) => row.previous ?? 0 },
];

export const paired: ChartKindModule<'paired'> = {
  kind: 'paired',
  description: 'this edition vs the previous one',
  barThickness: 14,
  interactive: true,
  validate(figure, report) {
    figure.rows.forEach((row, i) => {
      if (row.previous === undefined) {
        report(['rows', i, 'previous'], 'is required on every row of a "paired" figure (the previous edition value)');
      }
    });
    if (!figure.previousBase) {
      report(['previousBase'], 'is required for a "paired" figure: who answered the previous edition (not this base)');
    }
    if (!figure.seriesLabels) {
      report(['seriesLabels'], 'is required for a "paired" figure, e.g. ["2021 edition", "2020 edition"]');
    }
  },
  layout(figure) {
    const [current, previous] = editions(figure);
    const legend = [`Upper bar: ${current}`, `Lower bar: ${previous}`];
    return bandLayout(figure, 'paired', paired.barThickness, 2, legend);
  },
  svg: (figure, layout) => bandSvg(figure, layout, series(figure)),
  chart: (figure) => bandChart(figure, series(figure)),
  summary(figure, surveySize) {
    const [now, before] = editions(figure);
    const pairs = figure.rows.map(
      (r) =>
        `${r.label}: ${formatPercent(r.value)} in the ${now} against ${formatPercent(r.previous ?? 0)} in the ${before}`,
    );
    const previous = previousBaseText(figure);
    const bases = previous
      ? `${baseText(figure, surveySize)}, against ${previous} in the ${before}`
      : baseText(figure, surveySize);
    return `Paired bar chart of ${bases}. ${pairs.join('; ')}.`;
  },
  table: (figure) => bandTable(figure, series(figure)),
};
