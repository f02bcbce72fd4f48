import type { Figure } from '../schema/figure.ts';
import { chartKind } from '../chart/kinds/index.ts';
import type { ChartData } from '../chart/kinds/types.ts';
import { CHART } from '../chart/shared.ts';
import { CARD_COLOURS } from './colours.ts';
import { CARD_HEADING_FONT } from './card.ts';
import { box, text, type CardNode } from './element.ts';

/**
 * A figure's chart as boxes for the social image, from the same `chart()` data its kind hands to
 * the chart: one bar per category and dataset (bars, paired), or one bar of segments (stacked), with the
 * value label of each. Categories beyond `MAX_ROWS` are left out and counted.
 */

/** Categories drawn at most; the image is a preview, the article has the whole chart. */
export const MAX_ROWS = 5;

const fill = (i: number) => CARD_COLOURS.fills[i % CARD_COLOURS.fills.length]!;

/** The chart of `figure` in a box `width` px wide. */
export function chartBoxes(figure: Figure, width: number): CardNode {
  const data = chartKind(figure.kind).chart(figure);
  if (data.callout) return callout(data, width);
  return data.stacked ? stackedBar(data, width) : bandBars(data, width);
}

/** One value as a large number with its label under it, as the article shows it. */
function callout(data: ChartData, width: number): CardNode {
  return box(
    { flexDirection: 'column', gap: 6, width },
    text(data.values[0]![0]!, {
      fontSize: 132,
      fontWeight: 700,
      fontFamily: CARD_HEADING_FONT,
      color: CARD_COLOURS.accent,
      lineHeight: 1,
    }),
    text(data.labels[0]!, { fontSize: 30, color: CARD_COLOURS.text, lineHeight: 1.25 }, 3),
  );
}

function legend(names: string[]): CardNode {
  return box(
    { gap: 28, marginTop: 4 },
    ...names.map((name, i) =>
      box(
        { alignItems: 'center', gap: 10 },
        box({ width: 20, height: 20, background: fill(i) }),
        text(name, { fontSize: 22, color: CARD_COLOURS.muted, maxWidth: 460 }),
      ),
    ),
  );
}

function bandBars(data: ChartData, width: number): CardNode {
  const rows = data.labels.slice(0, MAX_ROWS);
  const paired = data.datasets.length > 1;
  // Room for the value label after a full bar.
  const barMax = width - 110;
  const thickness = paired ? 18 : rows.length > 3 ? 22 : 30;
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
            background: fill(dataset.fill),
          }),
          text(data.values[d]![i]!, { fontSize: 22, fontWeight: 700, color: CARD_COLOURS.text }),
        ),
      ),
    ),
  );
  const more = data.labels.length - rows.length;
  return box(
    { flexDirection: 'column', gap: rows.length > 3 ? 8 : 14, width },
    ...(paired ? [legend(data.datasets.map((d) => d.label))] : []),
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
