import type { Figure } from '../schema/figure.ts';
import { chartKind } from '../chart/kinds/index.ts';
import type { ChartData } from '../chart/kinds/types.ts';
import { nestedSegments } from '../chart/kinds/nested.ts';
import { stackedSegments } from '../chart/kinds/stacked.ts';
import type { Segment } from '../chart/kinds/segments.ts';
import { midSentence } from '../chart/summary.ts';
import { countOf, formatPercent } from '../format.ts';
import { CARD_COLOURS } from './colours.ts';
import { fitted } from './card.ts';
import { box, text, type CardNode, type Style } from './element.ts';

/**
 * A figure's chart as boxes for the social image, drawn as the site draws it; a single value is never drawn
 * (`drawsOneValue`: the card says it in its headline) (docs/charts.md, "Design
 * rules"): bars with the finding's bar in the series blue and the others grey; a paired figure's previous
 * edition in neutral grey, the editions named inside the first pair of bars; a stacked or nested figure as
 * one 100% bar of its parts, the first (the finding) blue, the rest grey, a derived part neutral hatching in a
 * thin outline with "(derived)" after its name, and a nested figure's outer answer named over its parts by a bracket. Categories beyond
 * `MAX_ROWS` are left out and counted.
 */

/** Categories drawn at most; the image is a preview, the article has the whole chart. */
export const MAX_ROWS = 4;
/** Size of a 100% bar's values and part names: 12 px on a 600 px wide preview. */
export const CHART_TEXT = 24;
/**
 * Size of a bar chart's labels and values: 8.5 px on a 300 px wide thumbnail, where 24 px (6 px) could not be read
 * (social cards round 2); the card draws fewer bars to make the room, and says how many it leaves out.
 */
export const BAR_TEXT = 34;
/** Size of the line saying what a chart leaves out ("and 2 more in the article"). */
const NOTE_TEXT = 26;
/** Height of a stacked or nested bar. */
const SEGMENT_BAR = 56;
/** Share of the chart's width the category labels take, left of their bars, and the gap after them. */
const LABEL_SHARE = 0.3;
const LABEL_GAP = 20;
/** The labels' share in a compact chart, so that a long label keeps to one line. */
const COMPACT_LABEL_SHARE = 0.42;
/** Room for a value label after a full bar ("100%" in bold at `BAR_TEXT`). */
const VALUE_ROOM = 110;
/** Average advance of a character of bold text at `CHART_TEXT`, with a margin. */
const CHAR = CHART_TEXT * 0.55;
/** The same at `BAR_TEXT`. */
const BAR_CHAR = BAR_TEXT * 0.55;

/**
 * The chart of `figure` in a box `width` px wide, with `labels` (as the card gives them, footnote marks
 * included) in place of the figure's own.
 */
export function chartBoxes(
  figure: Figure,
  width: number,
  labels?: string[],
  maxRows = MAX_ROWS,
  compact = false,
): CardNode {
  const data = chartKind(figure.kind).chart(figure);
  const shown = labels && labels.length === data.labels.length ? { ...data, labels } : data;
  // One value on a line says nothing a headline does not (round 12): a card shows it in words, with its source.
  if (shown.callout)
    throw new Error(`Figure "${figure.id}" draws a single value: a card shows it as its headline, not as a chart`);
  // A nested figure's brackets go first where the card is short of room (`cardVariants`: fewer rows).
  if (figure.kind === 'nested') return nestedChart(figure, width, maxRows >= MAX_ROWS);
  if (figure.kind === 'stacked') return segmentChart(stackedSegments(figure), width);
  return bandBars(shown, width, figure.kind === 'paired', maxRows, compact);
}

/**
 * Bars per category, each category's label left of its bars: the finding's bar (bars) or this edition's
 * (paired) in the series blue, the others grey; each value right after its bar. A paired figure names its editions inside the first pair of bars,
 * where they fit, so every name starts at the same edge.
 */
