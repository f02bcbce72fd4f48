import type { Figure } from '../../schema/figure.ts';
import { figureValue, valueHeader } from '../unit.ts';
import { CHART, keyEntry, keyHeight, svgKey, svgText, type ChartLayout } from '../shared.ts';
import { fewerThan, segmentBody, segmentLayout, segmentSummary } from '../segment-view.ts';
import { bandChart, bandTable } from './banded.ts';
import type { ChartKindModule } from './types.ts';

/**
 * "by-segment": a small multiple of a figure computed with `segmentBy`, drawn at build so it reads without
 * JavaScript and in print: one panel per segment ("1,000+ employees"), each answer's value among that segment
 * (series blue) beside its value among all respondents (grey), each with its 95% interval. A suppressed value
 * (fewer answers than the series' minimum n) has no bar, only "fewer than 30 answered". One key under the
 * panels says what the colours are.
 */

/** Height of a panel's caption line ("1,000+ employees, n = 178") and the gap above the next panel. */
const CAPTION = CHART.lineHeight + 6;
const GAP = 12;

const segmentsOf = (figure: Figure) => figure.segments ?? [];

function key(figure: Figure) {
  const n = figure.base?.n;
  return [
    keyEntry('fill-1', 'The group named above each panel'),
    keyEntry('neutral', `All respondents${n === undefined ? '' : ` (n = ${n})`}`),
    keyEntry('interval', '95% interval'),
  ];
}

/** The panels' layouts (without their own keys), narrow or wide, and where each starts. */
function panels(figure: Figure, wide: boolean) {
  let y = 0;
  return segmentsOf(figure).map((segment) => {
    const base = segmentLayout(figure, segment, []);
    const layout = wide && base.wide ? base.wide : base;
    const top = y;
    y += CAPTION + layout.plotHeight + GAP;
    return { segment, layout, top };
  });
}

function layoutOf(figure: Figure, wide: boolean): ChartLayout {
  const all = panels(figure, wide);
  const last = all.at(-1);
  const plotHeight = last ? last.top + CAPTION + last.layout.plotHeight : 0;
  const first = all[0]?.layout;
  const keys = key(figure);
  return {
    kind: 'by-segment',
    height: plotHeight + GAP + keyHeight(keys),
    plotHeight: plotHeight + GAP,
    band: first?.band ?? 0,
    labels: first?.labels ?? [],
    key: keys,
    barThickness: first?.barThickness ?? 0,
    ...(wide ? { labelColumn: true } : {}),
  };
}

export const bySegment: ChartKindModule<'by-segment'> = {
  kind: 'by-segment',
  description: 'one panel per segment, each beside all respondents',
  barThickness: 20,
  validate(figure, report) {
    if (!figure.segments || figure.segments.length === 0) {
      report(
        ['kind'],
        'is "by-segment", which draws a figure\'s segments: compute it with "survey": { …, "segmentBy": "<question id>" }',
      );
    }
  },
  layout: (figure) => ({ ...layoutOf(figure, false), wide: layoutOf(figure, true) }),
  svg(figure, layout) {
    const wide = layout.labelColumn === true;
    const parts = panels(figure, wide).map(({ segment, layout: panel, top }) => {
      const caption = svgText(
        0,
        top + CHART.lineHeight - 4,
        `${segment.label}, n = ${segment.n}`,
        'class="mt-chart-label mt-chart-panel-title"',
      );
      return `${caption}<svg x="0" y="${top + CAPTION}" width="100%" height="${panel.plotHeight}" overflow="visible">${segmentBody(figure, segment, panel)}</svg>`;
    });
    return parts.join('') + svgKey(`${figure.id}-panels`, layout.key, layout.plotHeight);
  },
  chart: (figure) =>
    // The card draws all respondents' values, the first answer (the finding) accented as in `bars`.
    ({
      ...bandChart(figure, [{ name: figure.title, value: (row) => row.value, fill: 1, marksDerived: false }]),
      finding: 0,
    }),
  summary(figure) {
    const total = figure.rows.map((row) => `${row.label} ${figureValue(figure, row.value)}`).join(', ');
    const each = segmentsOf(figure).map((segment) => segmentSummary(figure, segment));
    return `Small multiple of ${segmentsOf(figure).length} groups. All respondents: ${total}. ${each.join(' ')}`;
  },
  table(figure) {
    const columns = [
      { name: `${valueHeader(figure)}, all respondents`, value: (row: Figure['rows'][number]) => row.value },
    ];
    const table = bandTable(figure, columns);
    return {
      columns: [...table.columns, ...segmentsOf(figure).map((s) => `${s.label} (n = ${s.n})`)],
      rows: table.rows.map((line, i) => ({
        ...line,
        cells: [
          ...line.cells,
          ...segmentsOf(figure).map((segment) => {
            const cell = segment.rows.find((r) => r.label === figure.rows[i]!.label);
            return cell?.value === undefined ? fewerThan(figure) : figureValue(figure, cell.value);
          }),
        ],
      })),
    };
  },
};
