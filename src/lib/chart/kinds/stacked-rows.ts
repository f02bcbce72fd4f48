import type { Figure } from '../../schema/figure.ts';
import { figureValue } from '../unit.ts';
import { CHART, escapeXml, keyEntry, keyHeight, pct, svgKey, svgText, type ChartLayout } from '../shared.ts';
import { fewerThan, type FigureSegment } from '../segment-view.ts';
import type { DrawnSegment } from './segments.ts';

/**
 * The split behind an NPS by group ("nps-groups" with `segmentBy`): one 100% bar per group, all who answered
 * first, each cut into detractors (orange), passives (grey) and promoters (blue), the group's n after its label
 * and its NPS with the 95% interval at the bar's end; a key of the three parts once, above the bars. A group
 * withheld (under the minimum n) keeps its row: its label, an empty outline and why, never a value.
 * Any figure computed as "nps-groups" by segment is drawn so (see `isStackedRows`), web and print; so is any
 * figure of shares of a single-choice question by segment that asks for it (`"survey": { …, "draw": "stacked" }`):
 * its parts are the answers in the questionnaire's order, keyed by their labels, with no score after the bar.
 */

/** How far an NPS split's bars run, in percent of the chart's width; the score is written after them. */
export const STACK_END = 62;
/** Where a figure's bars end: short of the score an NPS split writes after them, else the chart's full width. */
const barEnd = (figure: Figure) => (figure.survey?.compute === 'nps-groups' ? STACK_END : 100);
const THICKNESS = 28;
const GAP = 14;
/** Average advance of one character of 13 px bold text in a segment, in px. */
const CHAR = 7.4;
/**
 * The bars' length in px on the narrowest screen (320 px), and in the wide variant (a chart box of 600 px and
 * more): what a value written inside a part must fit in.
 */
const NARROW_WIDTH = 280;
const WIDE_WIDTH = 600;

type Tone = 'first' | 'mid' | 'second';

const NPS_PARTS: readonly { label: string; key: string; tone: Tone }[] = [
  { label: 'Detractors', key: 'Detractors (0–6)', tone: 'second' },
  { label: 'Passives', key: 'Passives (7–8)', tone: 'mid' },
  { label: 'Promoters', key: 'Promoters (9–10)', tone: 'first' },
];

/** How many answers a 100% bar tells apart by colour: the first in blue, the last in orange, one between in grey. */
export const STACK_TONES = 3;

/**
 * The parts of each bar, from the left: an NPS's three groups, or a single-choice question's answers in the
 * questionnaire's order (first blue, last orange, a middle one grey).
 */
function stackParts(figure: Figure): readonly { label: string; key: string; tone: Tone }[] {
  if (figure.survey?.compute === 'nps-groups') return NPS_PARTS;
  const last = figure.rows.length - 1;
  return figure.rows.map((row, i) => ({
    label: row.label,
    key: row.label,
    tone: i === 0 ? 'first' : i === last ? 'second' : 'mid',
  }));
}

/**
 * Whether a figure is drawn as one 100% bar per group: the split behind an NPS by segment, or shares by segment
 * that ask for it (`draw: "stacked"`, checked when computed: one answer each, at most three answers).
 */
export const isStackedRows = (figure: Figure) =>
  (figure.survey?.compute === 'nps-groups' || figure.survey?.draw === 'stacked') && (figure.segments?.length ?? 0) > 0;

/** "+23", "−12": a score as the NPS figure writes it. */
const scoreFigure = (figure: Figure): Figure => ({
  ...figure,
  unit: 'score',
  survey: { ...figure.survey!, compute: 'nps' },
});

export interface StackRow {
  /** "Application developer (n = 140)". */
  label: string;
  /** The segment's id (none for all who answered): the lens highlights it. */
  segment?: string;
  /** Detractors, passives, promoters (or the answers), from the left; none where the group is withheld. */
  parts: (DrawnSegment & { tone: Tone })[];
  /** "NPS +23" (the split behind an NPS only). */
  score?: string;
  /** "+10 to +36". */
  scoreInterval?: string;
  /** Why the group has no bar. */
  missing?: string;
}

/** The rows of the chart, all who answered first, then every group in the questionnaire's order. */
export function stackRows(figure: Figure, total: string): StackRow[] {
  const scored = scoreFigure(figure);
  const score = (s: { value: number; interval: { low: number; high: number } } | undefined) =>
    s
      ? {
          score: `NPS ${figureValue(scored, s.value)}`,
          scoreInterval: `${figureValue(scored, s.interval.low)} to ${figureValue(scored, s.interval.high)}`,
        }
      : {};
  const parts = (value: (label: string) => number | undefined) =>
    stackParts(figure).map((part) => ({
      name: part.label,
      value: value(part.label) ?? 0,
      derived: false,
      tone: part.tone,
      text: figureValue(figure, value(part.label) ?? 0),
    }));
  const group = (s: FigureSegment): StackRow => {
    const label = `${s.label} (n = ${s.n})`;
    const withheld = s.rows.some((r) => r.value === undefined);
    if (withheld) return { label, segment: s.id, parts: [], missing: fewerThan(figure, s) };
    return { label, segment: s.id, parts: parts((l) => s.rows.find((r) => r.label === l)?.value), ...score(s.score) };
  };
  return [
    {
      label: `${total} (n = ${figure.base?.n})`,
      parts: parts((l) => figure.rows.find((r) => r.label === l)?.value),
      ...score(figure.survey?.score),
    },
    ...(figure.segments ?? []).map(group),
  ];
}

