import { beforeAll, describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { Figure } from '../../src/lib/schema/figure.ts';
import { downloadableFigure } from '../../src/lib/figures.ts';
import { surveyCredit } from '../../src/lib/chart/summary.ts';
import {
  printChartModel,
  toTypst,
  type PrintChartModel,
  type PublishedFigure,
} from '../../src/integrations/report-pdf/typst/chart-model.ts';
import { chartSheetSource, chartsTypst, compileTypstPdf } from '../../src/integrations/report-pdf/typst/chart-sheet.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { join } from 'node:path';
import { FigureSchema } from '../../src/lib/schema/figure.ts';
import { loadSurvey } from '../../src/lib/survey/load.ts';
import { surveyFigure } from '../../src/lib/survey/figure.ts';
import { totalLabel } from '../../src/lib/chart/kinds/by-segment.ts';
import { spreadAxis } from '../../src/lib/chart/kinds/spread.ts';
import { figureTick } from '../../src/lib/chart/unit.ts';
import { realFigure, realFigures } from './fixtures/real-content.ts';
import { statedBase } from './fixtures/figures.ts';
import { contrast } from './colour.ts';

/**
 * The print charts as a reader of the PDF meets them: each figure compiled with the real Typst compiler and
 * the report's fonts into a tagged PDF (one page per width, 105 and 160 mm), then read back with pdf.js:
 * the text and its size, the interval marks drawn, and the alt text in the structure tree. Each check is
 * also run against a deliberately broken charts.typ, so none of them can pass whatever is drawn.
 */

const credit = surveyCredit(readSeriesFromDisk(process.cwd(), 'ml-trends-2021').data!);

/**
 * Real figures, plus variants for what the real data lacks: bases a source states (with fixture words), so
 * intervals on bars and paired charts; derived bars and parts (a nested figure prints as its parts).
 */
function figures(): Figure[] {
  const real = realFigures();
  const paired = realFigure('budget-growth');
  const bars = realFigure('io-decision-makers');
  const nested = realFigure('team-size');
  const number = realFigure('models-in-production');
  return [
    ...real,
    // The second row comes from another source than the one stating the base: it has no interval.
    {
      ...paired,
      id: 'paired-with-n',
      base: statedBase(403),
      previousBase: statedBase(300, 'Respondents to the 2020 edition'),
    },
    { ...bars, id: 'bars-with-n', base: statedBase(403) },
    {
      ...bars,
      id: 'bars-derived',
      base: undefined,
      rows: bars.rows.map((row, i) => ({ ...row, derived: i === 3 })),
      note: 'The last share is derived.',
    },
    {
      ...nested,
      id: 'nested-three',
      base: statedBase(403),
      rows: [...nested.rows, { label: 'Doubled their AI/ML team', value: 9, derived: false }],
    },
    { ...number, id: 'number-derived', rows: [{ ...number.rows[0]!, derived: true }], note: 'Derived.' },
  ];
}

interface ReadPage {
  text: string;
  items: { str: string; size: number; font: string; x: number; right: number; y: number }[];
  /** Paths stroked as interval whiskers: 0.6 pt lines in the text colour. */
  whiskers: number;
  /** Alt texts of the Figure nodes of the page's structure tree. */
  alts: string[];
  /** Filled shapes in ink (not white, not the pale 0-100% track): width and height in points. */
  bars: { w: number; h: number }[];
}

/**
 * The widths each chart is compiled at, a page each: a wide outer margin, a column of a two-column page,
 * the text column, the full width.
 */
const WIDTHS = [50, 80, 105, 160];

/** Fills that are background: white, and the pale track of a bar's 0-100%. */
const PALE = ['#ffffff', '#f3f3f3'];
/** Painting operators that fill a path (a derived bar is filled and outlined). */
const FILLS: number[] = [OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke];

/** The interval whisker's stroke, as charts.typ draws it. */
const WHISKER = { color: '#1b1f24', width: 0.6 };

async function readPdf(bytes: Uint8Array): Promise<ReadPage[]> {
  const doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, fontExtraProperties: true }).promise;
  const pages: ReadPage[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const page = await doc.getPage(number);
    // The operator list first: it loads the page's fonts, whose names the text items then look up.
    const ops = await page.getOperatorList();
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) => {
      if (!('str' in item) || item.str.trim() === '') return [];
      const [a, b] = item.transform as number[];
      // The embedded font's real name, e.g. "ABCDEF+SourceSans3-Semibold".
      const font = page.commonObjs.has(item.fontName)
        ? String((page.commonObjs.get(item.fontName) as { name?: string }).name ?? item.fontName)
        : item.fontName;
      const [, , , , x, y] = item.transform as number[];
      return [{ str: item.str, size: Math.hypot(a!, b!), font, x: x!, right: x! + item.width, y: y! }];
    });
    // The stroke colour and width in force, with the graphics state stack of save/restore.
    let state = { color: '', width: 1, fill: '' };
    const stack: (typeof state)[] = [];
    let whiskers = 0;
    const bars: ReadPage['bars'] = [];
    ops.fnArray.forEach((fn, i) => {
      const args = ops.argsArray[i] as unknown[];
      if (fn === OPS.save) stack.push({ ...state });
      else if (fn === OPS.restore) state = stack.pop() ?? state;
      else if (fn === OPS.setStrokeRGBColor) state.color = String(args[0]);
      else if (fn === OPS.setLineWidth) state.width = Number(args[0]);
      else if (fn === OPS.setFillRGBColor) state.fill = String(args[0]);
      // A tiling (the hatching of a derived value) is a fill too.
      else if (fn === OPS.setFillColorN) state.fill = 'pattern';
      else if (fn === OPS.constructPath && FILLS.includes(args[0] as number) && !PALE.includes(state.fill)) {
        const [minX, minY, maxX, maxY] = args[2] as number[];
        bars.push({ w: maxX! - minX!, h: maxY! - minY! });
      } else if (
        fn === OPS.constructPath &&
        args[0] === OPS.stroke &&
        state.color === WHISKER.color &&
        Math.abs(state.width - WHISKER.width) < 1e-3
      ) {
        whiskers++;
      }
    });
    const alts: string[] = [];
    const walk = (node: unknown) => {
      if (!node || typeof node !== 'object') return;
      const n = node as { role?: string; alt?: string; children?: unknown[] };
      if (n.role === 'Figure' && n.alt) alts.push(n.alt);
      n.children?.forEach(walk);
    };
    walk(await page.getStructTree());
    const text = content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/[\s\u00a0]+/g, ' ');
    pages.push({ text, items, whiskers, alts, bars });
  }
  return pages;
}

