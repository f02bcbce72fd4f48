import type { Figure } from '../../schema/figure.ts';
import { formatPercent } from '../../format.ts';
import { midSentence, respondentsText } from '../summary.ts';
import { CHART, escapeXml, pct, WIDE, wrapLabel, type ChartLayout } from '../shared.ts';
import {
  MIN_BAR_WIDTH,
  segmentBarThickness,
  segmentBelowHeight,
  svgSegments,
  WIDE_BAR_WIDTH,
  type Segment,
} from './segments.ts';
import { bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "nested": answers that contain one another ("did not reduce the team" contains "increased the team"),
 * drawn as one labelled 100% bar of the parts they cut it into: the innermost answer ("Increased 27%"),
 * what each answer holds beyond the one inside it ("Not increased 49%", derived) and the rest of the bar
 * ("Other answers 24%", derived), labelled in place (see `segments.ts`). One bracket over each outer
 * answer's segments names it ("76% did not reduce their AI/ML team"), so the published shares stay
 * readable and nobody adds them up. The derived parts are computed here, never stored.
 */

/** Height of a bracket's ticks, in px. */
const BRACKET = 8;

const firstWord = (label: string) => label.split(/\s+/)[0] ?? label;

/**
 * The parts of the bar, from the left: the innermost answer, then each answer beyond the one inside it,
 * then the rest. The innermost answer is in the series colour (the finding); a derived part inside an
 * outer answer is in neutral hatching with a smaller label, so it never outweighs a published part; the
 * rest is grey; each part is named by its row's `segment`, else by the answer's first word ("Not …" for what
 * an outer answer holds beyond the one inside it).
 */
export function nestedSegments(figure: Figure): Segment[] {
  const rows = figure.rows;
  const inner = rows[rows.length - 1]!;
  const segments: Segment[] = [
    { name: inner.segment ?? firstWord(inner.label), value: inner.value, derived: inner.derived, tone: 'first' },
  ];
  for (let i = rows.length - 2; i >= 0; i--) {
    const within = rows[i + 1]!;
    segments.push({
      name: rows[i]!.segment ?? `Not ${firstWord(within.label).toLowerCase()}`,
      value: rows[i]!.value - within.value,
      derived: true,
      tone: 'first',
      hatched: true,
    });
  }
  const rest = 100 - rows[0]!.value;
  if (rest > 0)
    segments.push({
      name: figure.otherSegment ?? 'Other answers',
      value: rest,
      derived: true,
      tone: 'mid',
      remainder: true,
    });
  return segments.filter((segment) => segment.value > 0);
}

/** The bracket labels, outermost first: "76% did not reduce their AI/ML team", wrapped. */
const bracketLines = (figure: Figure, chars: number = CHART.labelChars) =>
  figure.rows.slice(0, -1).map((row) => wrapLabel(`${formatPercent(row.value)} ${midSentence(row.label)}`, chars));

export const nested: ChartKindModule<'nested'> = {
  kind: 'nested',
  description: 'answers inside one another, in one 100% bar',
  barThickness: 36,
  validate(figure, report) {
    if (figure.unit !== 'percent') {
      report(
        ['unit'],
        `is "${figure.unit}", but a "nested" figure draws parts of a whole in percent: use "bars" or "number"`,
      );
    }
    if (figure.rows.length < 2) {
      report(
        ['rows'],
        `of a "nested" figure must hold at least two values (an answer, then the part of it nested inside), but hold ${figure.rows.length}; use "number" for one value`,
      );
    }
    figure.rows.forEach((r, i) => {
      const parent = figure.rows[i - 1];
      if (parent && r.value > parent.value) {
        report(
          ['rows', i, 'value'],
          `(${r.value}) is larger than the answer it is nested in, "${parent.label}" (${parent.value}): in a "nested" figure each row is part of the row before it, so its share cannot be larger; if the answers do not contain one another, use "bars"`,
        );
      }
      if (r.previous !== undefined) {
        report(['rows', i, 'previous'], 'is not shown by a "nested" figure: use "paired" to compare editions');
      }
      if (r.segment !== undefined && figure.rows.filter((other) => other.segment === r.segment).length > 1) {
        report(['rows', i, 'segment'], `repeats the part name "${r.segment}": each part of the bar needs its own`);
      }
    });
  },
  layout(figure): ChartLayout {
    const segments = nestedSegments(figure);
    const at = (width: number): ChartLayout => {
      // The bracket labels wrap to the bar's width: about 7 px a character of 14 px text.
      const labels = bracketLines(figure, width === MIN_BAR_WIDTH ? CHART.labelChars : WIDE.labelChars * 2);
      const brackets = labels.reduce((sum, lines) => sum + lines.length * CHART.lineHeight + BRACKET + 4, 0);
      const thickness = segmentBarThickness(segments, width);
      const height = brackets + CHART.labelGap + thickness + segmentBelowHeight(segments, width) + CHART.labelGap;
      const base = { kind: 'nested' as const, height, plotHeight: height, band: height, labels, key: [] };
      return { ...base, barThickness: thickness, segmentWidth: width };
    };
    return { ...at(MIN_BAR_WIDTH), wide: at(WIDE_BAR_WIDTH) };
  },
  svg(figure, layout) {
    const parts: string[] = [];
    let y = 0;
    // Brackets from the outermost answer in: each spans 0 to the answer's share, its label above it.
    layout.labels.forEach((lines, i) => {
      const row = figure.rows[i]!;
      const value = formatPercent(row.value);
      lines.forEach((line, k) => {
        y += CHART.lineHeight;
        const text =
          k === 0 && line.startsWith(value)
            ? `<tspan class="mt-chart-value">${escapeXml(value)}</tspan>${escapeXml(line.slice(value.length))}`
            : escapeXml(line);
        parts.push(`<text x="0" y="${y - 4}" class="mt-chart-label mt-chart-bracket-label">${text}</text>`);
      });
      const b = y + 2;
      const to = pct(row.value);
      parts.push(
        `<g class="mt-chart-bracket-mark"><line class="mt-chart-bracket" x1="0.5" x2="0.5" y1="${b}" y2="${b + BRACKET}" /><line class="mt-chart-bracket" x1="0" x2="${to}" y1="${b}" y2="${b}" /><line class="mt-chart-bracket" x1="${to}" x2="${to}" y1="${b}" y2="${b + BRACKET}" /></g>`,
      );
      y += BRACKET + 4;
    });
    parts.push(
      svgSegments(
        nestedSegments(figure),
        y + CHART.labelGap,
        layout.barThickness,
        layout.segmentWidth,
        `mt-hatch-${figure.id}-nested-${layout.segmentWidth ?? MIN_BAR_WIDTH}`,
      ),
    );
    return parts.join('');
  },
  chart: (figure) => ({
    labels: figure.rows.map((r) => r.label),
    datasets: [{ label: figure.title, data: figure.rows.map((r) => r.value), fill: 0 }],
    values: [figure.rows.map((r) => formatPercent(r.value))],
    stacked: false,
  }),
  summary(figure, surveySize) {
    const [outer, ...inner] = figure.rows;
    const parts = inner.map(
      (r, i) => `${formatPercent(r.value)} ${midSentence(r.label)}, all of them within “${figure.rows[i]!.label}”`,
    );
    return `Nested bar of ${respondentsText(figure, surveySize)}: ${formatPercent(outer!.value)} ${midSentence(outer!.label)}; ${parts.join('; ')}. The shares contain one another and do not add up.`;
  },
  // The published answers, then the parts the bar computes from them, marked derived.
  table(figure) {
    const published = bandTable(figure, [{ name: 'Share', value: (r) => r.value }]);
    const derived = nestedSegments(figure)
      .filter((segment) => segment.derived)
      .map((segment) => ({
        label: segment.name,
        derived: true,
        cells: [formatPercent(segment.value)],
        value: segment.value,
      }));
    return { ...published, rows: [...published.rows, ...derived] };
  },
};
