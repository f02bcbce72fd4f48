import type { Figure } from '../schema/figure.ts';
import { chartKind } from '../chart/kinds/index.ts';
import type { ChartData } from '../chart/kinds/types.ts';
import { nestedSegments } from '../chart/kinds/nested.ts';
import { stackedSegments } from '../chart/kinds/stacked.ts';
import type { Segment } from '../chart/kinds/segments.ts';
import { midSentence } from '../chart/summary.ts';
import { countOf, formatPercent } from '../format.ts';
import { CARD_COLOURS } from './colours.ts';
import { CARD_HEADING_FONT, fitted } from './card.ts';
import { box, text, type CardNode, type Style } from './element.ts';

/**
 * A figure's chart as boxes for the social image, drawn as the site draws it (docs/charts.md, "Design
 * rules"): bars with the finding's bar in the series blue and the others grey; a paired figure's previous
 * edition in neutral grey, the editions named inside the first pair of bars; a stacked or nested figure as
 * one 100% bar of its parts, the first (the finding) blue, the rest grey, a derived part a light tint with a
 * dashed outline, and a nested figure's outer answer named over its parts by a bracket. Categories beyond
 * `MAX_ROWS` are left out and counted.
 */

/** Categories drawn at most; the image is a preview, the article has the whole chart. */
export const MAX_ROWS = 4;
/** Size of the chart's labels and values: 12 px on a 600 px wide preview. */
export const CHART_TEXT = 24;
/** Height of a stacked or nested bar. */
const SEGMENT_BAR = 56;
/** Room for a value label after a full bar ("100%" in bold at `CHART_TEXT`). */
const VALUE_ROOM = 84;
/** Average advance of a character of bold text at `CHART_TEXT`, with a margin. */
const CHAR = CHART_TEXT * 0.55;

/**
 * The chart of `figure` in a box `width` px wide, with `labels` (as the card gives them, footnote marks
 * included) in place of the figure's own.
 */