function bandBars(data: ChartData, width: number, paired: boolean, maxRows: number, compact: boolean): CardNode {
  const rows = data.labels.slice(0, maxRows);
  // Groups side by side (a figure by segment) would be bars without a key on a preview: the card draws the
  // first group (all respondents) and says the others are in the article.
  const groups = paired ? data.datasets.length : 1;
  const datasets = data.datasets.slice(0, groups);
  // Each category's label left of its bars, on the same line: the card is short of height, not of width.
  // Compact (tried before a row is left out): wider labels, on one line where they fit, and thinner bars.
  const labelWidth = Math.round(width * (compact ? COMPACT_LABEL_SHARE : LABEL_SHARE));
  const barsWidth = width - labelWidth - LABEL_GAP;
  const barMax = barsWidth - VALUE_ROOM;
  const thickness = compact ? 28 : 34;
  const colour = (d: number, i: number) => {
    if (paired) return d === 0 ? CARD_COLOURS.accent : CARD_COLOURS.neutral;
    return data.finding === undefined || data.finding === i ? CARD_COLOURS.accent : CARD_COLOURS.mid;
  };
  const categories = rows.map((label, i) =>
    box(
      { gap: LABEL_GAP, alignItems: 'center', width },
      fitted(label, labelWidth, [BAR_TEXT], 2, { lineHeight: compact ? 1.05 : 1.15, color: CARD_COLOURS.text }),
      box(
        { flexDirection: 'column', gap: 4, width: barsWidth },
        ...datasets.map((dataset, d) => {
          const length = Math.max(2, (barMax * dataset.data[i]!) / 100);
          const fill = colour(d, i);
          const name = paired && i === 0 ? dataset.label : undefined;
          const inside = name !== undefined && name.length * BAR_CHAR + 20 <= length;
          return box(
            { alignItems: 'center', gap: 10 },
            box(
              { boxSizing: 'border-box', width: length, height: thickness, background: fill, alignItems: 'center' },
              ...(inside
                ? [
                    text(name, {
                      fontSize: BAR_TEXT - 4,
                      fontWeight: 700,
                      color: onColour(fill),
                      marginLeft: 10,
                      lineHeight: 1,
                    }),
                  ]
                : []),
            ),
            text(data.values[d]![i]!, {
              fontSize: BAR_TEXT,
              fontWeight: 700,
              color: CARD_COLOURS.text,
              lineHeight: compact ? 1 : 1.1,
            }),
            ...(name !== undefined && !inside
              ? [text(name, { fontSize: BAR_TEXT - 4, color: CARD_COLOURS.muted })]
              : []),
          );
        }),
      ),
    ),
  );
  const more = data.labels.length - rows.length;
  const others = data.datasets.length - datasets.length;
  const notes = [
    others > 0 && `${datasets[0]!.label}; by ${countOf(others, 'group')} in the article`,
    more > 0 && `and ${more} more in the article`,
  ].filter((note): note is string => typeof note === 'string');
  // What the card leaves out, on one line: the card is short of height, not of width.
  return box(
    { flexDirection: 'column', gap: compact ? 6 : 12, width },
    ...categories,
    ...(notes.length > 0 ? [text(notes.join('; '), { fontSize: NOTE_TEXT, color: CARD_COLOURS.muted })] : []),
  );
}

/** Text colour on a fill: white on the blue, the text colour on the greys and tints. */
const onColour = (fill: string) => (fill === CARD_COLOURS.accent ? CARD_COLOURS.onFill : CARD_COLOURS.text);

/**
 * The look of a part of a 100% bar: the finding blue, the rest grey, a derived one, whatever its colour, neutral
 * hatching in a thin grey outline, as the site's charts draw it (round 14: a pale blue here read as a finding).
 */
