import { describe, expect, it } from 'vitest';
import { facingPages, inkOf, pageSvgs, planPreviews } from '../../src/integrations/report-pdf/typst/previews.ts';

const contents = [
  { title: 'Executive summary', page: 3 },
  { title: 'Introduction', page: 5 },
  { title: 'Part 1: Budgets rose', page: 6 },
  { title: '1. Budgets grew in 2020', page: 7 },
  { title: 'Sources', page: 30 },
];

describe('the pictures of the report for its page', () => {
  it('plans the cover, the summary spread and the first part opener with its chapter, saying what each shows', () => {
    expect(planPreviews('Trends 2021', 31, contents)).toEqual([
      { name: 'cover', pages: [1], alt: 'The cover of the report “Trends 2021”.' },
      {
        name: 'spread-1',
        pages: [2, 3],
        alt: 'Two facing pages of the report: page 2, the report’s front matter; page 3, “Executive summary”.',
      },
      {
        name: 'spread-2',
        pages: [6, 7],
        alt:
          'Two facing pages of the report: page 6, the start of part 1, “Budgets rose”; ' +
          'page 7, the start of chapter 1, “Budgets grew in 2020”.',
      },
    ]);
  });

  it('shows the first two entries of a report without a summary or parts, and no spread past the last page', () => {
    const plain = [
      { title: 'Introduction', page: 2 },
      { title: 'Sources', page: 4 },
    ];
    expect(planPreviews('T', 5, plain).map((p) => p.pages)).toEqual([[1], [2, 3], [4, 5]]);
    expect(planPreviews('T', 4, plain).map((p) => p.pages)).toEqual([[1], [2, 3]]);
  });

  it('without a summary, shows the part opener with its chapter and a full chapter spread with a chart', () => {
    const full = { fill: 0.9, colour: false };
    const ink = Array.from({ length: 31 }, () => full);
    ink[9] = { fill: 0.95, colour: true }; // page 10: a chart, but page 11 is short
    ink[10] = { fill: 0.5, colour: false };
    ink[11] = { fill: 0.8, colour: true }; // pages 12–13: both full, a chart on 12
    const noSummary = contents.filter((c) => !/summary/i.test(c.title));
    const plans = planPreviews('Trends 2021', 31, noSummary, ink);
    expect(plans.map((p) => p.pages)).toEqual([[1], [6, 7], [12, 13]]);
    expect(plans[2]!.alt).toBe(
      'Two facing pages of the report: page 12, more of chapter 1, “Budgets grew in 2020”; ' +
        'page 13, more of chapter 1, “Budgets grew in 2020”.',
    );
    // No full spread with a chart: the first full chapter spread after the opener; none full: no third picture.
    const plain = ink.map((page) => ({ ...page, colour: false }));
    expect(planPreviews('T', 31, noSummary, plain).map((p) => p.pages)).toEqual([[1], [6, 7], [8, 9]]);
    const sparse = ink.map(() => ({ fill: 0.5, colour: false }));
    expect(planPreviews('T', 31, noSummary, sparse).map((p) => p.pages)).toEqual([[1], [6, 7]]);
  });

  it('with the ink of each page, shows the executive summary first, then the part opener', () => {
    const ink = Array.from({ length: 31 }, () => ({ fill: 0.9, colour: false }));
    ink[2] = { fill: 0.85, colour: true }; // page 3: the summary's first page, with its chart
    ink[11] = { fill: 0.8, colour: true }; // page 12: a chapter chart
    const plans = planPreviews('Trends 2021', 31, contents, ink);
    expect(plans.map((p) => p.pages)).toEqual([[1], [2, 3], [6, 7]]);
    expect(plans[1]!.alt).toBe(
      'Two facing pages of the report: page 2, the report’s front matter; page 3, “Executive summary”.',
    );
    // Round 7: the summary is chosen even without a chart or with a short second page, over a dense chapter
    // spread (pages 6–9 of text sold nothing): it is the report's argument in one look.
    const noChart = ink.map((page, i) =>
      i === 2 ? { ...page, colour: false } : i === 3 ? { fill: 0.4, colour: false } : page,
    );
    expect(planPreviews('T', 31, contents, noChart).map((p) => p.pages)).toEqual([[1], [2, 3], [6, 7]]);
  });

  it('shows only facing pages (an even page on the left), chosen by where sections start, not by the length', () => {
    expect([2, 3, 4, 5, 6, 7].map(facingPages)).toEqual([
      [2, 3],
      [2, 3],
      [4, 5],
      [4, 5],
      [6, 7],
      [6, 7],
    ]);
    const ink = (pages: number) => Array.from({ length: pages }, () => ({ fill: 0.9, colour: false }));
    // Review round 8: pages 3 and 4 (the summary) were shown as a spread; a reader never sees them side by side.
    const summaryOnEven = [
      { title: 'Executive summary', page: 4 },
      { title: 'Part 1: Budgets rose', page: 7 },
      { title: '1. Budgets grew', page: 7 },
      { title: 'Sources', page: 30 },
    ];
    for (const [list, expected] of [
      [contents, [[1], [2, 3], [6, 7]]],
      [summaryOnEven, [[1], [4, 5], [6, 7]]],
    ] as const) {
      // The same spreads whether the report runs to 31 pages or to 60.
      expect(planPreviews('T', 31, list, ink(31)).map((p) => p.pages)).toEqual(expected);
      expect(planPreviews('T', 60, list, ink(60)).map((p) => p.pages)).toEqual(expected);
      expect(planPreviews('T', 31, list).map((p) => p.pages)).toEqual(expected);
    }
  });

  it('measures how full a page is and whether it has colour, from its pixels', () => {
    const width = 10;
    const page = (rows: string[]) => {
      const pixels = new Uint8Array(width * rows.length * 4).fill(255);
      rows.forEach((row, y) => {
        const rgb = row === 'text' ? [0, 0, 0] : row === 'chart' ? [30, 90, 200] : [255, 255, 255];
        for (let x = 2; x < 8; x++) pixels.set([...rgb, 255], (y * width + x) * 4);
      });
      return { width, height: rows.length, pixels };
    };
    const rows = (n: number, kind: string) => Array.from({ length: n }, () => kind);
    // 100 rows: text from 5 to 90 with small gaps → full; text to 45, then blank, then a page number → half.
    const fullPage = [
      ...rows(5, 'blank'),
      ...Array.from({ length: 85 }, (_, i) => (i % 4 === 3 ? 'blank' : 'text')),
      ...rows(5, 'blank'),
      'text',
      ...rows(4, 'blank'),
    ];
    const halfPage = [...rows(5, 'blank'), ...rows(40, 'text'), ...rows(50, 'blank'), 'text', ...rows(4, 'blank')];
    const chartPage = [
      ...rows(5, 'blank'),
      ...rows(40, 'text'),
      ...rows(45, 'chart'),
      ...rows(5, 'blank'),
      'text',
      ...rows(4, 'blank'),
    ];
    const [a, b, c] = inkOf([page(fullPage), page(halfPage), page(chartPage)]);
    expect(a!.fill).toBeGreaterThan(0.9);
    expect(b!.fill).toBeLessThan(0.55);
    expect(c!.fill).toBeGreaterThan(0.9);
    expect([a!.colour, b!.colour, c!.colour]).toEqual([false, false, true]);
  });

  it('cuts Typst’s stacked SVG into one SVG per page, each keeping the shared glyphs', () => {
    const svg =
      '<svg class="typst-doc" viewBox="0 0 100 300" width="100pt" height="300pt" xmlns="http://www.w3.org/2000/svg">' +
      '<path d="M 0 0v 150 h 100 v -150 Z "/><g><use href="#g1"/></g>' +
      '<path d="M 0 0v 150 h 100 v -150 Z "/><g transform="matrix(1 0 0 1 0 150)"><g><use href="#g2"/></g></g>' +
      '<defs id="glyph"><symbol id="g1"/><symbol id="g2"/></defs></svg>';
    const { width, height, pages } = pageSvgs(svg);
    expect([width, height, pages.length]).toEqual([100, 150, 2]);
    expect(pages[0]).toContain('viewBox="0 0 100 150"');
    expect(pages[0]).toContain('#g1');
    expect(pages[0]).not.toContain('#g2"');
    expect(pages[1]).toContain('<g transform="translate(0 -150)"><g transform="matrix(1 0 0 1 0 150)">');
    expect(pages[1]).toContain('<defs id="glyph">');
  });
});
