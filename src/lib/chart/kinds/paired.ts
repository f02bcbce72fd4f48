import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { baseText, midSentence, previousBaseText, shareOfText } from '../summary.ts';
import { anyRowN, baseN, rowN } from '../base.ts';
import { CHART, derivedKey, intervalKey, keyEntry, type KeyEntry } from '../shared.ts';
import { bandChart, bandLayout, bandSvg, bandTable, hasDerived, type BandSeries } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "paired": this edition against the previous one, two bars per answer. The current edition is the
 * series colour, the previous one a neutral grey; the first pair of bars wide enough to hold them carries
 * the editions' names inside (direct labels), and a key names them only where no pair is wide enough.
 */

const editions = (figure: Figure) => figure.seriesLabels ?? ['current edition', 'previous edition'];

/** Whether `text` fits inside a bar of `value` percent on the narrowest screen. */
const fitsInside = (text: string, value: number) =>
  (value / 100) * CHART.minPlotWidth >= text.length * CHART.charWidth + 12;

/** The row whose two bars carry the editions' names, or -1 where no pair is wide enough. */
export function directLabelRow(figure: Figure): number {
  const [current, previous] = editions(figure);
  return figure.rows.findIndex((row) => fitsInside(current, row.value) && fitsInside(previous, row.previous ?? 0));
}

const series = (figure: Figure): BandSeries[] => {
  const [current, previous] = editions(figure);
  const at = directLabelRow(figure);
  return [
    {
      name: current,
      value: (row) => row.value,
      fill: 1,
      n: (i: number) => rowN(figure, figure.rows[i]!),
      marksDerived: true,
      inside: (i) => (i === at ? current : undefined),
    },
    {
      name: previous,
      value: (row) => row.previous ?? 0,
      fill: 'neutral',
      n: (i: number) => rowN(figure, figure.rows[i]!, true),
      marksDerived: false,
      inside: (i) => (i === at ? previous : undefined),
    },
  ];
};

function pairedKey(figure: Figure): KeyEntry[] {
  const [current, previous] = editions(figure);
  const names = directLabelRow(figure) === -1 ? [keyEntry('fill-1', current), keyEntry('neutral', previous)] : [];
  const known = [
    [current, anyRowN(figure) ? baseN(figure) : null],
    [previous, anyRowN(figure, true) ? baseN(figure, true) : null],
  ].filter((e): e is [string, number] => typeof e[1] === 'number');
  let intervals: KeyEntry[] = [];
  if (known.length === 2 && known[0]![1] === known[1]![1]) intervals = [intervalKey(known[0]![1])];
  else if (known.length > 0) {
    // One short line: the marks are on the edition whose base is known; the table says why the other has none.
    intervals =
      known.length === 1
        ? [intervalKey(known[0]![1])]
        : [
            keyEntry(
              'interval',
              `95% interval (${known.map(([edition, n]) => `${midSentence(edition)}, n = ${n}`).join('; ')})`,
            ),
          ];
  }
  return [...names, ...(hasDerived(figure) ? [derivedKey(1)] : []), ...intervals];
}

export const paired: ChartKindModule<'paired'> = {
  kind: 'paired',
  description: 'this edition vs the previous one',
  barThickness: 20,
  validate(figure, report) {
    if (figure.unit !== 'percent') {
      report(
        ['unit'],
        `is "${figure.unit}", but a "paired" figure compares shares of two editions in percent: use "bars" or "number"`,
      );
    }
    figure.rows.forEach((row, i) => {
      if (row.previous === undefined) {
        report(['rows', i, 'previous'], 'is required on every row of a "paired" figure (the previous edition value)');
      }
    });
    if (!figure.seriesLabels) {
      report(['seriesLabels'], 'is required for a "paired" figure, e.g. ["2021 edition", "2020 edition"]');
    }
  },
  layout: (figure) => bandLayout(figure, 'paired', paired.barThickness, 2, pairedKey(figure)),
  svg: (figure, layout) => bandSvg(figure, layout, series(figure)),
  chart: (figure) => bandChart(figure, series(figure)),
  summary(figure, surveySize) {
    // The editions' chart labels ("Previous edition") as they read inside a sentence.
    const [now, before] = editions(figure).map(midSentence) as [string, string];
    const pairs = figure.rows.map(
      (r) =>
        `${r.label}: ${formatPercent(r.value)} in the ${now} against ${formatPercent(r.previous ?? 0)} in the ${before}`,
    );
    const bases = `${shareOfText(figure, surveySize)}, against the ${before} (${previousBaseText(figure) ?? baseText(figure, undefined, true)})`;
    return `Paired bar chart of the ${bases}. ${pairs.join('; ')}.`;
  },
  table: (figure) => bandTable(figure, series(figure)),
};
