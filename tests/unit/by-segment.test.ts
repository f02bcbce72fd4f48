import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FigureSchema, type Figure } from '../../src/lib/schema/figure.ts';
import { loadSurvey } from '../../src/lib/survey/load.ts';
import { surveyFigure } from '../../src/lib/survey/figure.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { figureSummary, figureTable } from '../../src/lib/chart/describe.ts';
import { printChartModel } from '../../src/integrations/report-pdf/typst/chart-model.ts';
import { chartKind } from '../../src/lib/chart/kinds/index.ts';
import { totalLabel } from '../../src/lib/chart/kinds/by-segment.ts';
import { figureSubtitle } from '../../src/lib/chart/summary.ts';
import { printFigure } from '../../src/lib/report/print-figure.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { carriedIntervalText, intervalColumns } from '../../src/lib/chart/interval.ts';
import { figureAxis, figureValue } from '../../src/lib/chart/unit.ts';
import { fewerThan as fewerThanText, NARROW_THICKNESS } from '../../src/lib/chart/segment-view.ts';
import { figureToCsv } from '../../src/lib/csv.ts';
import { parse } from 'csv-parse/sync';

/**
 * The "by-segment" kind, a small multiple of a figure computed with segmentBy, drawn from the small survey
 * fixture: one panel per company size, each beside all respondents; a segment under the fixture's minimum n
 * (5) shows "fewer than 5 answered", never a value, in the chart, the table, the summary and the print notes.
 */
const root = process.cwd();
const small = join(root, 'tests/unit/fixtures/survey/small');

/**
 * The demo's adoption by company size as a small multiple (a panel per size), as it was drawn before it took
 * one 100% bar per size ("draw": "stacked"): the panels' own tests keep a real figure of the demo's size.
 */
function demoPanels(): Figure {
  const dir = join(root, 'content/series/platform-engineering-2024');
  const item = { id: 'adoption-panels', title: 'Adoption by size', kind: 'by-segment' };
  const survey = { question: 'platform', compute: 'shares', segmentBy: 'size' };
  return FigureSchema.parse(surveyFigure({ ...item, survey }, loadSurvey(dir, root, 'test'), 'figures.json'));
}

function toolsBySize(kind = 'by-segment'): Figure {
  const survey = loadSurvey(small, root, 'test');
  return FigureSchema.parse(
    surveyFigure(
      { id: 'tools', title: 'Kubernetes leads', kind, survey: { question: 'q3', compute: 'shares', segmentBy: 'q2' } },
      survey,
      'figures.json',
    ),
  );
}

/** One value per group: the NPS of q4 by role (Developer, Operator, Manager; the fixture's minimum n is 5). */
function npsByRole(): Figure {
  const survey = loadSurvey(small, root, 'test');
  return FigureSchema.parse(
    surveyFigure(
      {
        id: 'nps',
        title: 'NPS by role',
        kind: 'by-segment',
        survey: { question: 'q4', compute: 'nps', segmentBy: 'q1' },
      },
      survey,
      'figures.json',
    ),
  );
}

