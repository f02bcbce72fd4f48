import { describe, expect, it } from 'vitest';
import { excerpt, searchTargets, type SearchPage } from '../../src/lib/search-results.ts';

/** A page like the built governance trend: intro, a section, a figure in it, a second section. */
const words = [
  'Governance is the top worry.', // 0-4
  'The top concern.', // 5-7 (h2)
  'Governance rank chart.', // 8-10 (figure at 8, title link at 8)
  'Security and audit 56%.', // 11-14
  'What to do.', // 15-17 (h2)
  'Start with governance reviews.', // 18-21
].join(' ');
const page = (locations: number[]): SearchPage => ({
  url: '/s/governance/',
  meta: { title: 'Governance is the top worry' },
  content: words,
  locations,
  anchors: [
    { element: 'h2', id: 'the-top-concern', text: 'The top concern', location: 5 },
    { element: 'figure', id: 'figure-rank', text: '', location: 8 },
    { element: 'a', id: 'figure-rank-title', text: 'Governance rank chart', location: 8 },
    { element: 'p', id: 'figure-rank-summary', text: 'Security and audit 56%.', location: 11 },
    { element: 'h2', id: 'what-to-do', text: 'What to do', location: 15 },
  ],
});

describe('searchTargets', () => {
  it('lands a match inside a figure on the figure, titled with the figure title', () => {
    expect(searchTargets(page([14]))).toEqual([
      expect.objectContaining({ kind: 'figure', url: '/s/governance/#figure-rank', title: 'Governance rank chart' }),
    ]);
  });

  it('lands a match under a heading on that heading, and lists figures before sections', () => {
    const targets = searchTargets(page([0, 8, 20]));
    expect(targets.map((t) => [t.kind, t.url])).toEqual([
      ['figure', '/s/governance/#figure-rank'],
      ['section', '/s/governance/#what-to-do'],
    ]);
  });

  it('leaves matches before the first heading to the page link, and keeps at most the limit', () => {
    expect(searchTargets(page([0, 1]))).toEqual([]);
    expect(searchTargets(page([6, 9, 16]), 2)).toHaveLength(2);
  });

  it('skips a figure without a title link rather than showing it untitled', () => {
    const untitled = page([9]);
    untitled.anchors = untitled.anchors.filter((a) => a.id !== 'figure-rank-title');
    expect(searchTargets(untitled).map((t) => t.url)).toEqual(['/s/governance/#the-top-concern']);
  });
});

describe('excerpt', () => {
  it('marks the matched words and keeps the text as plain text', () => {
    const parts = excerpt('A & B <i>found</i> here', [3], 10);
    expect(parts).toEqual([
      { text: 'A & B ', match: false },
      { text: '<i>found</i>', match: true },
      { text: ' here', match: false },
    ]);
  });

  it('shows an ellipsis where the excerpt cuts the text', () => {
    const text = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    const parts = excerpt(text, [50], 6);
    expect(parts.map((p) => p.text).join('')).toBe('… w48 w49 w50 w51 w52 w53 …');
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['w50']);
  });
});
