import type { Figure, FigureRow } from '../../schema/figure.ts';
import { figureValue, valueHeader } from '../unit.ts';
import { CHART, escapeXml, fitLabelColumn, keyEntry, keyHeight, svgKey, svgText, type ChartLayout } from '../shared.ts';
import { fewerThan, NARROW_THICKNESS, segmentBody, segmentLayout, segmentSummary } from '../segment-view.ts';
import { bandChart, bandLayout, bandSvg, bandTable, type BandSeries } from './banded.ts';
import type { ChartKindModule } from './types.ts';
import { isStackedRows, stackRowsLayout, stackRowsSummary, stackRowsSvg } from './stacked-rows.ts';

/**
 * "by-segment": a figure computed with `segmentBy`, every group drawn at build, so it reads without
 * JavaScript, in print and in the downloads. The reader's lens (src/scripts/lens.ts) then highlights one
 * group, through the `data-segment` each group's marks carry.
 * - Several values (the shares of a question's answers): a small multiple, one panel per segment ("1,000+
 *   employees"), each answer's value among that segment (series blue) beside its value among all
 *   respondents (grey), each with its 95% interval.
 * - One value (a mean, an NPS, a top-2-box share): grouped bars, all respondents (grey) then one bar per
 *   segment (blue), each with its interval.
 * A suppressed value (fewer answers than the series' minimum n) has no bar, only "fewer than 30 answered".
 */

/** Height of a panel's caption line ("1,000+ employees, n = 178") and the gap above the next panel. */
const CAPTION = CHART.lineHeight + 6;
const GAP = 12;
const GROUPED_THICKNESS = 20;

const segmentsOf = (figure: Figure) => figure.segments ?? [];

/** Whether the figure has one value per group (grouped bars) rather than several (a small multiple). */
export const isGrouped = (figure: Figure) => figure.rows.length === 1;

/** The label of the total's bar and of each group's in grouped bars: "Platform engineer (n = 120)". */
const sized = (label: string, n: number | undefined) => (n === undefined ? label : `${label} (n = ${n})`);

/**
 * What the total's bar is called: "All respondents" where everyone surveyed answered, else "All who answered"
 * (a question some skipped, or one a skip rule asked of some only).
 */
export function totalLabel(figure: Figure): string {
  const everyone = figure.source.respondents;
  return figure.base?.n !== undefined && everyone !== undefined && figure.base.n < everyone
    ? 'All who answered'
    : 'All respondents';
}

/**
 * One value per group as a figure of its own: all respondents first, then each segment, one row each with
 * its interval; a suppressed segment keeps its row (its value is never read: `missing` says why).
 */
export function groupedRows(figure: Figure): { rows: FigureRow[]; segment: (string | undefined)[] } {
  const total = figure.rows[0]!;
  const rows: FigureRow[] = [
    { ...total, label: sized(totalLabel(figure), figure.base?.n) },
    ...segmentsOf(figure).map((s) => {
      const cell = s.rows[0];
      return {
        label: sized(s.label, s.n),
        value: cell?.value ?? 0,
        derived: false,
        ...(cell?.interval ? { interval: cell.interval } : {}),
      };
    }),
  ];
  return { rows, segment: [undefined, ...segmentsOf(figure).map((s) => s.id)] };
}

const groupedFigure = (figure: Figure): Figure => ({ ...figure, rows: groupedRows(figure).rows });

function groupedSeries(figure: Figure): BandSeries[] {
  const segments = segmentsOf(figure);
  return [
    {
      name: figure.title,
      value: (row) => row.value,
      fill: 1,
      rowFill: (i) => (i === 0 ? 'neutral' : 1),
      marksDerived: false,
      interval: (i) => (i === 0 ? figure.rows[0]!.interval : segments[i - 1]!.rows[0]?.interval),
      missing: (i) =>
        i > 0 && segments[i - 1]!.rows[0]?.value === undefined ? fewerThan(figure, segments[i - 1]) : undefined,
    },
  ];
}

/**
 * The grouped chart's key: its bars are named directly ("All who answered (n = 451)" in grey, each group in blue),
 * so a key of the two colours under the axis only said the labels again, far from the bars (review round 5); the
 * interval marks have no label of their own and keep their entry.
 */
function groupedKey() {
  return [keyEntry('interval', '95% interval')];
}

function panelKey(figure: Figure) {
  const n = figure.base?.n;
  return [
    keyEntry('fill-1', `The ${(segmentsOf(figure)[0]?.group ?? 'group').toLowerCase()} on each panel`),
    // "All who answered" where some were not asked or skipped it (the NPS split: 330 of 500), as grouped bars say.
    keyEntry('neutral', `${totalLabel(figure)}${n === undefined ? '' : ` (n = ${n})`}`),
    keyEntry('interval', '95% interval'),
  ];
}

/**
 * The panels' layouts (without their own keys), narrow or wide, and where each starts: under the key, which says
 * what the two colours of every panel are before the first panel is read (review round 5: under three panels at
 * 390 px it sat a screen away from the first).
 */