/** Text as a reader finds it: no-break spaces are spaces. */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');

/** How often `needle` occurs in `text` as a whole value or label (not inside a longer number or word). */
function occurrences(text: string, needle: string): number {
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.match(new RegExp(`(?<![\\p{L}\\d.])${escaped}(?![\\p{L}\\d])`, 'gu'))?.length ?? 0;
}

/** The labels a chart must print, each once: answers (segment names, a nested bar's parts as the web names them). */
function expectedLabels(m: PrintChartModel): string[] {
  if (m.kind === 'stacked') return m.segments.map((s) => s.name);
  return m.rows.map((r) => r.label);
}

function expectedValues(m: PrintChartModel): string[] {
  if (m.kind === 'stacked') return m.segments.map((s) => s.valueText);
  return m.rows.flatMap((r) => [r.valueText, ...(r.previousText === undefined ? [] : [r.previousText])]);
}

/** The values a chart draws as bars (a number is not a chart: none). */
function drawnValues(m: PrintChartModel): number[] {
  if (m.kind === 'number') return [];
  if (m.kind === 'stacked') return m.segments.map((s) => s.value);
  return m.rows.flatMap((r) => [r.value, ...(r.previous === undefined ? [] : [r.previous])]).filter((v) => v > 0);
}

/** Interval marks the chart must draw: one per value with an interval (a stacked bar marks its first part). */
function expectedIntervals(m: PrintChartModel): number {
  if (m.kind === 'number') return 0;
  // A stacked bar draws none, as on the web: a mark at a boundary between parts reads as either part's.
  if (m.kind === 'stacked') return 0;
  return m.rows.reduce((sum, r) => sum + (r.interval ? 1 : 0) + (r.previousInterval ? 1 : 0), 0);
}