export function chartBoxes(figure: Figure, width: number, labels?: string[], maxRows = MAX_ROWS): CardNode {
  const data = chartKind(figure.kind).chart(figure);
  const shown = labels && labels.length === data.labels.length ? { ...data, labels } : data;
  if (shown.callout) return callout(shown, width);
  if (figure.kind === 'nested') return nestedChart(figure, width);
  if (figure.kind === 'stacked') return segmentChart(stackedSegments(figure), width);
  return bandBars(shown, width, figure.kind === 'paired', maxRows);
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
 * Bars per category: the finding's bar (bars) or this edition's (paired) in the series blue, the others
 * grey; each value right after its bar. A paired figure names its editions inside the first pair of bars,
 * where they fit, so every name starts at the same edge.
 */
function bandBars(data: ChartData, width: number, paired: boolean, maxRows: number): CardNode {
  const rows = data.labels.slice(0, maxRows);
  // Groups side by side (a figure by segment) would be bars without a key on a preview: the card draws the
  // first group (all respondents) and says the others are in the article.
  const groups = paired ? data.datasets.length : 1;
  const datasets = data.datasets.slice(0, groups);
  const barMax = width - VALUE_ROOM;
  const thickness = paired ? 28 : 26;
  const colour = (d: number, i: number) => {
    if (paired) return d === 0 ? CARD_COLOURS.accent : CARD_COLOURS.neutral;
    return data.finding === undefined || data.finding === i ? CARD_COLOURS.accent : CARD_COLOURS.mid;
  };
  const categories = rows.map((label, i) =>
    box(
      { flexDirection: 'column', gap: 4 },
      text(label, { fontSize: CHART_TEXT, lineHeight: 1.2, color: CARD_COLOURS.text, width }, 2),
      ...datasets.map((dataset, d) => {
        const length = Math.max(2, (barMax * dataset.data[i]!) / 100);
        const fill = colour(d, i);
        const name = paired && i === 0 ? dataset.label : undefined;
        const inside = name !== undefined && name.length * CHAR + 20 <= length;
        return box(
          { alignItems: 'center', gap: 10 },
          box(
            { boxSizing: 'border-box', width: length, height: thickness, background: fill, alignItems: 'center' },
            ...(inside ? [text(name, { fontSize: 22, fontWeight: 700, color: onColour(fill), marginLeft: 10 })] : []),
          ),
          text(data.values[d]![i]!, { fontSize: CHART_TEXT, fontWeight: 700, color: CARD_COLOURS.text }),
          ...(name !== undefined && !inside ? [text(name, { fontSize: 22, color: CARD_COLOURS.muted })] : []),
        );
      }),
    ),
  );
  const more = data.labels.length - rows.length;
  const others = data.datasets.length - datasets.length;
  const notes = [
    others > 0 && `${datasets[0]!.label}; by ${countOf(others, 'group')} in the article`,
    more > 0 && `and ${more} more in the article`,
  ].filter((note): note is string => typeof note === 'string');
  return box(
    { flexDirection: 'column', gap: 12, width },
    ...categories,
    ...notes.map((note) => text(note, { fontSize: 22, color: CARD_COLOURS.muted })),
  );
}

/** Text colour on a fill: white on the blue, the text colour on the greys and tints. */
const onColour = (fill: string) => (fill === CARD_COLOURS.accent ? CARD_COLOURS.onFill : CARD_COLOURS.text);

/** The look of a part of a 100% bar: the finding blue, the rest grey, a derived one a tint with a dashed edge. */
function segmentStyle(segment: Segment, i: number): Style {
  const tone = segment.tone ?? (i === 0 ? 'first' : 'mid');
  const colour = tone === 'first' ? CARD_COLOURS.accent : CARD_COLOURS.mid;
  if (!segment.derived) return { background: colour };
  return {
    boxSizing: 'border-box',
    background: tone === 'first' ? CARD_COLOURS.firstTint : CARD_COLOURS.midTint,
    border: `2px dashed ${colour}`,
  };
}

const partValue = (segment: Segment) => `${formatPercent(segment.value)}${segment.derived ? ' (derived)' : ''}`;

/**
 * One 100% bar of parts, each part's value inside it where it fits, and under the bar one line per part
 * with its swatch, name and value ("Neither cut nor grew 49% (derived)"): a part of 6% has no room for its
 * name inside, and the names at 24 px stay legible on a small preview.
 */
function segmentChart(segments: readonly Segment[], width: number): CardNode {
  const bar = box(
    { width, height: SEGMENT_BAR },
    ...segments.map((segment, i) => {
      const style = segmentStyle(segment, i);
      const part = (width * segment.value) / 100;
      const value = formatPercent(segment.value);
      const fits = value.length * CHAR + 12 <= part;
      return box(
        { ...style, width: part, height: SEGMENT_BAR, alignItems: 'center', justifyContent: 'center' },
        ...(fits
          ? [text(value, { fontSize: CHART_TEXT, fontWeight: 700, color: onColour(String(style.background)) })]
          : []),
      );
    }),
  );
  const key = segments.map((segment, i) =>
    box(
      { alignItems: 'center', gap: 12 },
      box({ ...segmentStyle(segment, i), width: 24, height: 24, flexShrink: 0 }),
      fitted(`${segment.name} ${partValue(segment)}`, width - 36, [CHART_TEXT, 22], 1, { color: CARD_COLOURS.text }),
    ),
  );
  return box({ flexDirection: 'column', gap: 14, width }, bar, box({ flexDirection: 'column', gap: 6 }, ...key));
}

/**
 * A nested figure as the site draws it: one 100% bar of the parts its answers cut it into (the innermost
 * answer, what each outer answer holds beyond it, the rest), under a bracket for each outer answer that
 * spans its parts and names it ("76% did not reduce their AI/ML team"). The shares contain one another, so
 * no answer gets a bar of its own beside the others.
 */
function nestedChart(figure: Figure, width: number): CardNode {
  const brackets = figure.rows.slice(0, -1).map((row) =>
    box(
      { flexDirection: 'column', gap: 6, width },
      fitted(`${formatPercent(row.value)} ${midSentence(row.label)}`, width, [CHART_TEXT + 2, CHART_TEXT], 2, {
        fontWeight: 700,
        lineHeight: 1.2,
        color: CARD_COLOURS.text,
      }),
      box({
        boxSizing: 'border-box',
        width: (width * row.value) / 100,
        height: 12,
        borderTop: `2px solid ${CARD_COLOURS.text}`,
        borderLeft: `2px solid ${CARD_COLOURS.text}`,
        borderRight: `2px solid ${CARD_COLOURS.text}`,
      }),
    ),
  );
  return box({ flexDirection: 'column', gap: 8, width }, ...brackets, segmentChart(nestedSegments(figure), width));
}
