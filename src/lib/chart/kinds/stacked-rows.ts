import type { Figure } from '../../schema/figure.ts';
import { figureValue } from '../unit.ts';
import { CHART, escapeXml, pct, svgText, type ChartLayout } from '../shared.ts';
import { fewerThan, type FigureSegment } from '../segment-view.ts';
import type { DrawnSegment } from './segments.ts';

/**
 * The split behind an NPS by group ("nps-groups" with `segmentBy`): one 100% bar per group, all who answered
 * first, in greys (the comparison in a neutral colour, as a by-segment chart draws its total), each cut into detractors (orange), passives (grey) and promoters (blue), the group's n after its label
 * and its NPS with the 95% interval at the bar's end; the three parts named once, directly over the first bar, each
 * at its part's start with a tick down to it (round 13: no key to match colours against). A part too narrow for
 * its value has it written under the bar, at the part's middle. A group
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
/**
 * The space between one bar and the next group's name: room for a value written under a bar too narrow for it
 * ("9%" at 390 px), clear of that name (round 15: at 14 px they touched).
 */
const GAP = 22;
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
  /** All who answered: the comparison, drawn in greys (its parts in the groups' order), each group in colour. */
  total?: true;
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
      total: true,
      parts: parts((l) => figure.rows.find((r) => r.label === l)?.value),
      ...score(figure.survey?.score),
    },
    ...(figure.segments ?? []).map(group),
  ];
}

/** The parts' names with their colours (the printed chart names them over its first bar). */
export const stackKeyParts = (figure: Figure) => stackParts(figure).map(({ key, tone }) => ({ name: key, tone }));

const rowHeight = CHART.lineHeight + CHART.labelGap + THICKNESS + GAP;
/** The parts' names over the first bar, one line each (a staircase, left to right), and the ticks' run. */
const NAME_LINE = 16;
const namesHeight = (figure: Figure) => stackParts(figure).length * NAME_LINE + 6;

export function stackRowsLayout(figure: Figure, total: string): ChartLayout {
  const rows = stackRows(figure, total);
  const height = namesHeight(figure) + rows.length * rowHeight;
  const base = { kind: figure.kind, height, plotHeight: height, band: rowHeight, labels: [], key: [] };
  // The wide variant is drawn alike, its bars longer: a small part's value fits in it there ("9%").
  return { ...base, barThickness: THICKNESS, wide: { ...base, barThickness: THICKNESS, labelColumn: true } };
}

/** A part's value inside it, where it fits on the narrowest screen; else the table and downloads give it. */
const fits = (part: StackRow['parts'][number], wide: boolean, end: number) =>
  (part.value / 100) * (((wide ? WIDE_WIDTH : NARROW_WIDTH) * end) / 100) >= part.text!.length * CHAR + 6;

/**
 * The parts' names over the first bar (after its label): each on its own line at its part's start, a tick down
 * to the bar; a name that would run past the chart's edge ends at its part's end instead.
 */
function svgNames(figure: Figure, row: StackRow, top: number, wide: boolean, end: number): string {
  const width = wide ? WIDE_WIDTH : NARROW_WIDTH / (end / 100);
  const names = stackParts(figure);
  const barTop = top + names.length * NAME_LINE + 6 - 2;
  let start = 0;
  return names
    .map((part, i) => {
      const drawn = row.parts[i];
      const x = start;
      const partWidth = ((drawn?.value ?? 0) / 100) * end;
      start += partWidth;
      const overflows = ((x + 0.5) / 100) * width + part.key.length * CHAR > width;
      const at = overflows ? x + partWidth - 0.5 : x + 0.5;
      const y = top + (i + 1) * NAME_LINE - 4;
      return (
        `<line class="mt-chart-leader" x1="${pct(at)}" x2="${pct(at)}" y1="${y + 4}" y2="${barTop}" />` +
        svgText(
          pct(at),
          y,
          part.key,
          `class="mt-chart-key mt-chart-part-name" dx="${overflows ? -4 : 4}"${overflows ? ' text-anchor="end"' : ''}`,
        )
      );
    })
    .join('');
}

/**
 * The text colour on a part: white on the strong colours, dark on the grey middle; on the total's greys, white on
 * the dark one, dark on the others (the page's text colour on the last, which is light in one theme, dark in the other).
 */
const onTone = (tone: Tone, total: boolean) =>
  tone === 'mid' ? 'mt-chart-on-neutral' : total && tone === 'second' ? 'mt-chart-on-total-light' : 'mt-chart-on-fill';

/** A row: its label, (for the first) the parts' names `names` high, then its bar. */
function svgRow(
  row: StackRow,
  top: number,
  wide: boolean,
  end: number,
  names?: { svg: string; height: number },
): string {
  const out: string[] = [svgText(0, top + CHART.lineHeight - 4, row.label, 'class="mt-chart-label"'), names?.svg ?? ''];
  const y = top + CHART.lineHeight + CHART.labelGap + (names?.height ?? 0);
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
        `<rect class="mt-chart-segment mt-chart-fill-${row.total ? 'total-' : ''}${part.tone}" x="${pct(start)}" y="${y}" width="${pct(width)}" height="${THICKNESS}" />`,
      );
      if (fits(part, wide, end)) {
        const on = onTone(part.tone, row.total === true);
        out.push(
          svgText(
            pct(start + width / 2),
            mid,
            part.text!,
            `class="mt-chart-inside mt-chart-segment-value ${on}" text-anchor="middle" dominant-baseline="central"`,
          ),
        );
      } else if (part.value > 0) {
        // Too narrow for its value: written under the bar, in the gap before the next row, at the part's middle.
        out.push(
          svgText(
            pct(Math.max(start + width / 2, 1)),
            y + THICKNESS + 11,
            part.text!,
            'class="mt-chart-tick mt-chart-outside-value" text-anchor="middle"',
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
  const rows = stackRows(figure, total);
  const end = barEnd(figure);
  // The first row: its label, then the parts' names and their ticks, then its bar; each other row one band lower.
  const height = namesHeight(figure);
  const names = { svg: svgNames(figure, rows[0]!, CHART.lineHeight + CHART.labelGap, wide, end), height };
  return [
    svgRow(rows[0]!, 0, wide, end, names),
    ...rows.slice(1).map((row, i) => svgRow(row, height + (i + 1) * rowHeight, wide, end)),
  ].join('');
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