function segmentStyle(segment: Segment, i: number): Style {
  const tone = segment.tone ?? (i === 0 ? 'first' : 'mid');
  const colour = tone === 'first' ? CARD_COLOURS.accent : CARD_COLOURS.mid;
  if (!segment.derived) return { background: colour };
  // The rest of a nested bar in horizontal lines, not the diagonal hatching of a derived part inside an answer:
  // two derived parts, two treatments, both named "(derived)" (round 16; the site dots it, which Satori cannot draw).
  if (segment.remainder)
    return {
      boxSizing: 'border-box',
      backgroundColor: CARD_COLOURS.hatch,
      backgroundImage: `repeating-linear-gradient(0deg, ${CARD_COLOURS.ground} 0px, ${CARD_COLOURS.ground} 4px, transparent 4px, transparent 6px)`,
      border: `1px solid ${CARD_COLOURS.mid}`,
    };
  return {
    boxSizing: 'border-box',
    backgroundColor: CARD_COLOURS.hatch,
    backgroundImage: `repeating-linear-gradient(45deg, ${CARD_COLOURS.ground} 0px, ${CARD_COLOURS.ground} 4px, transparent 4px, transparent 6px)`,
    border: `1px solid ${CARD_COLOURS.mid}`,
  };
}

/**
 * One 100% bar of parts, each part's value inside it where it fits, and each part's name directly under it, at
 * its width (no legend with swatches, no value printed twice: review round 6). A part too narrow for its value
 * inside has it after its name under the bar; "(derived)" follows the name of a part computed from the others.
 */
function segmentChart(segments: readonly Segment[], width: number): CardNode {
  const parts = segments.map((segment, i) => {
    const style = segmentStyle(segment, i);
    const part = (width * segment.value) / 100;
    const value = formatPercent(segment.value);
    return { segment, style, part, value, fits: value.length * CHAR + 12 <= part };
  });
  const bar = box(
    { width, height: SEGMENT_BAR },
    ...parts.map(({ style, part, value, fits }) =>
      box(
        { ...style, width: part, height: SEGMENT_BAR, alignItems: 'center', justifyContent: 'center' },
        ...(fits
          ? [text(value, { fontSize: CHART_TEXT, fontWeight: 700, color: onColour(String(style.background)) })]
          : []),
      ),
    ),
  );
  const nameOf = ({ segment, value, fits }: (typeof parts)[number]) =>
    `${segment.name}${fits ? '' : ` ${value}`}${segment.derived ? ' (derived)' : ''}`;
  // The last name stays on one line, running left under its neighbour's part, where it clears that part's name
  // (estimated at 0.45 em a character, a little over the font's own): a name's second line would cost the card a row of its chart.
  const estimate = (name: string) => name.length * CHART_TEXT * 0.45;
  const last = parts.length - 1;
  const before = parts.slice(0, Math.max(0, last - 1)).reduce((sum, p) => sum + p.part, 0);
  const oneLine =
    last > 0 && before + estimate(nameOf(parts[last - 1]!)) + 16 + estimate(nameOf(parts[last]!)) <= width;
  const names = box(
    { width, alignItems: 'flex-start' },
    // The last part's name is set flush right, so that a long name under a narrow part runs left, inside the card.
    ...parts.map((p, i) =>
      box(
        {
          width: p.part,
          boxSizing: 'border-box',
          flexShrink: 0,
          ...(i === parts.length - 1 && i > 0
            ? { justifyContent: 'flex-end', textAlign: 'right' as const }
            : { paddingRight: 8 }),
        },
        text(
          nameOf(p),
          {
            ...(i === last && oneLine ? { whiteSpace: 'nowrap' as const } : {}),
            fontSize: CHART_TEXT,
            lineHeight: 1.2,
            color: CARD_COLOURS.text,
          },
          2,
        ),
      ),
    ),
  );
  return box({ flexDirection: 'column', gap: 8, width }, bar, names);
}

/**
 * A nested figure as the site draws it: one 100% bar of the parts its answers cut it into (the innermost
 * answer, what each outer answer holds beyond it, the rest), under a bracket for each outer answer that
 * spans its parts and names it ("76% did not reduce their AI/ML team"). The shares contain one another, so
 * no answer gets a bar of its own beside the others.
 */
function nestedChart(figure: Figure, width: number, withBrackets = true): CardNode {
  const brackets = (withBrackets ? figure.rows.slice(0, -1) : []).map((row) =>
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

/** Whether `figure` draws one value (a large number on a line): a card shows it in words, never as a chart. */
export const drawsOneValue = (figure: Figure): boolean => Boolean(chartKind(figure.kind).chart(figure).callout);