/** The key of the parts, once above the bars: their names with their colours. */
export const stackKeyParts = (figure: Figure) => stackParts(figure).map(({ key, tone }) => ({ name: key, tone }));

export const stackKey = (figure: Figure) =>
  stackParts(figure).map((part) =>
    keyEntry(part.tone === 'second' ? 'fill-2' : part.tone === 'mid' ? 'fill-mid' : 'fill-1', part.key),
  );

const rowHeight = CHART.lineHeight + CHART.labelGap + THICKNESS + GAP;

export function stackRowsLayout(figure: Figure, total: string): ChartLayout {
  const rows = stackRows(figure, total);
  const height = keyHeight(stackKey(figure)) + GAP + rows.length * rowHeight;
  const base = { kind: figure.kind, height, plotHeight: height, band: rowHeight, labels: [], key: stackKey(figure) };
  // The wide variant is drawn alike, its bars longer: a small part's value fits in it there ("9%").
  return { ...base, barThickness: THICKNESS, wide: { ...base, barThickness: THICKNESS, labelColumn: true } };
}

/** A part's value inside it, where it fits on the narrowest screen; else the table and downloads give it. */
const fits = (part: StackRow['parts'][number], wide: boolean, end: number) =>
  (part.value / 100) * (((wide ? WIDE_WIDTH : NARROW_WIDTH) * end) / 100) >= part.text!.length * CHAR + 6;

function svgRow(row: StackRow, top: number, wide: boolean, end: number): string {
  const out: string[] = [svgText(0, top + CHART.lineHeight - 4, row.label, 'class="mt-chart-label"')];
  const y = top + CHART.lineHeight + CHART.labelGap;
  const mid = y + THICKNESS / 2;
  if (row.missing) {
    out.push(
      `<rect class="mt-chart-withheld" x="0" y="${y + 0.5}" width="${pct(end)}" height="${THICKNESS - 1}" />`,
      svgText(8, mid, row.missing, 'class="mt-chart-missing" dominant-baseline="central"'),
    );
  } else {
    let start = 0;
    for (const part of row.parts) {
      const width = (part.value / 100) * end;
      out.push(
        `<rect class="mt-chart-segment mt-chart-fill-${part.tone}" x="${pct(start)}" y="${y}" width="${pct(width)}" height="${THICKNESS}" />`,
      );
      if (fits(part, wide, end)) {
        const on = part.tone === 'mid' ? 'mt-chart-on-neutral' : 'mt-chart-on-fill';
        out.push(
          svgText(
            pct(start + width / 2),
            mid,
            part.text!,
            `class="mt-chart-inside mt-chart-segment-value ${on}" text-anchor="middle" dominant-baseline="central"`,
          ),
        );
      }
      start += width;
    }
    if (row.score) {
      const x = pct(STACK_END + 2);
      out.push(
        `<text class="mt-chart-value" x="${x}" y="${mid - 3}">${escapeXml(row.score)}<tspan class="mt-chart-tick" x="${x}" y="${mid + 11}">${escapeXml(row.scoreInterval ?? '')}</tspan></text>`,
      );
    }
  }
  const lens = row.segment ? ` data-segment="${escapeXml(row.segment)}"` : '';
  return `<g class="mt-chart-stack-row"${lens}>${out.join('')}</g>`;
}

export function stackRowsSvg(figure: Figure, total: string, wide = false): string {
  const key = stackKey(figure);
  const first = keyHeight(key) + GAP;
  return (
    svgKey(`${figure.id}-stack`, key, 0) +
    stackRows(figure, total)
      .map((row, i) => svgRow(row, first + i * rowHeight, wide, barEnd(figure)))
      .join('')
  );
}

/** What a screen reader hears in place of the bars: each row's parts and NPS, or why it has none. */
export function stackRowsSummary(figure: Figure, total: string): string {
  const each = stackRows(figure, total).map((row) => {
    if (row.missing) return `${row.label} ${row.missing}`;
    const parts = row.parts.map((p) => `${p.name.toLowerCase()} ${p.text}`).join(', ');
    return `${row.label}: ${parts}${row.score ? `, ${row.score} (${row.scoreInterval})` : ''}`;
  });
  const group = (figure.segments?.[0]?.group ?? 'group').toLowerCase();
  return `${figure.title}. One 100% bar per ${group}. ${each.join('; ')}.`;
}