describe('the "by-segment" kind', () => {
  it('draws one captioned panel per segment, each segment beside all respondents', () => {
    const figure = toolsBySize();
    const svg = figureToSvg(figure);
    for (const segment of figure.segments!) expect(svg).toContain(`>${segment.label}, n = ${segment.n}<`);
    expect(svg.match(/class="mt-chart-fill-neutral"/g)!.length).toBeGreaterThanOrEqual(figure.rows.length);
    // The key names the grey bars as the base they are: here one respondent of 12 skipped the question.
    expect(figure.base?.n).toBeLessThan(figure.source.respondents!);
    expect(svg).toContain(`>All who answered (n = ${figure.base?.n})<`);
    expect(svg).not.toContain('>All respondents (n = ');
    expect(figureToSvg(figure, { wide: true })).toContain('text-anchor="end"');
  });

  it('writes "fewer than 5 answered" for a suppressed segment, never its value', () => {
    const figure = toolsBySize();
    const suppressed = figure.segments!.find((s) => s.rows.some((r) => r.suppressed));
    expect(suppressed, 'the fixture has a segment under its minimum n').toBeDefined();
    expect(figureToSvg(figure)).toContain('fewer than 5 answered');
    expect(figureToSvg(figure)).toContain('withheld: would reveal a group under 5');
    const table = figureTable(figure);
    const lines = table.rows.filter((row) => row.label.startsWith(`${suppressed!.label} (n = ${suppressed!.n}): `));
    expect(lines).toHaveLength(figure.rows.length);
    expect(lines.every((row) => row.cells[0] === 'fewer than 5 answered')).toBe(true);
    expect(figureSummary(figure)).toContain(`among ${suppressed!.label.charAt(0).toLowerCase()}`);
    const panel = printChartModel(figure, { title: 'Test' }).panels!.find(
      (p) => p.title === `${suppressed!.label}, n = ${suppressed!.n}`,
    );
    // The print model is not told which group a panel is, so it writes what is true of both withheld groups
    // (the other is withheld so that this one cannot be worked out from the total).
    expect(
      panel!.rows.filter((r) => r.tone !== 'comparison').every((r) => r.missing === 'withheld (a group is under 5)'),
    ).toBe(true);
    expect(panel!.rows.filter((r) => r.tone === 'comparison').every((r) => r.missing === undefined)).toBe(true);
  });

  it('says a small multiple measures each panel group, and keys the panel colour in plain words', () => {
    const figure = toolsBySize();
    // Each panel's shares are of that size's respondents, not of all (the grey bars are the whole).
    expect(figureSubtitle(figure)).toBe(
      'Share of respondents who answered, in each company size; several answers allowed',
    );
    const svg = figureToSvg(figure);
    expect(svg).toContain('The company size on each panel');
    expect(svg).not.toContain('The group named above each panel');
    // Grouped bars (one value per group) keep the base of the total bar they draw first.
    expect(figureSubtitle(npsByRole())).toMatch(/\(n = \d+\)/);
  });

  it('puts the key of the panels above the first panel, next to what it explains (review round 5)', () => {
    const svg = figureToSvg(toolsBySize());
    const key = svg.indexOf('The company size on each panel');
    const firstPanel = svg.indexOf('<g data-segment=');
    expect(key).toBeGreaterThan(-1);
    expect(key).toBeLessThan(firstPanel);
    // Drawn above it too: every key line's y is above the first panel's caption.
    const keyYs = [...svg.slice(0, firstPanel).matchAll(/<text[^>]*y="([\d.]+)"[^>]*class="mt-chart-key"/g)].map((m) =>
      Number(m[1]),
    );
    expect(keyYs.length).toBeGreaterThan(0);
    const captionY = Number(/<text[^>]*y="([\d.]+)"[^>]*class="mt-chart-label mt-chart-panel-title"/.exec(svg)![1]);
    for (const y of keyYs) expect(y).toBeLessThan(captionY);
  });

  it('keys a grouped chart by its interval marks only: its bars are named directly', () => {
    const svg = figureToSvg(npsByRole());
    expect(svg).toContain('>95% interval<');
    expect(svg).not.toContain('>Each group<');
    expect(svg.match(/class="mt-chart-key"/g)).toHaveLength(1);
  });

  it('draws the grey total bar of every panel with its own interval, as the key says', () => {
    const figure = toolsBySize();
    const svg = figureToSvg(figure);
    const panels = svg
      .split('<g data-segment=')
      .slice(1)
      .map((panel) => panel.slice(0, panel.indexOf('</svg></g>')));
    expect(panels).toHaveLength(figure.segments!.length);
    // Every group here is withheld: each panel's only interval marks are the total's, one per answer.
    for (const panel of panels) {
      expect(panel.match(/class="mt-chart-interval-mark"/g)?.length ?? 0).toBe(figure.rows.length);
    }
  });

  it('marks each panel with its segment, so the lens can highlight one without hiding the others', () => {
    const figure = toolsBySize();
    const svg = figureToSvg(figure);
    for (const segment of figure.segments!) expect(svg).toContain(`data-segment="${segment.id}"`);
  });

  it('draws one value per group as grouped bars: all respondents, then every group, each with its interval', () => {
    const figure = npsByRole();
    const svg = figureToSvg(figure);
    const total = figure.rows[0]!;
    expect(svg).toContain(`>All respondents (n = ${figure.base!.n})<`);
    for (const segment of figure.segments!) {
      expect(svg).toContain(`data-segment="${segment.id}"`);
      expect(svg).toContain(`>${segment.label} (n = ${segment.n})<`);
    }
    // One bar per group with a value, plus the total's in grey; one interval mark each.
    const shown = figure.segments!.filter((s) => s.rows[0]!.value !== undefined);
    expect(svg.match(/<g data-segment="[^"]+"><rect class="mt-chart-fill-1"/g)?.length).toBe(shown.length);
    expect(svg.match(/<rect class="mt-chart-fill-neutral"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(svg.match(/class="mt-chart-interval-mark"/g)!.length).toBeGreaterThanOrEqual(shown.length + 1);
    expect(figureSummary(figure)).toContain(`All respondents: ${total.label}`);
    // No panel per group for a single value.
    expect(svg).not.toContain('mt-chart-panel-title');
  });

  it('writes "fewer than 5 answered" in place of a suppressed group’s bar', () => {
    const figure = npsByRole();
    const suppressed = figure.segments!.find((s) => s.rows[0]!.suppressed);
    expect(suppressed, 'the fixture has a role under its minimum n').toBeDefined();
    expect(figureToSvg(figure)).toContain('fewer than 5 answered');
  });

  it('tables one value per group a row each, with its own 95% interval, or why it has none', () => {
    const figure = npsByRole();
    const table = figureTable(figure);
    expect(table.rows.map((r) => r.label)).toEqual([
      `All respondents (n = ${figure.base!.n})`,
      ...figure.segments!.map((s) => `${s.label} (n = ${s.n})`),
    ]);
    expect(table.rows.map((r) => r.segment)).toEqual([undefined, ...figure.segments!.map((s) => s.id)]);
    const [interval] = intervalColumns(figure, table);
    figure.segments!.forEach((s, i) => {
      const cell = s.rows[0]!;
      expect(interval!.cells[i + 1]).toBe(
        cell.interval ? carriedIntervalText(figure, cell.interval) : 'fewer than 5 answered',
      );
      if (!cell.interval) expect(table.rows[i + 1]!.cells).toEqual(['fewer than 5 answered']);
    });
    expect(interval!.cells[0]).toBe(carriedIntervalText(figure, figure.rows[0]!.interval!));
  });

  it('tables a small multiple long: every group’s n and each value’s 95% interval, as one group per row does', () => {
    const figure = toolsBySize();
    const table = figureTable(figure);
    const [interval] = intervalColumns(figure, table);
    expect(table.columns).toHaveLength(1);
    // All respondents first, then each group's lines, the group's n in every label.
    expect(table.rows.map((r) => r.label)).toEqual([
      ...figure.rows.map((r) => `${totalLabel(figure)} (n = ${figure.base!.n}): ${r.label}`),
      ...figure.segments!.flatMap((s) => figure.rows.map((r) => `${s.label} (n = ${s.n}): ${r.label}`)),
    ]);
    figure.rows.forEach((row, i) => expect(interval!.cells[i]).toBe(carriedIntervalText(figure, row.interval!)));
    let line = figure.rows.length;
    for (const segment of figure.segments!) {
      for (const row of figure.rows) {
        const cell = segment.rows.find((r) => r.label === row.label)!;
        expect(table.rows[line]!.segment).toBe(segment.id);
        expect(interval!.cells[line], `${segment.label}: ${row.label}`).toBe(
          cell.interval ? carriedIntervalText(figure, cell.interval) : fewerThanText(figure, segment),
        );
        line++;
      }
    }
    // The same intervals, each with its group's n, in the CSV download.
    const csv = parse<Record<string, string>>(figureToCsv(figure), { columns: true });
    for (const segment of figure.segments!.filter((s) => s.rows.some((r) => r.interval))) {
      const lines = csv.filter((l) => l.segment === segment.id);
      expect(lines).toHaveLength(figure.rows.length);
      for (const l of lines) {
        expect(l.segment_n).toBe(String(segment.n));
        expect(Number(l.ci95_low)).toBeLessThanOrEqual(Number(l.value));
        expect(Number(l.ci95_high)).toBeGreaterThanOrEqual(Number(l.value));
      }
    }
  });

  it('sizes the wide label column to its longest label, the plot taking the rest (review: 200 px empty at 1280)', () => {
    const demo = readSeriesFromDisk(root, 'platform-engineering-2024').figures;
    for (const id of ['adoption-panels', 'onboarding-days']) {
      const figure = id === 'adoption-panels' ? demoPanels() : demo.find((f) => f.id === id)!;
      const wide = figureToSvg(figure, { wide: true });
      const labelX = [...wide.matchAll(/<text x="([\d.]+)%" y="[^"]+" class="mt-chart-label" text-anchor="end"/g)].map(
        (m) => Number(m[1]),
      );
      const plots = [...wide.matchAll(/<svg x="([\d.]+)%" y="[^"]+" width="([\d.]+)%"/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(labelX.length, id).toBeGreaterThan(0);
      expect(plots.length, id).toBeGreaterThan(0);
      const longest = Math.max(
        ...chartKind('by-segment')
          .layout(figure)
          .wide!.labels.flat()
          .map((l) => l.length),
      );
      // The column ends within about 8 px of the longest label (7 px a character) at the 600 px the wide chart starts.
      for (const x of labelX) expect(x, id).toBeLessThanOrEqual(Math.ceil(((longest * 7 + 8) / 600) * 100));
      for (const [x, width] of plots) {
        expect(x, id).toBe(labelX[0]! + 2);
        // Plot from just after the labels to 8% short of the right edge (room for the value labels).
        expect(x! + width!, id).toBe(92);
        expect(width!, id).toBeGreaterThan(id === 'platform-by-size' ? 70 : 55);
      }
    }
  });

  it('stops the grid and zero lines at the bar rows where labels sit above the bars (narrow)', () => {
    const demo = readSeriesFromDisk(root, 'platform-engineering-2024');
    const nps = { ...demo.figures.find((f) => f.id === 'platform-nps')!, locale: 'en' };
    const svg = figureToSvg(nps, { wide: false });
    const lines = [...svg.matchAll(/<line class="mt-chart-(?:grid|zero)"[^>]*y1="([\d.]+)" y2="([\d.]+)"/g)].map(
      ([, y1, y2]) => [Number(y1), Number(y2)] as const,
    );
    const labels = [...svg.matchAll(/<text x="0" y="([\d.]+)" class="mt-chart-label"[^>]*>([^<]+)</g)];
    expect(lines.length).toBeGreaterThan(0);
    expect(labels.length).toBeGreaterThan(nps.segments!.length);
    for (const [, y, text] of labels) {
      // A label's glyphs run from about 14 px above its baseline to 4 px below it.
      for (const [y1, y2] of lines) {
        expect(y2 <= Number(y) - 14 || y1 >= Number(y) + 4, `${text} crossed by a line ${y1}-${y2}`).toBe(true);
      }
    }
  });

  it('writes a score’s value on the side of the zero line its bar runs to, never across it', () => {
    const demo = readSeriesFromDisk(root, 'platform-engineering-2024');
    const nps = { ...demo.figures.find((f) => f.id === 'platform-nps')!, locale: 'en' };
    expect(nps.segments!.some((s) => s.rows[0]!.value! < 0 && s.rows[0]!.interval!.high > 0)).toBe(true);
    for (const wide of [false, true]) {
      const svg = figureToSvg(nps, { wide });
      const zero = Number(/<line class="mt-chart-zero" x1="([\d.]+)%"/.exec(svg)![1]);
      const labels = [
        ...svg.matchAll(/<text x="([\d.]+)%"[^>]*class="mt-chart-(?:value|inside)[^"]*"([^>]*)>([^<]+)</g),
      ];
      expect(labels).toHaveLength(1 + nps.segments!.length);
      for (const [, x, attrs, text] of labels) {
        if (text!.startsWith('\u2212')) {
          // Right-aligned at the end of the bar or its interval, left of zero.
          expect(attrs, text).toContain('text-anchor="end"');
          expect(Number(x), text).toBeLessThan(zero);
        } else {
          expect(attrs, text).not.toContain('text-anchor="end"');
          expect(Number(x), text).toBeGreaterThanOrEqual(zero);
        }
      }
    }
  });

  it('hands every group to the social image and the downloads, not the total alone', () => {
    const single = chartKind('by-segment').chart(npsByRole());
    expect(single.labels[0]).toBe('All respondents');
    expect(single.labels).toContain(npsByRole().segments!.find((s) => !s.rows[0]!.suppressed)!.label);
    const multiple = chartKind('by-segment').chart(toolsBySize());
    // 11 of the fixture's 12 answered: the grey bars are of all who answered, as the page's key says.
    expect(multiple.datasets.map((d) => d.label)).toEqual([
      'All who answered',
      ...toolsBySize()
        .segments!.filter((s) => s.rows.some((r) => r.value !== undefined))
        .map((s) => s.label),
    ]);
  });

  it('prints a small multiple as one chart per group, each beside all respondents', () => {
    const figure = toolsBySize();
    const model = printChartModel(figure, { title: 'Test' });
    expect(model.kind).toBe('bars');
    expect(model.panels?.map((p) => p.title)).toEqual(figure.segments!.map((s) => `${s.label}, n = ${s.n}`));
    const first = model.panels![0]!;
    expect(first.rows.length).toBe(figure.rows.length * 2);
    expect(first.rows.some((r) => r.tone === 'comparison')).toBe(true);
  });

  it('prints one value per group as grouped bars, with each group’s interval', () => {
    const figure = npsByRole();
    const model = printChartModel(figure, { title: 'Test' });
    expect(model.kind).toBe('bars');
    expect(model.rows.map((r) => r.label)).toEqual([
      `All respondents (n = ${figure.base!.n})`, // everyone in the fixture answered q4
      ...figure.segments!.map((s) => `${s.label} (n = ${s.n})`),
    ]);
    const shown = figure.segments!.findIndex((s) => !s.rows[0]!.suppressed);
    expect(model.rows[shown + 1]!.interval).toBeDefined();
    const suppressed = figure.segments!.findIndex((s) => s.rows[0]!.suppressed);
    expect(model.rows[suppressed + 1]!.missing).toBe('fewer than 5 answered');
  });

  it('lists every group’s value and interval in the report’s appendix table, under the total', () => {
    const demo = readSeriesFromDisk(root, 'platform-engineering-2024');
    const nps = demo.figures.find((f) => f.id === 'platform-nps')!;
    const printed = printFigure(nps, demo.data!);
    // The first line is whom the total is of, as the chart's first bar says (round 11: A9 read "Satisfied or
    // Very satisfied" where it meant all respondents).
    expect(printed.rows.map((r) => r.label)).toEqual([
      `${totalLabel(nps)} (n = ${nps.base!.n})`,
      ...nps.segments!.map((s) => `${s.label} (n = ${s.n})`),
    ]);
    const developer = nps.segments!.find((s) => s.id === 'role-developer')!;
    const row = printed.rows.find((r) => r.label.startsWith('Application developer'))!;
    // The appendix keeps one decimal, always written, for the total and every group alike.
    expect(row.shown).toBe(`\u2212${Math.abs(developer.rows[0]!.value!).toFixed(1)}`);
    expect(row.shownInterval).toMatch(/^\u2212[\d.]+ to [−+]?[\d.]+$/);
    // The demo's regions: Elsewhere under 30, Asia-Pacific withheld with it; another group too small, added here.
    const regions = demo.figures.find((f) => f.id === 'tool-satisfaction')!;
    const tiny = { id: 'region-tiny', label: 'Tiny', group: 'Region', n: 12 };
    const satisfaction = printFigure(
      {
        ...regions,
        segments: [...regions.segments!, { ...tiny, rows: [{ label: regions.rows[0]!.label, suppressed: true }] }],
      },
      demo.data!,
    );
    const small = satisfaction.rows.find((r) => r.label.startsWith('Tiny'))!;
    // A group under the minimum: a mark in the numeric cell (the words wrapped in it), the reason in the note.
    expect([small.shown, small.shownInterval]).toEqual(['‡', '–']);
    const elsewhere = satisfaction.rows.find((r) => r.label.startsWith('Elsewhere'))!;
    expect([elsewhere.shown, elsewhere.shownInterval]).toEqual(['‡', '–']);
    // A group withheld to protect a smaller one: a short mark in its cell, the reason once in the table's note.
    const asia = satisfaction.rows.find((r) => r.label.startsWith('Asia-Pacific'))!;
    expect([asia.shown, asia.shownInterval]).toEqual(['withheld†', '–']);
    expect(satisfaction.note).toMatch(
      /‡ Fewer than 30 answered: no value is published\. † Withheld: would reveal a group under 30\.$/,
    );
    // The value column says what it measures: the top two points of the scale, not "Share".
    expect(satisfaction.valueHeader).toBe('Satisfied or very satisfied (4–5)');
    expect(
      printFigure(
        demo.figures.find((f) => f.id === 'deploys-by-platform')!,
        demo.data!,
      ).valueHeader,
    ).toBe('Mean a week');
    expect(
      printFigure(
        demo.figures.find((f) => f.id === 'platform-by-size')!,
        demo.data!,
      ).valueHeader,
    ).toBeUndefined();
    expect(satisfaction.rows[0]!.label).toBe('All respondents (n = 500)');
    const europe = satisfaction.rows.find((r) => r.label.startsWith('Europe'))!;
    expect(europe.shown).toMatch(/^\d+\.\d%$/);
    const shares = printFigure(
      demo.figures.find((f) => f.id === 'platform-by-size')!,
      demo.data!,
    );
    expect(shares.rows.map((r) => r.label)).toContain('1,000+ employees (n = 178): Yes, in use');
    expect(shares.rows[0]!.label).toBe('All respondents (n = 500): Yes, in use');
    expect(shares.rows.find((r) => r.label === '1,000+ employees (n = 178): Yes, in use')!.interval).not.toBeNull();
    // A share too: "34.0%" beside "47.4%", never "34%" (review round 5, table A1).
    const shown = shares.rows.filter((r) => !r.shown?.startsWith('fewer') && !r.shown?.startsWith('withheld'));
    expect(shown.length).toBeGreaterThan(3);
    for (const r of shown) expect(r.shown, r.label).toMatch(/^\d+\.\d%$/);
  });

  it('is required for a figure computed by segment, so no chart draws the total alone', () => {
    const result = FigureSchema.safeParse({ ...toolsBySize(), kind: 'bars' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain(
      'kind: is "bars", but the figure is computed by segment ("survey.segmentBy"): use "by-segment", which draws every group',
    );
  });

  it('is refused for a figure without segments, naming the field', () => {
    const result = FigureSchema.safeParse({
      ...toolsBySize(),
      segments: undefined,
      survey: { ...toolsBySize().survey!, segmentBy: undefined },
      kind: 'by-segment',
    });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain(
      'kind: is "by-segment", which draws a figure\'s segments: compute it with "survey": { …, "segmentBy": "<question id>" }',
    );
  });
});

describe('the axis of a figure drawn by group', () => {
  it("holds every group's value and interval, not only the total's (a days axis ended short of an interval)", () => {
    const figure = readSeriesFromDisk(root, 'platform-engineering-2024').figures.find(
      (f) => f.id === 'onboarding-days',
    )!;
    const axis = figureAxis({ ...figure, locale: 'en' });
    const highs = (figure.segments ?? []).flatMap((s) => s.rows.flatMap((r) => (r.interval ? [r.interval.high] : [])));
    expect(highs.length).toBeGreaterThan(0);
    expect(axis.max).toBeGreaterThanOrEqual(Math.max(...highs));
  });
});

describe('a small multiple on a phone', () => {
  it('draws thinner bars in its narrow variant, so its panels take less height; the wide variant keeps its bars', () => {
    const figure = demoPanels();
    const layout = chartKind(figure.kind).layout(figure);
    const heights = (svg: string) =>
      [...svg.matchAll(/<rect class="mt-chart-fill-[^"]*"[^>]* height="(\d+)"/g)].map((m) => m[1]);
    // The bars of the panels, after the key's swatches.
    const [narrow, wide] = [figureToSvg(figure), figureToSvg(figure, { wide: true })].map((svg) =>
      svg.slice(svg.indexOf('mt-chart-panel-title')),
    );
    expect(new Set(heights(narrow!))).toEqual(new Set([String(NARROW_THICKNESS)]));
    expect(new Set(heights(wide!))).toEqual(new Set(['20']));
    // Three panels of three answers: under 900 px at 390 px wide (about a screen), the key included.
    expect(layout.height).toBeLessThan(900);
  });
});

/** The split behind an NPS, by role: detractors, passives and promoters of q4 within each role. */
function npsGroupsByRole(): Figure {
  const survey = loadSurvey(small, root, 'test');
  return FigureSchema.parse(
    surveyFigure(
      {
        id: 'nps-split',
        title: 'NPS split by role',
        kind: 'by-segment',
        survey: { question: 'q4', compute: 'nps-groups', segmentBy: 'q1' },
      },
      survey,
      'figures.json',
    ),
  );
}

describe('the split behind an NPS, by group (one 100% bar per group)', () => {
  const rowsOf = (svg: string) => svg.split('<g class="mt-chart-stack-row"').slice(1);

  it('draws one 100% bar per group, all who answered first, each cut into detractors, passives and promoters', () => {
    const figure = npsGroupsByRole();
    const rows = rowsOf(figureToSvg(figure));
    expect(rows).toHaveLength(1 + figure.segments!.length);
    // Label order: the total, then each group in the questionnaire's order, each with its n.
    const labels = rows.map((row) => /class="mt-chart-label"[^>]*>([^<]*)</.exec(row)![1]);
    expect(labels).toEqual([
      `${totalLabel(figure)} (n = ${figure.base!.n})`,
      ...figure.segments!.map((s) => `${s.label} (n = ${s.n})`),
    ]);
    figure.segments!.forEach((segment, i) => {
      const row = rows[i + 1]!;
      expect(row).toContain(`data-segment="${segment.id}"`);
      if (segment.rows.some((r) => r.suppressed)) return;
      const widths = [...row.matchAll(/<rect class="mt-chart-segment[^"]*"[^>]*width="([\d.]+)%"/g)].map((m) =>
        Number(m[1]),
      );
      expect(widths).toHaveLength(3);
      // Three parts filling the bar's length (62% of the chart's width): 100% of the group.
      expect(widths.reduce((a, b) => a + b, 0)).toBeCloseTo(62, 0);
      expect(row).toMatch(/mt-chart-fill-second[\s\S]*mt-chart-fill-mid[\s\S]*mt-chart-fill-first/);
    });
  });

  it('draws all who answered in greys, the comparison in a neutral colour, and every group in colour (web and print)', () => {
    // Review of issue 21: the "All respondents" bar was as blue and orange as the groups it is compared with.
    const demo = readSeriesFromDisk(root, 'platform-engineering-2024').figures;
    for (const figure of [npsGroupsByRole(), demo.find((f) => f.id === 'platform-by-size')!]) {
      const [total, ...groups] = rowsOf(figureToSvg(figure));
      const fills = (row: string) =>
        [...row.matchAll(/<rect class="mt-chart-segment (mt-chart-fill-[\w-]+)"/g)].map((m) => m[1]);
      const drawn = groups.filter((r) => !r.includes('mt-chart-withheld'));
      expect(drawn.length, figure.id).toBeGreaterThan(0);
      // The groups' parts in blue, grey and orange; the total's the same parts in greys, in the same order.
      for (const row of drawn)
        expect(fills(row).sort(), figure.id).toEqual([
          'mt-chart-fill-first',
          'mt-chart-fill-mid',
          'mt-chart-fill-second',
        ]);
      expect(fills(total!), figure.id).toEqual(fills(drawn[0]!).map((f) => f!.replace('fill-', 'fill-total-')));
      const printed = printChartModel(figure, { title: 'Test' }).stackRows!;
      expect(printed.map((r) => r.total === true)).toEqual(printed.map((_, i) => i === 0));
    }
  });

  it('writes each group’s NPS with its interval at the end of its bar, and a key of the three parts once', () => {
    const figure = npsGroupsByRole();
    const svg = figureToSvg(figure);
    const shown = figure.segments!.filter((s) => s.score);
    expect(shown.length).toBeGreaterThan(0);
    for (const segment of shown) {
      const sign = segment.score!.value > 0 ? '+' : segment.score!.value < 0 ? '−' : '';
      expect(svg).toContain(`>NPS ${sign}${Math.abs(Math.round(segment.score!.value))}<`);
    }
    expect(svg.match(/>Detractors \(0–6\)</g)).toHaveLength(1);
    expect(svg.match(/>Passives \(7–8\)</g)).toHaveLength(1);
    expect(svg.match(/>Promoters \(9–10\)</g)).toHaveLength(1);
    // Round 13: named directly over the first bar, each with a tick to its part, not in a key above the chart.
    const first = rowsOf(svg)[0]!;
    for (const name of ['Detractors (0–6)', 'Passives (7–8)', 'Promoters (9–10)']) expect(first).toContain(`>${name}<`);
    expect(first.match(/class="mt-chart-leader"/g)).toHaveLength(3);
    expect(svg).not.toMatch(/class="mt-chart-key"[^>]*>/);
  });

  it('writes a part too narrow for its value under the bar, so every share is labelled', () => {
    // The demo's platform engineers: 9% detractors, too narrow for "9%" inside on a phone.
    const figure = readSeriesFromDisk(root, 'platform-engineering-2024').figures.find(
      (f) => f.id === 'platform-nps-groups',
    )!;
    const svg = figureToSvg(figure);
    const engineers = rowsOf(svg).find((r) => r.includes('data-segment="role-platform"'))!;
    const detractors = figure
      .segments!.find((s) => s.id === 'role-platform')!
      .rows.find((r) => r.label === 'Detractors')!;
    const text = figureValue(figure, detractors.value!);
    expect(engineers).not.toMatch(new RegExp(`mt-chart-segment-value[^>]*>${text}<`));
    expect(engineers).toMatch(new RegExp(`class="mt-chart-tick mt-chart-outside-value"[^>]*>${text}<`));
    // Every part of every drawn row has its value, inside or under the bar.
    for (const row of rowsOf(svg).filter((r) => !r.includes('mt-chart-withheld'))) {
      expect(row.match(/mt-chart-segment-value|mt-chart-outside-value/g)).toHaveLength(3);
    }
  });

  it('writes a small part’s share inside it in the wide variant, where the narrow one has no room', () => {
    // The demo's platform engineers: a small share of detractors, too narrow for its value on a phone.
    const figure = readSeriesFromDisk(root, 'platform-engineering-2024').figures.find(
      (f) => f.id === 'platform-nps-groups',
    )!;
    const inside = (svg: string) => (svg.match(/mt-chart-segment-value/g) ?? []).length;
    const narrow = figureToSvg(figure);
    const wide = figureToSvg(figure, { wide: true });
    expect(inside(wide)).toBeGreaterThan(inside(narrow));
    // Same rows, same height: the wide variant only has longer bars.
    expect(rowsOf(wide)).toHaveLength(rowsOf(narrow).length);
    expect(/height="(\d+)"/.exec(wide)![1]).toBe(/height="(\d+)"/.exec(narrow)![1]);
  });

  it('draws a suppressed group as an empty labelled row, saying why, never its values', () => {
    const figure = npsGroupsByRole();
    const withheld = figure.segments!.filter((s) => s.rows.some((r) => r.suppressed));
    expect(withheld.length, 'the fixture has a role under its minimum n').toBeGreaterThan(0);
    const rows = rowsOf(figureToSvg(figure));
    for (const segment of withheld) {
      const row = rows.find((r) => r.includes(`data-segment="${segment.id}"`))!;
      expect(row).toContain(`>${fewerThanText(figure, segment)}<`);
      expect(row).not.toContain('mt-chart-fill-first');
      expect(row).not.toContain('NPS');
    }
  });

  it('says what it draws to a screen reader: one 100% bar per group, its parts and NPS, or why it has none', () => {
    const figure = npsGroupsByRole();
    const summary = figureSummary(figure);
    expect(summary).not.toContain('Small multiple');
    expect(summary).toContain(`One 100% bar per ${figure.segments![0]!.group.toLowerCase()}`);
    for (const segment of figure.segments!) {
      expect(summary).toContain(`${segment.label} (n = ${segment.n})`);
      if (segment.rows.some((r) => r.suppressed)) expect(summary).toContain(fewerThanText(figure, segment));
    }
    expect(summary).toMatch(/detractors \d+%, passives \d+%, promoters \d+%, NPS [+−]?\d+ \([+−]?\d+ to [+−]?\d+\)/);
  });

  it('prints the same: one bar per group, its three parts adding to 100%, its NPS and interval, a withheld row', () => {
    const figure = npsGroupsByRole();
    const model = printChartModel(figure, { title: 'Test' });
    expect(model.kind).toBe('stacked-rows');
    const stacks = model.stackRows!;
    expect(stacks.map((s) => s.label.replace(/\u00a0/g, ' '))).toEqual([
      `${totalLabel(figure)} (n = ${figure.base!.n})`,
      ...figure.segments!.map((s) => `${s.label} (n = ${s.n})`),
    ]);
    for (const stack of stacks.filter((s) => !s.missing)) {
      expect(stack.parts.map((p) => p.name)).toEqual(['Detractors', 'Passives', 'Promoters']);
      expect(stack.parts.reduce((sum, p) => sum + p.value, 0)).toBeCloseTo(100, 0);
      expect(stack.score).toMatch(/^NPS [+−]?\d+$/);
      expect(stack.scoreInterval).toMatch(/ to /);
    }
    expect(stacks.some((s) => s.missing && s.parts.length === 0)).toBe(true);
    expect(model.panels).toBeUndefined();
  });
});

describe('shares of a single-choice question by group, drawn as 100% bars ("draw": "stacked")', () => {
  const rowsOf = (svg: string) => svg.split('<g class="mt-chart-stack-row"').slice(1);
  const adoption = () =>
    readSeriesFromDisk(root, 'platform-engineering-2024').figures.find((f) => f.id === 'platform-by-size')!;

  it('draws the demo’s adoption by size as one 100% bar per size, all respondents first, no panels', () => {
    const figure = adoption();
    expect(figure.survey?.draw).toBe('stacked');
    const svg = figureToSvg(figure);
    expect(svg).not.toContain('mt-chart-panel-title');
    const rows = rowsOf(svg);
    expect(rows).toHaveLength(1 + figure.segments!.length);
    expect(/class="mt-chart-label"[^>]*>([^<]*)</.exec(rows[0]!)![1]).toBe(
      `${totalLabel(figure)} (n = ${figure.base!.n})`,
    );
    for (const row of rows) {
      const widths = [...row.matchAll(/<rect class="mt-chart-segment[^"]*"[^>]*width="([\d.]+)%"/g)].map((m) =>
        Number(m[1]),
      );
      // One part per answer, in the questionnaire's order, filling the bar: in use, being built, none.
      expect(widths).toHaveLength(3);
      // All respondents in greys, each group in colour: the parts in the same order.
      expect(row).toMatch(
        /mt-chart-fill-(total-)?first[\s\S]*mt-chart-fill-(total-)?mid[\s\S]*mt-chart-fill-(total-)?second/,
      );
      expect(row).not.toContain('NPS');
    }
    // The key names the answers once, not an NPS's groups.
    for (const row of figure.rows) expect(svg.match(new RegExp(`>${row.label}<`, 'g'))).toHaveLength(1);
    expect(svg).not.toContain('Detractors');
    // Three groups and all respondents: far shorter than a panel per size.
    expect(Number(/height="(\d+)"/.exec(svg)![1])).toBeLessThan(400);
  });

  it('prints the same bars with the answers as its key, and no score column', () => {
    const figure = adoption();
    const model = printChartModel(figure, { title: 'Test' });
    expect(model.kind).toBe('stacked-rows');
    expect(model.stackKey!.map((k) => k.name)).toEqual(figure.rows.map((r) => r.label));
    for (const stack of model.stackRows!) {
      expect(stack.parts.map((p) => p.name)).toEqual(figure.rows.map((r) => r.label));
      expect(stack.parts.reduce((sum, p) => sum + p.value, 0)).toBeCloseTo(100, 0);
      expect(stack.score).toBeUndefined();
    }
    expect(model.panels).toBeUndefined();
  });

  it('refuses "draw": "stacked" where the shares do not add to 100% (a multiple-choice question)', () => {
    const survey = loadSurvey(small, root, 'test');
    expect(() =>
      surveyFigure(
        {
          id: 'tools',
          title: 'Tools',
          kind: 'by-segment',
          survey: { question: 'q3', compute: 'shares', segmentBy: 'q2', draw: 'stacked' },
        },
        survey,
        'figures.json',
      ),
    ).toThrow(/figures\.json: figure "tools": field "survey\.draw": .*one answer each/);
  });
});