/** What a reader would notice is wrong with one printed chart (a page of its PDF); empty when nothing. */
function problems(m: PrintChartModel, page: ReadPage, widthMm?: number): string[] {
  const out: string[] = [];
  if (widthMm !== undefined) {
    // The column: from the page's left margin (20 mm), `widthMm` wide.
    const left = (20 / 25.4) * 72;
    const right = left + (widthMm / 25.4) * 72;
    for (const item of page.items) {
      if (item.x < left - 0.5 || item.right > right + 0.5)
        out.push(`"${item.str}" runs out of its ${widthMm} mm column`);
    }
  }
  for (const item of page.items) {
    if (item.size < 7.5 - 1e-3) out.push(`"${item.str}" is set at ${item.size.toFixed(2)} pt, under 7.5 pt`);
    if (!/\+SourceSans3-/.test(item.font)) out.push(`"${item.str}" is set in ${item.font}, not Source Sans 3`);
  }
  for (const label of expectedLabels(m)) {
    const count = occurrences(page.text, label);
    if (count !== 1) out.push(`the label "${label}" is printed ${count} times`);
  }
  for (const value of new Set(expectedValues(m))) {
    const expected = expectedValues(m).filter((v) => v === value).length;
    const count = occurrences(page.text, value);
    if (count !== expected) out.push(`the value ${value} is printed ${count} times, not ${expected}`);
  }
  if (occurrences(page.text, plain(m.source)) !== 1) out.push('the source line is not printed once');
  // A base's size never split over two lines: "(n = 403)", "(survey of 403)", "(n not published)".
  page.items.forEach((item, i) => {
    const next = page.items[i + 1];
    const open = /\((?:n|n =|n not|survey|survey of)\s*$/.test(item.str);
    if (open && next && Math.abs(next.y - item.y) > 1) out.push(`a base's size split after "${item.str}"`);
  });
  // No two pieces of text printed over each other (lines closer than their size, overlapping across).
  page.items.forEach((a, i) => {
    for (const b of page.items.slice(i + 1)) {
      const near = Math.abs(a.y - b.y) < 0.8 * Math.min(a.size, b.size);
      if (near && Math.min(a.right, b.right) - Math.max(a.x, b.x) > 0.5) out.push(`"${a.str}" overlaps "${b.str}"`);
    }
  });
  // Every value drawn as a bar (or part) at least 4 pt thick, its length in proportion to the value.
  const drawn = drawnValues(m);
  const solid = page.bars.filter((bar) => bar.h >= 4);
  const scale = solid.map((bar) => bar.w / Math.max(...drawn)).filter((k) => k > 0);
  const fits = (k: number) => drawn.every((v) => solid.some((bar) => Math.abs(bar.w - k * v) < 0.3));
  if (drawn.length > 0 && !scale.some(fits)) {
    const missing = drawn.filter((v) => !scale.some((k) => solid.some((bar) => Math.abs(bar.w - k * v) < 0.3)));
    out.push(`values not drawn to scale: ${missing.length > 0 ? missing.join(', ') : 'no common scale'}`);
  }
  // Three strokes a mark (the whisker and its two caps), and three for the key's sample mark.
  const marks = expectedIntervals(m);
  const whiskers = marks === 0 ? 0 : 3 * (marks + 1);
  if (page.whiskers !== whiskers) out.push(`${page.whiskers / 3} interval marks drawn, not ${whiskers / 3}`);
  if (m.kind === 'number' && m.rows[0]?.interval && !page.text.includes(m.rows[0].interval.text)) {
    out.push('the interval of the number is not printed');
  }
  const derivedKey = m.keys.derived ?? 'Hatched: derived';
  const derived = m.rows.some((r) => r.derived) || m.segments.some((s) => s.derived);
  if (m.kind !== 'number' && page.text.includes(derivedKey) !== derived) {
    out.push(derived ? 'a derived value without the derived key' : 'the derived key without a derived value');
  }
  if (m.kind === 'number' && derived && !page.text.includes('derived')) out.push('a derived number not marked');
  if (!page.alts.includes(m.alt)) out.push('the alt text is not on a Figure in the structure tree');
  return out;
}

/** Every chart compiled alone (a page per width), read back; with `charts`, a broken drawing code. */
async function printAll(models: readonly PrintChartModel[], charts?: string, widths: readonly number[] = WIDTHS) {
  return Promise.all(
    models.map(async (m) => {
      const source = chartSheetSource([m], { captions: false, widthsMm: widths, ...(charts ? { charts } : {}) });
      return { m, widths, pages: await readPdf(compileTypstPdf(source)) };
    }),
  );
}

const allProblems = (printed: Awaited<ReturnType<typeof printAll>>) =>
  printed.flatMap(({ m, pages, widths }) =>
    pages.flatMap((page, i) => problems(m, page, widths[i]).map((p) => `${m.id} at ${widths[i]} mm: ${p}`)),
  );

describe('print charts (Typst, read back with pdf.js)', () => {
  let models: PrintChartModel[];
  let printed: Awaited<ReturnType<typeof printAll>>;
  beforeAll(async () => {
    models = figures().map((figure) => printChartModel(figure, credit));
    printed = await printAll(models);
    // One Typst compile of every chart: seconds on a quiet machine, far more when the machine is shared.
  }, 120_000);

  it('covers every kind, with and without intervals and derived values', () => {
    const kinds = new Set(models.map((m) => m.kind));
    // A nested figure prints as its parts (a stacked bar), as the web draws it.
    expect([...kinds].sort()).toEqual(['bars', 'number', 'paired', 'stacked']);
    expect(
      models
        .filter((m) => expectedIntervals(m) > 0)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(expect.arrayContaining(['bars', 'paired']));
    expect(models.filter((m) => m.keys.derived).map((m) => m.kind)).toEqual(
      expect.arrayContaining(['bars', 'stacked']),
    );
  });

  it('prints every chart at 50, 80, 105 and 160 mm with nothing a reader would notice', () => {
    expect(printed.every(({ pages }) => pages.length === WIDTHS.length)).toBe(true);
    expect(allProblems(printed)).toEqual([]);
  });

  it('draws bars to the full measure of the text column: each label over its bars, not beside them', () => {
    // Round 17: with the labels in a column to the left, Figures 1 and 7 used about half the 108 mm measure.
    const at = WIDTHS.indexOf(105);
    const column = (105 / 25.4) * 72;
    const barred = printed.filter(({ m }) => m.kind === 'bars' || m.kind === 'paired');
    expect(barred.length).toBeGreaterThan(1);
    for (const { m, pages } of barred) {
      // The 0–100% scale's length, from the longest bar and its value (the pale track is not read as a bar).
      const longest = Math.max(...pages[at]!.bars.map((bar) => bar.w));
      const scale = longest / (Math.max(...drawnValues(m)) / 100);
      expect(scale / column, m.id).toBeGreaterThan(0.85);
    }
  });

  it('ends a question with a full stop before the base, even one that ends on a bracket', () => {
    for (const m of models) expect(m.subtitle, m.id).not.toMatch(/[^.?!”] Share of|[^.?!]” Share of|\?”\./);
  });

  it('keeps the model to the web’s words: the summary as alt text, the web’s source line', () => {
    const stacked = models.find((m) => m.id === 'ai-priority-change')!;
    expect(stacked.alt).toMatch(/^Stacked bar of respondents \(survey of 403; base not published\)/);
    expect(plain(stacked.source)).toBe(
      'Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403, fielded November 2020), as reported by the Algorithmia blog.',
    );
    // No source states the base: the subtitle says so, after the question labelled as reconstructed (in print
    // the short label; the methodology says once what it means).
    expect(stacked.subtitle).toMatch(/^Reconstructed question: How has /);
    expect(stacked.subtitle).toContain('Share of respondents · base not published.');
    expect(stacked.subtitle).not.toContain('survey');
    // The base's size keeps its no-break spaces, in the subtitle, the source line and the interval key.
    expect(models.find((m) => m.id === 'bars-with-n')!.subtitle).toContain(
      'Share of all respondents (n\u00a0=\u00a0403)',
    );
    expect(stacked.source).toContain('(survey\u00a0of\u00a0403, fielded November\u00a02020)');
    // A stacked bar has no interval mark, so no interval key.
    expect(stacked.keys.interval).toBeUndefined();
    expect(models.find((m) => m.id === 'bars-with-n')!.keys.interval).toBe('95% interval (n\u00a0=\u00a0403)');
    // No real figure has a base a source states: no interval anywhere in the series' own charts.
    for (const id of realFigures().map((f) => f.id)) {
      const model = models.find((m) => m.id === id)!;
      expect(model.keys.interval, id).toBeUndefined();
      expect(
        model.rows.some((row) => row.interval || row.previousInterval),
        id,
      ).toBe(false);
    }
    const paired = models.find((m) => m.id === 'budget-growth')!;
    expect(paired.rows[1]!.label).toBe('Increased it by more than 50%¹');
    expect(paired.editions).toEqual(['2021 edition', 'Previous edition']);
  });

  // The checks above, against drawings broken on purpose: each must find the fault.
  const broken: [string, (typ: string) => string, RegExp][] = [
    ['labels set at 7 pt', (t) => t.replace('#let label-size = 8pt', '#let label-size = 7pt'), /under 7\.5 pt/],
    [
      'values left out of bars',
      (t) => t.replace('let label = chart-text(text-value', 'let label = chart-text(""'),
      /the value .* printed 0 times/,
    ],
    ['no source line', (t) => t.replace('if source {', 'if false {'), /source line is not printed/],
    ['no interval marks', (t) => t.replace('  strokes(whisker)\n', ''), /interval marks drawn/],
    [
      'no derived key',
      (t) => t.replace('if m.keys.at("derived", default: none) != none {', 'if false {'),
      /derived value without the derived key/,
    ],
    [
      'values pushed past the column',
      (t) => t.replace('place(dx: end + 3pt, horizon', 'place(dx: end + 80pt, horizon'),
      /runs out of its 105 mm column/,
    ],
    [
      'values printed over the bars’ labels',
      // Round 17: at the text column's measure each label stands over its bars; a value raised onto that line.
      (t) => t.replace('place(dx: end + 3pt, horizon', 'place(dx: 0pt, dy: -9pt, horizon'),
      /overlaps/,
    ],
    [
      'values in the serif',
      (t) => t.replace('#let chart-font = "Source Sans 3"', '#let chart-font = "Source Serif 4"'),
      /not Source Sans 3/,
    ],
    [
      'bars not in proportion',
      (t) => t.replace('let x(v) = plot * v / 100', 'let x(v) = plot * calc.sqrt(v) / 10'),
      /values not drawn to scale/,
    ],
  ];
  it.each(broken)('finds a chart with %s', async (_, breakIt, finding) => {
    const typ = breakIt(chartsTypst());
    expect(typ).not.toBe(chartsTypst());
    // One width is enough to find each fault (the text column), and keeps the run short.
    const found = allProblems(await printAll(models, typ, [105]));
    expect(found.some((p) => finding.test(p))).toBe(true);
  });

  it('builds the same model from a figure’s published JSON (source keys stripped, intervals added)', () => {
    for (const figure of figures()) {
      const published = JSON.parse(JSON.stringify(downloadableFigure(figure))) as PublishedFigure;
      expect(printChartModel(published, credit)).toEqual(printChartModel(figure, credit));
    }
  });

  it('writes any text into Typst source as it is: quotes, backslashes, control characters', async () => {
    const text = 'A "quoted" \\ back\u0007slash, #hash $dollar ¹';
    const literal = toTypst({ text, list: [text], none: null, n: 1.5 });
    // Typst's own length (UTF-8 bytes) proves the control character arrived as one character.
    const checks = `#assert.eq(v.text.len(), ${Buffer.byteLength(text)})\n#assert.eq(v.list.at(0), v.text)`;
    const shown = '#v.text.replace("\\u{7}", "") #v.n #repr(v.none)';
    const [page] = await readPdf(
      compileTypstPdf(`#set document(title: "T")\n#let v = ${literal}\n${checks}\n${shown}`),
    );
    expect(page!.text).toContain('A "quoted" \\ backslash, #hash $dollar ¹ 1.5 none');
  });

  it('prints a key figure for a part opener: one row, large, with the label given', async () => {
    const m = models.find((model) => model.id === 'budget-growth')!;
    const source = `${chartsTypst()}\n#key-figure(${toTypst(m)}, label: "Increased the AI/ML budget")`;
    const [page] = await readPdf(compileTypstPdf(`#set document(title: "Key figure")\n${source}`));
    expect(page!.text.trim()).toBe('83% Increased the AI/ML budget');
    expect(Math.max(...page!.items.map((item) => item.size))).toBeGreaterThanOrEqual(24);
    expect(() => compileTypstPdf(`${chartsTypst()}\n#key-figure(${toTypst(m)}, label: "No such row")`)).toThrow(
      /no row/,
    );
  });

  it('keeps its colours apart in black and white, and its text readable on them', async () => {
    // The palette as charts.typ defines it, read back through Typst itself.
    const names = ['accent', 'low-end', 'comparison', 'part-greys.at(0)', 'part-greys.at(1)', 'track', 'ink', 'muted'];
    const all = names;
    const source = `#set document(title: "Palette")\n${chartsTypst()}\n${all.map((n) => `#${n}.to-hex()`).join(' ')}`;
    const [page] = await readPdf(compileTypstPdf(source));
    const hex = page!.text.match(/#[0-9a-f]{6}/g)!;
    expect(hex).toHaveLength(all.length);
    const c = Object.fromEntries(all.map((n, i) => [n, hex[i]!]));
    const white = '#ffffff';
    // Text: white inside the accent, ink on the greys and the track, secondary text on the page.
    expect(contrast(white, c.accent!)).toBeGreaterThanOrEqual(4.5);
    for (const ground of ['comparison', 'part-greys.at(0)', 'part-greys.at(1)', 'track']) {
      expect(contrast(c.ink!, c[ground]!), `ink on ${ground}`).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrast(c.muted!, white)).toBeGreaterThanOrEqual(4.5);
    // Fills printed in grey: this edition against the last, neighbouring parts, bars on the page.
    const apart: [string, string, number][] = [
      ['accent', 'comparison', 2.5],
      ['accent', 'part-greys.at(0)', 2],
      ['part-greys.at(0)', 'part-greys.at(1)', 1.3],
      ['comparison', white, 1.8],
      // A scale's bottom two against its grey middle.
      ['low-end', 'part-greys.at(0)', 2],
    ];
    for (const [a, b, least] of apart) {
      expect(contrast(c[a] ?? a, c[b] ?? b), `${a} against ${b}`).toBeGreaterThanOrEqual(least);
    }
  });

  it('finds a figure whose alt text is not the summary', () => {
    const wrong = models.map((m) => ({ ...m, alt: `${m.alt} Wrong.` }));
    const found = printed.flatMap(({ pages }, i) => pages.flatMap((page) => problems({ ...wrong[i]! }, page)));
    expect(found.some((p) => /alt text/.test(p))).toBe(true);
  });
});

/**
 * The demonstration series' own-survey figures in print: every group drawn (grouped bars for one value, a
 * panel per group for several), each with its interval, a suppressed group named, a negative score with a
 * true minus sign.
 */
describe('print charts of figures computed by segment', () => {
  const demo = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
  const demoCredit = surveyCredit(demo.data!);
  const model = (id: string) =>
    printChartModel(
      demo.figures.find((f) => f.id === id)!,
      demoCredit,
    );

  it('prints one value per group as a bar each, all respondents first, with their intervals', async () => {
    for (const id of ['platform-nps', 'onboarding-days', 'tool-satisfaction']) {
      const m = model(id);
      const figure = demo.figures.find((f) => f.id === id)!;
      const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
      const text = plain(page!.text);
      expect(text, id).toContain(`${totalLabel(figure)} (n = ${figure.base!.n})`);
      for (const segment of figure.segments!) expect(text, id).toContain(`${segment.label} (n = ${segment.n})`);
      const shown = m.rows.filter((r) => r.missing === undefined);
      for (const row of shown) expect(text, `${id}: ${row.label}`).toContain(plain(row.valueText));
      // One interval mark per value with one, and the key's sample mark.
      expect(page!.whiskers, id).toBe(3 * (shown.filter((r) => r.interval).length + 1));
      expect(shown.filter((r) => r.interval).length, id).toBe(shown.length);
    }
    // A group under 30 and one withheld to protect it, added here, each say why they have no value.
    const regions = demo.figures.find((f) => f.id === 'tool-satisfaction')!;
    const label = regions.rows[0]!.label;
    const withSmall = printChartModel(
      {
        ...regions,
        segments: [
          ...regions.segments!.slice(0, 2),
          { ...regions.segments![2]!, complementary: true, rows: [{ label, suppressed: true }] },
          { id: 'region-tiny', label: 'Tiny', group: 'Region', n: 12, rows: [{ label, suppressed: true }] },
        ],
      },
      demoCredit,
    );
    expect(
      withSmall.rows
        .filter((r) => r.missing)
        .map((r) => r.missing)
        .sort(),
    ).toEqual(['fewer than 30 answered', 'withheld: would reveal a group under 30']);
  });

  it("ends a part's label under the bar where the part ends, its value under its own part", async () => {
    const m = printChartModel(realFigure('team-size'), credit);
    if (m.kind !== 'stacked') throw new Error('team-size is drawn as a stacked bar');
    const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
    const items = page!.items;
    // The bracket's label starts where the bar starts.
    const left = Math.min(...items.map((i) => i.x));
    const width = (105 / 25.4) * 72;
    const last = m.segments.at(-1)!;
    const value = items.filter((i) => plain(i.str) === plain(last.valueText)).at(-1)!;
    // The label is wider than its part: it ends where the part ends, its value past the part's middle (not
    // ending short of the middle tick, with the words under the part before).
    expect(value.x).toBeGreaterThanOrEqual(left + (width * last.start) / 100);
    expect(value.right).toBeGreaterThan(left + (width * (last.start + last.value / 2)) / 100);
    expect(value.right).toBeLessThanOrEqual(left + width + 0.5);
  });

  it("prints a negative score's value on its own side of the zero line, left of its bar", async () => {
    const m = model('platform-nps');
    const origin = m.origin!;
    const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
    const item = (valueText: string) => page!.items.find((i) => plain(i.str) === plain(valueText))!;
    const below = m.rows.filter((r) => r.value < origin);
    const above = m.rows.filter((r) => r.value >= origin);
    expect(below.length).toBeGreaterThan(0);
    const leftmostAbove = Math.min(...above.map((r) => item(r.valueText).x));
    for (const row of below) expect(item(row.valueText).right, row.label).toBeLessThan(leftmostAbove);
    // Round 13: the zero line is named "0" under the bars, between the negative values and the positive ones.
    const zero = page!.items.find((i) => plain(i.str) === '0');
    expect(zero).toBeDefined();
    const middle = (zero!.x + zero!.right) / 2;
    for (const row of below) expect(middle, row.label).toBeGreaterThan(item(row.valueText).right);
    const positive = above.filter((r) => r.value > origin + 20);
    for (const row of positive) expect(middle, row.label).toBeLessThan(item(row.valueText).x);
  });

  // The demo's onboarding wait is a histogram now; its rows are a spread's, so computed as one it prints the strip.
  const onboarding = demo.figures.find((f) => f.id === 'onboarding-median')!;
  const asSpread = { ...onboarding, survey: { ...onboarding.survey!, compute: 'spread' as const, bins: undefined } };

  it('prints a spread strip with the web key and the axis ticks, and no 95% interval key', async () => {
    const m = printChartModel(asSpread, demoCredit);
    const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
    const text = plain(page!.text);
    const v = (label: string) => plain(m.rows.find((r) => r.label === label)!.valueText);
    // The web's key: what the box and the line stand for, with their ends.
    // Their unit once (round 13): "(6 to 14 days)".
    const bare = (label: string) => v(label).replace(/\s*days$/, '');
    expect(text).toContain(
      plain(
        `Middle half of the answers, lower to upper quartile (${bare('Lower quartile')} to ${v('Upper quartile')})`,
      ),
    );
    expect(text).toContain(plain(`10th to 90th percentile (${bare('10th percentile')} to ${v('90th percentile')})`));
    // Its whiskers are the 10th to 90th percentile, not an interval: the only interval keyed is the mean's.
    const mean = m.rows.find((r) => r.label === 'Mean')!;
    expect(text).toContain(plain(`Mean, with its 95% interval (${mean.interval!.text})`));
    expect(text.match(/95% interval/g)).toHaveLength(1);
    // The web's ticks, under the strip: one axis rule for both (review 7: 0–20 on the page, 0–25 in print).
    const figure = asSpread;
    expect(m.ticks!.map((t) => t.text)).toEqual(spreadAxis(figure).ticks.map((t) => figureTick(figure, t)));
    expect(m.ticks!.length).toBeGreaterThan(2);
    for (const tick of m.ticks!)
      expect(
        page!.items.some((i) => plain(i.str) === plain(tick.text)),
        tick.text,
      ).toBe(true);
  });

  it('prints the histogram of every answer with the web’s key, the count scale, the median and the mean', async () => {
    const m = model('onboarding-median');
    expect(m.kind).toBe('histogram');
    const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
    const text = plain(page!.text);
    const v = (label: string) => plain(m.rows.find((r) => r.label === label)!.valueText);
    for (const key of Object.values(m.histogram!.key)) expect(text).toContain(plain(key));
    expect(text).toContain(`Median ${v('Median')}`);
    expect(text).toContain(`Mean ${v('Mean')}`);
    // The only interval keyed is the mean's: the bars are counts, not intervals.
    expect(text.match(/95% interval/g)).toHaveLength(1);
    // The count scale at the right and the day axis under the bars, as the web draws them.
    for (const tick of [...m.histogram!.counts.filter((c) => c.at > 0), ...m.ticks!])
      expect(
        page!.items.some((i) => plain(i.str) === plain(tick.text)),
        tick.text,
      ).toBe(true);
    // The longest answer is drawn: the last bar ends within the axis, past the 90th percentile's tick.
    expect(m.histogram!.bars.at(-1)!.tail).toBe(true);
    expect(m.histogram!.bars.at(-1)!.to).toBeLessThanOrEqual(100);
  });

  it('prints several values per group as one titled panel per group', async () => {
    // The demo's adoption by size as a panel per size (it is drawn "stacked" on the site and in the report).
    const dir = join(process.cwd(), 'content/series/platform-engineering-2024');
    const survey = { question: 'platform', compute: 'shares', segmentBy: 'size' };
    const figure = FigureSchema.parse(
      surveyFigure(
        { id: 'adoption-panels', title: 'Adoption', kind: 'by-segment', survey },
        loadSurvey(dir, process.cwd(), 'test'),
        'figures.json',
      ),
    );
    const m = printChartModel(figure, demoCredit);
    const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
    const text = plain(page!.text);
    for (const segment of figure.segments!) {
      expect(text).toContain(`${segment.label}, n = ${segment.n}`);
      // Whole percentages, as the page draws them: every interval here is wider than ±2 points.
      for (const row of segment.rows) expect(text).toContain(`${Math.round(row.value!)}%`);
    }
    // The grey comparison bars are named once, in the key, not beside each of them.
    expect(occurrences(text, 'all respondents')).toBe(1);
    expect(m.groupKey).toContain('all respondents (n = 500) in grey');
  });

  it('prints shares drawn "stacked" as one bar per group, the answers keyed once, no score column', async () => {
    const m = model('platform-by-size');
    const figure = demo.figures.find((f) => f.id === 'platform-by-size')!;
    expect(m.kind).toBe('stacked-rows');
    const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
    const text = plain(page!.text);
    for (const row of figure.rows) expect(occurrences(text, row.label)).toBe(1);
    expect(text).not.toContain('Detractors');
    expect(text).not.toContain('NPS');
    expect(text).toContain('All respondents (n = 500)');
    expect(m.stackRows!.map((r) => r.label.replace(/\u2060/g, '').replace(/\s/g, ' '))).toEqual([
      'All respondents (n = 500)',
      ...figure.segments!.map((s) => `${s.label} (n = ${s.n})`),
    ]);
    // The large shares are written inside their parts.
    expect(text).toContain(`${Math.round(figure.segments!.at(-1)!.rows[0]!.value!)}%`);
  });

  it('prints the NPS split’s parts named over its first bar, and every part’s share, a narrow one under it', async () => {
    const m = model('platform-nps-groups');
    const [page] = await readPdf(compileTypstPdf(chartSheetSource([m], { captions: false, widthsMm: [105] })));
    const items = page!.items.map((i) => ({ ...i, str: plain(i.str).trim() }));
    const firstLabel = items.find((i) => i.str.startsWith('All who answered'))!;
    // Each name once, at or left of where its part starts, and in the order of the parts.
    const names = m.stackKey!.map((k) => items.find((i) => i.str === k.name)!);
    expect(names.every(Boolean)).toBe(true);
    expect(names.map((n) => n.x)).toEqual([...names.map((n) => n.x)].sort((a, b) => a - b));
    // Named over the bars, not in a key under or beside them: every name above the first bar's label line.
    for (const name of names) expect(name.y, name.str).toBeGreaterThan(firstLabel.y);
    // Every share of every drawn row is printed: the platform engineers' 9% detractors too (round 13).
    for (const row of m.stackRows!.filter((r) => !r.missing)) {
      for (const part of row.parts) {
        const wanted = plain(part.valueText);
        expect(items.filter((i) => i.str === wanted).length, `${row.label} ${part.name}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('the NPS groups chart’s total', () => {
  it('names its first bar all who answered (n = 330), in print and in the summary, not all respondents', async () => {
    const { chartKind } = await import('../../src/lib/chart/kinds/index.ts');
    const demo = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
    const groups = demo.figures.find((f) => f.id === 'platform-nps-groups')!;
    const model = printChartModel(groups, surveyCredit(demo.data!));
    // One 100% bar per role under the total's, no panels and so no key of panel colours.
    expect(model.groupKey).toBeUndefined();
    expect(model.stackRows![0]!.label).toBe('All who answered (n\u00a0=\u00a0330)');
    expect(chartKind('by-segment').summary(groups)).toContain('All who answered (n = 330): detractors ');
  });
});
