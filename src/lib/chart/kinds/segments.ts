import { formatPercent } from '../../format.ts';
import { CHART, escapeXml, pct, wrapGreedy, wrapLabel } from '../shared.ts';

/**
 * One 100% bar cut into labelled segments (stacked, nested): each segment's name and value written in
 * place, the name wrapped above the value, inside the segment where it fits on the narrowest screen
 * (320 px), else on a line of its own under the bar, next to the segment's end. No key, no axis: the
 * bar is the whole and every part is named on it. The first segment (the finding) is the series blue,
 * the others neutral grey; a derived segment is a light tint of its colour with an outline.
 */

export interface Segment {
  name: string;
  value: number;
  derived: boolean;
  /** The segment's colour: the series colour (the finding) or neutral grey; by default the first segment is the finding. */
  tone?: 'first' | 'mid';
  /** The value as written, where the figure writes its values otherwise than to one decimal ("20%"). */
  text?: string;
}

/** A segment as drawn: a diverging bar (diverging.ts) also uses the second series colour and light tints of both. */
export interface DrawnSegment extends Omit<Segment, 'tone'> {
  tone?: Segment['tone'] | 'second' | 'first-tint' | 'second-tint';
}

/** Width in px of the bar on a 320 px screen: the chart box's width there. */
export const MIN_BAR_WIDTH = 244;
/** Width in px of the bar in the wide variant, shown from `WIDE.minWidth` px of chart box up. */
export const WIDE_BAR_WIDTH = 600;
/** Padding in px inside a segment, each side. */
const PAD = 3;
/** Line height of a label in px (13 px text). */
const LINE = 16;
/** At most this many lines inside a segment; a label needing more goes under the bar. */
const MAX_LINES = 3;
/** Average advance of one character of 13 px text, in px (Source Sans 3 averages about 6.2). */
const CHAR = 6.5;

export interface SegmentPlacement {
  /** Lines written inside the segment, or null where the label goes under the bar. */
  inside: string[] | null;
  /** The one-line label under the bar, where it does not fit inside. */
  below: string | null;
}

const valueText = (segment: DrawnSegment) => segment.text ?? formatPercent(segment.value);

/** Where each segment's label goes: inside (wrapped: name, then value) or under the bar. */
export function placeSegments(segments: readonly DrawnSegment[], barWidth = MIN_BAR_WIDTH): SegmentPlacement[] {
  return segments.map((segment) => {
    const room = (segment.value / 100) * barWidth - 2 * PAD;
    const chars = Math.floor(room / CHAR);
    const words = segment.name.split(/\s+/);
    const longest = Math.max(...words.map((w) => w.length), valueText(segment).length);
    // A derived segment always says so: "49% (derived)" inside, else on a line of its own under the bar.
    const value = segment.derived ? `${valueText(segment)} (derived)` : valueText(segment);
    if (chars >= Math.max(longest, value.length)) {
      const name = wrapLabel(segment.name, chars);
      if (name.length + 1 <= MAX_LINES) return { inside: [...name, value], below: null };
    }
    const label = `${segment.name} ${valueText(segment)}${segment.derived ? ' (derived)' : ''}`;
    return { inside: null, below: label };
  });
}

/** Thickness of the bar in px: the tallest label inside, at least 36 px. */
export function segmentBarThickness(segments: readonly DrawnSegment[], barWidth = MIN_BAR_WIDTH): number {
  const lines = Math.max(1, ...placeSegments(segments, barWidth).map((p) => p.inside?.length ?? 0));
  return Math.max(36, lines * LINE + 2 * PAD + 4);
}

/**
 * A label under the bar in lines that each fit the bar (a long one wraps rather than leave its part): the name
 * over its value ("Reduced, or another answer" over "24% (derived)") where each fits a line.
 */
function belowLines(label: string, barWidth: number): string[] {
  const chars = Math.floor(barWidth / CHAR);
  if (label.length <= chars) return [label];
  const split = /^(.*?) (\S+(?: \(derived\))?)$/.exec(label);
  if (split && split[1]!.length <= chars && split[2]!.length <= chars) return [split[1]!, split[2]!];
  return wrapGreedy(label, chars);
}

