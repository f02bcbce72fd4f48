import { formatPercent } from '../../format.ts';
import { CHART, escapeXml, pct, wrapGreedy, wrapLabel } from '../shared.ts';

/**
 * One 100% bar cut into labelled segments (stacked, nested): each segment's name and value written in
 * place, the name wrapped above the value, inside the segment where it fits on the narrowest screen
 * (320 px), else on a line of its own under the bar, next to the segment's end. No key, no axis: the
 * bar is the whole and every part is named on it. The first segment (the finding) is the series blue,
 * the others neutral grey; a derived segment, whatever its colour, is neutral hatching with "(derived)" in its label:
 * the one mark of a derived value on every chart, legend and social card (review round 14 of issue 20: a tint with
 * a dashed outline, hatching and a pale blue were three marks of one thing).
 */

export interface Segment {
  name: string;
  value: number;
  derived: boolean;
  /** The segment's colour: the series colour (the finding) or neutral grey; by default the first segment is the finding. */
  tone?: 'first' | 'mid';
  /** The value as written, where the figure writes its values otherwise than to one decimal ("20%"). */
  text?: string;
  /**
   * A derived part inside a published answer (nested.ts): its label smaller and regular, so it never outweighs
   * the published part beside it. (Every derived segment is hatched; this sets only the label.)
   */
  hatched?: boolean;
  /**
   * The rest of a nested bar, outside every answer (nested.ts): derived as well, but dotted, not hatched, so that
   * it never reads as the same part as a derived share inside an answer (round 16: "Neither cut nor grew" and
   * "Reduced, or another answer" in one hatching).
   */
  remainder?: boolean;
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
  const below = belowLabels(segments, barWidth).flatMap((label) => label?.lines ?? []);
  return below.length * (CHART.lineHeight + 2) + (below.length > 0 ? 6 : 0);
}

/** A label under the bar: its lines, where it is anchored, what it covers and where its tick comes down, in %. */
interface BelowLabel {
  lines: string[];
  atEnd: boolean;
  x: number;
  /** The span its text covers, left to right, in percent of the bar. */
  from: number;
  to: number;
  /** Where its tick leaves its segment: the segment's middle. */
  mid: number;
}

/**
 * The order of the labels under the bar, top line first, so that no tick runs through another label's text: a
 * tick comes down from its segment past every line above its own, so a label whose span holds no other remaining
 * label's tick goes on top (a label starting at its segment and running right goes under the labels of the
 * segments after it). Where every order crosses, the label crossed by fewest ticks goes first.
 */
export function belowOrder(labels: readonly Pick<BelowLabel, 'from' | 'to' | 'mid'>[]): number[] {
  const left = labels.map((_, i) => i);
  const order: number[] = [];
  const crossed = (i: number) =>
    left.filter((j) => j !== i && labels[j]!.mid >= labels[i]!.from && labels[j]!.mid <= labels[i]!.to).length;
  while (left.length > 0) {
    const next = left.reduce((best, i) => (crossed(i) < crossed(best) ? i : best));
    order.push(next);
    left.splice(left.indexOf(next), 1);
  }
  return order;
}

/** Where each label under the bar goes (in segment order, null for a segment labelled inside). */
export function belowLabels(segments: readonly DrawnSegment[], barWidth = MIN_BAR_WIDTH): (BelowLabel | null)[] {
  const placements = placeSegments(segments, barWidth);
  let start = 0;
  return segments.map((segment, i) => {
    const placement = placements[i]!;
    const end = start + segment.value;
    const from = start;
    start = end;
    if (!placement.below) return null;
    // Under the bar, ending where the segment ends (or starting where it starts, in the left half), with a
    // short tick from the segment down to it. A label longer than the bar wraps, so that it stays under its
    // own part (round 10: at 390 px "Reduced, or another answer 24% (derived)" had moved to the left end,
    // under the other parts); only a label still too long to end there starts further left.
    let lines = belowLines(placement.below, barWidth);
    const roomOf = (lines: string[]) => ((Math.max(...lines.map((line) => line.length)) * CHAR) / barWidth) * 100;
    let fromStart = false;
    if (!(end > 50 && end >= roomOf(lines)) && from + roomOf(lines) > 100) {
      // Too long to start under its own part: wrapped to the room from its part to the bar's end, where that
      // takes at most three lines, it stays there and clear of the ticks of the parts before it (round 11).
      const chars = Math.floor((((100 - from) / 100) * barWidth) / CHAR);
      const wrapped = wrapGreedy(placement.below, chars);
      fromStart = chars >= 8 && wrapped.length <= 3 && wrapped.every((line) => line.length <= chars);
      if (fromStart) lines = wrapped;
    }
    const room = roomOf(lines);
    const atEnd = !fromStart && end > 50 && end >= room;
    const x = atEnd ? end : from + room <= 100 ? from : Math.max(0, 100 - room);
    return { lines, atEnd, x, from: atEnd ? x - room : x, to: atEnd ? x : x + room, mid: from + segment.value / 2 };
  });
}

