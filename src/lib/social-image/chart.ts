import type { Figure } from '../schema/figure.ts';
import { chartKind } from '../chart/kinds/index.ts';
import type { ChartData } from '../chart/kinds/types.ts';
import { CHART } from '../chart/shared.ts';
import { CARD_COLOURS } from './colours.ts';
import { CARD_HEADING_FONT, fitted } from './card.ts';
import { box, text, type CardNode } from './element.ts';

/**
 * A figure's chart as boxes for the social image, from the same `chart()` data its kind hands to
 * the chart: one bar per category and dataset (bars, paired), or one bar of segments (stacked), with the
 * value label of each. Categories beyond `MAX_ROWS` are left out and counted.
 */

/** Categories drawn at most; the image is a preview, the article has the whole chart. */
export const MAX_ROWS = 5;

const fill = (i: number) => CARD_COLOURS.fills[i % CARD_COLOURS.fills.length]!;

/**
 * The chart of `figure` in a box `width` px wide, with `labels` (as the card gives them, footnote marks
 * included) in place of the figure's own.
 */
export function chartBoxes(figure: Figure, width: number, labels?: string[]): CardNode {
  const data = chartKind(figure.kind).chart(figure);
  const shown = labels && labels.length === data.labels.length ? { ...data, labels } : data;
  if (shown.callout) return callout(shown, width);
  return shown.stacked ? stackedBar(shown, width) : bandBars(shown, width, figure.kind === 'paired');
}

/** One value as a large number with its label under it (what it counts), as the article shows it. */
function callout(data: ChartData, width: number): CardNode {
  const label = data.labels[0] ?? '';
  return box(
    { flexDirection: 'column', gap: 6, width },
    text(data.values[0]![0]!, {
      fontSize: 132,
      fontWeight: 700,
      fontFamily: CARD_HEADING_FONT,
      color: CARD_COLOURS.accent,
      lineHeight: 1,
    }),
    ...(label ? [fitted(label, width, [32, 30, 28, 26, 24], 3, { color: CARD_COLOURS.text, lineHeight: 1.25 })] : []),
  );
}

/**
 * Bars per category, as the site draws them: the finding in the series colour; a paired figure's previous
 * edition in neutral grey, its editions named beside the first pair of bars (direct labels, no legend).
 */
function bandBars(data: ChartData, width: number, paired: boolean): CardNode {
  const rows = data.labels.slice(0, MAX_ROWS);
  // Room for the value label (and, on the first pair, the edition's name) after a full bar.
  const barMax = width - (paired ? 190 : 110);
  const thickness = paired ? 22 : rows.length > 3 ? 22 : 30;
  const categories = rows.map((label, i) =>
    box(
      { flexDirection: 'column', gap: 4 },
      text(label, { fontSize: 22, color: CARD_COLOURS.text }, 2),
      ...data.datasets.map((dataset, d) =>
        box(
          { alignItems: 'center', gap: 10 },
          box({
            width: Math.max(2, (barMax * dataset.data[i]!) / 100),
            height: thickness,
            background: paired && d > 0 ? CARD_COLOURS.neutral : fill(dataset.fill),
          }),
          text(data.values[d]![i]!, { fontSize: 22, fontWeight: 700, color: CARD_COLOURS.text }),
          ...(paired && i === 0 ? [text(dataset.label, { fontSize: 22, color: CARD_COLOURS.muted })] : []),
        ),
      ),
    ),
  );
  const more = data.labels.length - rows.length;
  return box(
    { flexDirection: 'column', gap: rows.length > 3 ? 8 : 14, width },
    ...categories,
    ...(more > 0 ? [text(`and ${more} more in the article`, { fontSize: 20, color: CARD_COLOURS.muted })] : []),
  );
}

function stackedBar(data: ChartData, width: number): CardNode {
  const segments = data.datasets.map((dataset, i) =>
    box(
      {
        width: (width * dataset.data[0]!) / 100,
        height: 64,
        background: fill(dataset.fill),
        alignItems: 'center',
        justifyContent: 'center',
      },
      ...(dataset.data[0]! >= CHART.minInside
        ? [text(data.values[i]![0]!, { fontSize: 26, fontWeight: 700, color: CARD_COLOURS.onFill })]
        : []),
    ),
  );
  const keys = data.datasets.map((dataset, i) =>
    box(
      { alignItems: 'center', gap: 10 },
      box({ width: 20, height: 20, background: fill(dataset.fill) }),
      text(`${dataset.label}: ${data.values[i]![0]}`, { fontSize: 22, color: CARD_COLOURS.text }),
    ),
  );
  return box(
    { flexDirection: 'column', gap: 18, width },
    box({ width }, ...segments),
    box({ flexDirection: 'column', gap: 8 }, ...keys),
  );
}