/** Height in px of the lines under the bar (labels that do not fit inside). */
export function segmentBelowHeight(segments: readonly DrawnSegment[], barWidth = MIN_BAR_WIDTH): number {
  const below = placeSegments(segments, barWidth).flatMap((p) =>
    p.below === null ? [] : belowLines(p.below, barWidth),
  );
  return below.length * (CHART.lineHeight + 2) + (below.length > 0 ? 6 : 0);
}

/** The segments as SVG from `top`: rects, labels in place, and the lines under the bar. */
export function svgSegments(
  segments: readonly DrawnSegment[],
  top: number,
  thickness: number,
  barWidth = MIN_BAR_WIDTH,
): string {
  const placements = placeSegments(segments, barWidth);
  const parts: string[] = [];
  let start = 0;
  let belowY = top + thickness + 6;
  segments.forEach((segment, i) => {
    const tone = segment.tone ?? (i === 0 ? 'first' : 'mid');
    const cls = segment.derived ? `mt-chart-derived mt-chart-derived-${tone}` : `mt-chart-fill-${tone}`;
    parts.push(
      `<rect class="mt-chart-segment ${cls}" x="${pct(start)}" y="${top}" width="${pct(segment.value)}" height="${thickness}" />`,
    );
    const placement = placements[i]!;
    const end = start + segment.value;
    if (placement.inside) {
      const on =
        segment.derived || tone.endsWith('-tint')
          ? 'mt-chart-on-derived'
          : tone === 'mid'
            ? 'mt-chart-on-neutral'
            : 'mt-chart-on-fill';
      const lines = placement.inside;
      const first = top + thickness / 2 - ((lines.length - 1) * LINE) / 2;
      const tspans = lines
        .map((line, k) => {
          const cls = k === lines.length - 1 || line.endsWith('(derived)') ? ' class="mt-chart-segment-value"' : '';
          return `<tspan x="${pct(start + segment.value / 2)}" y="${first + k * LINE}"${cls}>${escapeXml(line)}</tspan>`;
        })
        .join('');
      parts.push(
        `<text class="mt-chart-inside mt-chart-segment-label ${on}" text-anchor="middle" dominant-baseline="central">${tspans}</text>`,
      );
    } else if (placement.below) {
      // Under the bar, ending where the segment ends (or starting where it starts, in the left half), with a
      // short tick from the segment down to it. A label longer than the bar wraps, so that it stays under its
      // own part (round 10: at 390 px "Reduced, or another answer 24% (derived)" had moved to the left end,
      // under the other parts); only a label still too long to end there starts further left.
      const lines = belowLines(placement.below, barWidth);
      const longest = Math.max(...lines.map((line) => line.length));
      const room = ((longest * CHAR) / barWidth) * 100;
      const atEnd = end > 50 && end >= room;
      const from = start + room <= 100 ? start : Math.max(0, 100 - room);
      const x = atEnd ? pct(end) : pct(from);
      const mid = pct(start + segment.value / 2);
      const tspans = lines
        .map(
          (line, k) =>
            `<tspan class="mt-chart-below-line" x="${x}" dx="${atEnd ? -2 : 2}" y="${belowY + CHART.lineHeight - 4 + k * (CHART.lineHeight + 2)}">${escapeXml(line)}</tspan>`,
        )
        .join('');
      parts.push(
        `<line class="mt-chart-bracket" x1="${mid}" x2="${mid}" y1="${top + thickness}" y2="${belowY + 2}" />`,
        `<text class="mt-chart-value mt-chart-segment-label" x="${x}" y="${belowY + CHART.lineHeight - 4}" text-anchor="${atEnd ? 'end' : 'start'}">${tspans}</text>`,
      );
      belowY += lines.length * (CHART.lineHeight + 2);
    }
    start = end;
  });
  return parts.join('');
}