/**
 * The segments as SVG from `top`: rects, labels in place, and the lines under the bar. `hatchId` names the
 * pattern of the derived segments (unique on a page: the figure's id in it).
 */
export function svgSegments(
  segments: readonly DrawnSegment[],
  top: number,
  thickness: number,
  barWidth: number | undefined,
  hatchId: string,
): string {
  barWidth ??= MIN_BAR_WIDTH;
  const placements = placeSegments(segments, barWidth);
  const parts: string[] = [];
  const dotted = (segment: DrawnSegment) => segment.derived && segment.remainder === true;
  const patterns = [
    segments.some((segment) => segment.derived && !dotted(segment)) &&
      `<pattern id="${hatchId}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)"><rect class="mt-chart-bg" width="6" height="6" /><rect class="mt-chart-hatch-neutral" width="2" height="6" /></pattern>`,
    segments.some(dotted) &&
      `<pattern id="${hatchId}-dots" patternUnits="userSpaceOnUse" width="6" height="6"><rect class="mt-chart-bg" width="6" height="6" /><circle class="mt-chart-hatch-neutral" cx="3" cy="3" r="1.6" /></pattern>`,
  ].filter((pattern): pattern is string => typeof pattern === 'string');
  if (patterns.length > 0) parts.push(`<defs>${patterns.join('')}</defs>`);
  let start = 0;
  segments.forEach((segment, i) => {
    const tone = segment.tone ?? (i === 0 ? 'first' : 'mid');
    const cls = dotted(segment)
      ? 'mt-chart-derived mt-chart-derived-dotted'
      : segment.derived
        ? 'mt-chart-derived mt-chart-derived-hatched'
        : `mt-chart-fill-${tone}`;
    const fill = segment.derived ? ` fill="url(#${hatchId}${dotted(segment) ? '-dots' : ''})"` : '';
    parts.push(
      `<rect class="mt-chart-segment ${cls}" x="${pct(start)}" y="${top}" width="${pct(segment.value)}" height="${thickness}"${fill} />`,
    );
    const placement = placements[i]!;
    if (placement.inside) {
      const on = segment.hatched
        ? 'mt-chart-on-hatched'
        : segment.derived || tone.endsWith('-tint')
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
      // A derived segment's label on a chip of the page's ground, not over the stripes (round 15: "Neither cut nor
      // grew 49% (derived)" over the hatching was weak in the dark theme): text and ground keep 4.5:1 in both themes.
      if (segment.derived) {
        const width = Math.min(
          Math.max(...lines.map((line) => line.length)) * CHAR + 2 * PAD,
          (segment.value / 100) * barWidth - 2,
        );
        const height = lines.length * LINE + 2;
        parts.push(
          `<rect class="mt-chart-label-chip" x="${pct(start + segment.value / 2)}" y="${first - LINE / 2 - 1}" width="${width.toFixed(1)}" height="${height}" rx="2" transform="translate(${(-width / 2).toFixed(1)} 0)" />`,
        );
      }
      parts.push(
        `<text class="mt-chart-inside mt-chart-segment-label ${on}" text-anchor="middle" dominant-baseline="central">${tspans}</text>`,
      );
    }
    start += segment.value;
  });
  // The labels under the bar, each on lines of its own, in an order where no tick crosses another's text.
  const below = belowLabels(segments, barWidth).filter((label): label is BelowLabel => label !== null);
  let belowY = top + thickness + 6;
  for (const k of belowOrder(below)) {
    const { lines, atEnd, x, mid } = below[k]!;
    const tspans = lines
      .map(
        (line, n) =>
          `<tspan class="mt-chart-below-line" x="${pct(x)}" dx="${atEnd ? -2 : 2}" y="${belowY + CHART.lineHeight - 4 + n * (CHART.lineHeight + 2)}">${escapeXml(line)}</tspan>`,
      )
      .join('');
    parts.push(
      `<line class="mt-chart-bracket" x1="${pct(mid)}" x2="${pct(mid)}" y1="${top + thickness}" y2="${belowY + 2}" />`,
      `<text class="mt-chart-value mt-chart-segment-label" x="${pct(x)}" y="${belowY + CHART.lineHeight - 4}" text-anchor="${atEnd ? 'end' : 'start'}">${tspans}</text>`,
    );
    belowY += lines.length * (CHART.lineHeight + 2);
  }
  return parts.join('');
}
