import { describe, expect, it } from 'vitest';
import { pageSvgs, planPreviews } from '../../src/integrations/report-pdf/typst/previews.ts';

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
        pages: [3, 4],
        alt: 'Two facing pages of the report: page 3, “Executive summary”; page 4, more of “Executive summary”.',
      },
      {
        name: 'spread-2',
        pages: [6, 7],
        alt:
          'Two facing pages of the report: page 6, the opener of part 1, “Budgets rose”; ' +
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