function panels(figure: Figure, wide: boolean) {
  let y = keyHeight(panelKey(figure)) + GAP;
  return segmentsOf(figure).map((segment) => {
    const base = segmentLayout(figure, segment, [], NARROW_THICKNESS);
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
  const keys = panelKey(figure);
  return {
    kind: 'by-segment',
    height: plotHeight + GAP,
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
  description: 'every group beside all respondents',
  barThickness: 20,
  validate(figure, report) {
    if (!figure.segments || figure.segments.length === 0) {
      report(
        ['kind'],
        'is "by-segment", which draws a figure\'s segments: compute it with "survey": { …, "segmentBy": "<question id>" }',
      );
    }
  },
  layout(figure) {
    if (isStackedRows(figure)) return stackRowsLayout(figure, totalLabel(figure));
    if (isGrouped(figure)) {
      return fitLabelColumn(bandLayout(groupedFigure(figure), 'by-segment', GROUPED_THICKNESS, 1, groupedKey()));
    }
    return { ...layoutOf(figure, false), wide: layoutOf(figure, true) };
  },
  svg(figure, layout) {
    if (isStackedRows(figure)) return stackRowsSvg(figure, totalLabel(figure), layout.labelColumn === true);
    if (isGrouped(figure)) {
      const { segment } = groupedRows(figure);
      return bandSvg(groupedFigure(figure), layout, groupedSeries(figure), undefined, (i) => segment[i]);
    }
    const wide = layout.labelColumn === true;
    const parts = panels(figure, wide).map(({ segment, layout: panel, top }) => {
      const caption = svgText(
        0,
        top + CHART.lineHeight - 4,
        `${segment.label}, n = ${segment.n}`,
        'class="mt-chart-label mt-chart-panel-title"',
      );
      return `<g data-segment="${escapeXml(segment.id)}">${caption}<svg x="0" y="${top + CAPTION}" width="100%" height="${panel.plotHeight}" overflow="visible">${segmentBody(figure, segment, panel)}</svg></g>`;
    });
    return svgKey(`${figure.id}-panels`, layout.key, 0) + parts.join('');
  },
  chart(figure) {
    if (isGrouped(figure)) {
      // The groups with a value: a suppressed one has no bar to draw on an image.
      const shown = groupedFigure(figure);
      const keep = shown.rows.filter((_, i) => i === 0 || segmentsOf(figure)[i - 1]!.rows[0]?.value !== undefined);
      const data = bandChart({ ...shown, rows: keep }, [
        { name: figure.title, value: (row) => row.value, fill: 1, marksDerived: false },
      ]);
      return { ...data, labels: data.labels.map((label) => label.replace(/ \(n = \d+\)$/, '')) };
    }
    const shown = segmentsOf(figure).filter((s) => s.rows.some((r) => r.value !== undefined));
    return bandChart(figure, [
      { name: totalLabel(figure), value: (row) => row.value, fill: 'neutral', marksDerived: false },
      ...shown.map((s, j) => ({
        name: s.label,
        value: (row: FigureRow) => s.rows.find((r) => r.label === row.label)?.value ?? 0,
        fill: j + 1,
        marksDerived: false,
      })),
    ]);
  },
  summary(figure) {
    if (isStackedRows(figure)) return stackRowsSummary(figure, totalLabel(figure));
    if (isGrouped(figure)) {
      const total = figure.rows[0]!;
      const each = segmentsOf(figure).map((s) => {
        const value = s.rows[0]?.value;
        return `${s.label} (n = ${s.n}) ${value === undefined ? fewerThan(figure, s) : figureValue(figure, value)}`;
      });
      return `${figure.title}. ${totalLabel(figure)}: ${total.label} ${figureValue(figure, total.value)}. By ${segmentsOf(figure)[0]?.group.toLowerCase() ?? 'group'}: ${each.join('; ')}.`;
    }
    const total = figure.rows.map((row) => `${row.label} ${figureValue(figure, row.value)}`).join(', ');
    const each = segmentsOf(figure).map((segment) => segmentSummary(figure, segment));
    return `Small multiple of ${segmentsOf(figure).length} groups. ${totalLabel(figure)}: ${total}. ${each.join(' ')}`;
  },
  table(figure) {
    if (isGrouped(figure)) {
      // One line per group, all who answered first, each with its own interval (or why it has none).
      const { rows, segment } = groupedRows(figure);
      return {
        columns: [valueHeader(figure)],
        rows: rows.map((row, i) => {
          const missing =
            i > 0 && segmentsOf(figure)[i - 1]!.rows[0]?.value === undefined
              ? fewerThan(figure, segmentsOf(figure)[i - 1])
              : undefined;
          return {
            label: row.label,
            derived: false,
            cells: [missing ?? figureValue(figure, row.value)],
            value: row.value,
            ...(row.interval && !missing ? { interval: row.interval } : {}),
            ...(missing ? { missing } : {}),
            ...(segment[i] ? { segment: segment[i] } : {}),
          };
        }),
      };
    }
    // A small multiple tables long, as the single-group table does: all respondents' lines first, then each
    // group's, every line with its group's n in its label and its own 95% interval (or why it has none).
    const total = bandTable(figure, [{ name: valueHeader(figure), value: (row) => row.value }]);
    const all = sized(totalLabel(figure), figure.base?.n);
    return {
      columns: total.columns,
      rows: [
        ...total.rows.map((line, i) => {
          const interval = figure.rows[i]?.interval;
          return { ...line, label: `${all}: ${line.label}`, ...(interval ? { interval } : {}) };
        }),
        ...segmentsOf(figure).flatMap((segment) =>
          figure.rows.map((row) => {
            const cell = segment.rows.find((r) => r.label === row.label);
            const missing = cell?.value === undefined ? fewerThan(figure, segment) : undefined;
            return {
              label: `${sized(segment.label, segment.n)}: ${row.label}`,
              derived: false,
              cells: [missing ?? figureValue(figure, cell!.value!)],
              value: cell?.value ?? 0,
              ...(cell?.interval && !missing ? { interval: cell.interval } : {}),
              ...(missing ? { missing } : {}),
              segment: segment.id,
            };
          }),
        ),
      ],
    };
  },
};
