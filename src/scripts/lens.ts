/**
 * The segment lens (see src/components/SegmentLens.astro): reads `?segment=<id>` from the URL and, for that
 * group, highlights its marks in every chart that draws it (each chart draws every group at build; the
 * others fade), marks its line or column in each "About this data" table, and writes its value after every bound
 * number that has one (`data-lens` on `.mt-stat`), unless its section already gives that group's value.
 * Choosing another group updates the URL in place, so a reload or a shared link shows the same, and the links to
 * the series' other pages carry it. No request is made.
 */

import { lensedTotals, sentenceIndex } from '../lib/lens-rule.ts';

const PARAM = 'segment';

/**
 * Whether the number's section (from the h2 above it to the next, or its table cell or caption) already binds the
 * same row of the same figure for `segment`: "… fewer than 100 employees, 14.0 days, … Across everyone it is 11.0
 * days" then needs no "(1–99 employees: 14.0 days)" after the total, nor does a total two paragraphs on; the
 * number would be said twice.
 */
function boundNearby(stat: HTMLElement, segment: string): boolean {
  const { figure, label } = stat.dataset;
  const cell = stat.closest('td, th, figcaption');
  const candidates = cell
    ? [...cell.querySelectorAll<HTMLElement>('.mt-stat[data-segment]')]
    : [...document.querySelectorAll<HTMLElement>('.mt-stat[data-segment]')].filter(
        (other) => !other.closest('td, th, figcaption') && sectionOf(other) === sectionOf(stat),
      );
  return candidates.some(
    (other) => other.dataset.segment === segment && other.dataset.figure === figure && other.dataset.label === label,
  );
}

/** The h2 a node follows (its section), or null before the first. */
function sectionOf(node: Node): Element | null {
  let section: Element | null = null;
  for (const heading of document.querySelectorAll('h2')) {
    if (heading.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING) section = heading;
    else break;
  }
  return section;
}

/** The sentence a number is in: its paragraph (or cell) and how many sentences end before it there. */
const blockIds = new WeakMap<Element, number>();
let blocks = 0;
function sentenceOf(stat: HTMLElement): string {
  const block = stat.closest('p, li, td, th, figcaption, dd, blockquote') ?? stat.parentElement!;
  if (!blockIds.has(block)) blockIds.set(block, blocks++);
  // The text before the number as a reader sees it: each earlier number's value, not its hidden note.
  let before = '';
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (stat.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING || stat.contains(node)) break;
    const other = node.parentElement?.closest('.mt-stat');
    if (other && !node.parentElement?.closest('.mt-stat-value')) continue;
    before += node.textContent;
  }
  return `${blockIds.get(block)}:${sentenceIndex(before)}`;
}

/** Applies `segment` ('' for none) to the page; returns how many charts and numbers show it. */
function apply(segment: string): { charts: number; numbers: number } {
  let charts = 0;
  let numbers = 0;
  for (const figure of document.querySelectorAll<HTMLElement>('[data-lens-figure]')) {
    // Only a chart that shows a value of the group highlights it: one where all its values are withheld draws
    // just an empty row with why, and stays as drawn.
    const shown = segment !== '' && (figure.dataset.lensShown ?? '').split(' ').includes(segment);
    let found = false;
    for (const mark of figure.querySelectorAll<Element>('[data-segment]')) {
      const match = shown && mark.getAttribute('data-segment') === segment;
      mark.classList.toggle('mt-lens-match', match);
      found ||= match;
    }
    figure.classList.toggle('mt-lens-on', found);
    if (found) charts++;
  }
  for (const note of document.querySelectorAll('.mt-stat-lens')) note.remove();
  // Every figure-bound total (a number that is no group's own value), with the group's value it would take.
  const totals = [...document.querySelectorAll<HTMLElement>('.mt-stat:not([data-segment])')].map((stat) => {
    const entry =
      segment && stat.dataset.lens
        ? (JSON.parse(stat.dataset.lens) as Record<string, [string, string, string?]>)[segment]
        : undefined;
    return { stat, entry, sentence: sentenceOf(stat), annotatable: !!entry && !boundNearby(stat, segment) };
  });
  // One rule per sentence: every total gets the group's value, or none does (src/lib/lens-rule.ts).
  const lensed = segment ? lensedTotals(totals) : totals.map(() => false);
  totals.forEach(({ stat, entry }, i) => {
    if (!lensed[i] || !entry) return;
    numbers++;
    const note = document.createElement('span');
    note.className = 'mt-stat-lens';
    // "(Europe: 38%, n = 160; 95% interval 31–46%)", "wide 95% interval" for a small group's. A withheld value
    // has no entry (src/components/mdx/Stat.astro): why is written in the chart, not in the sentence.
    const [name, value, sure] = entry;
    note.textContent = ` (${name}: ${value}${sure ? `, ${sure}` : ''})`;
    stat.querySelector('.mt-stat-value')?.after(note);
  });
  return { charts, numbers };
}

/**
 * Carries the chosen group on the links to the series' other pages (next and previous trend, the series index),
 * so the reader keeps it from page to page; no group, no parameter. Links within the page, downloads and
 * embeds keep their own address. Without JavaScript the links stay as built.
 */
function carry(segment: string) {
  const series = location.pathname.split('/')[1];
  if (!series) return;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('a[href]')) {
    const href = link.getAttribute('href')!;
    if (href.startsWith('#') || link.hasAttribute('download')) continue;
    const url = new URL(href, location.href);
    const page = url.pathname.endsWith('/') && !url.pathname.includes('/embed/');
    if (url.origin !== location.origin || !url.pathname.startsWith(`/${series}/`) || !page) continue;
    if (segment) url.searchParams.set(PARAM, segment);
    else url.searchParams.delete(PARAM);
    link.setAttribute('href', url.pathname + url.search + url.hash);
  }
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function startLens() {
  const control = document.querySelector<HTMLElement>('[data-lens-control]');
  const select = control?.querySelector('select');
  if (!control || !select) return;
  const status = control.querySelector('[data-lens-status]');
  const show = (segment: string) => {
    const known = [...select.options].some((option) => option.value === segment);
    const chosen = known ? segment : '';
    select.value = chosen;
    const { charts, numbers } = apply(chosen);
    carry(chosen);
    const label = select.selectedOptions[0]?.textContent ?? '';
    if (status) {
      // A link may name a group this page does not offer (one of another page of the series, by its name; a
      // typo or another series' group, by its id): say so, and show all respondents rather than nothing.
      const names = JSON.parse(control.dataset.lensNames ?? '{}') as Record<string, string>;
      // A group of this page whose every value is withheld is not offered either: the link is told why.
      const withheld = (JSON.parse(control.dataset.lensWithheld ?? '{}') as Record<string, string>)[segment];
      status.textContent = chosen
        ? `${label} is highlighted in ${count(charts, 'chart', 'charts')} and ${charts === 1 ? 'its table' : 'their tables'}${
            // Where no number in the text gained the group's value, the sentence ends with the charts.
            numbers > 0 ? `; its value given after ${count(numbers, 'number', 'numbers')} in the text` : ''
          }.`
        : withheld
          ? `The group “${names[segment] ?? segment}” in this link has no value on this page (${withheld}): all respondents are shown.`
          : segment
            ? `The group “${names[segment] ?? segment}” in this link is not offered on this page: all respondents are shown.`
            : '';
    }
  };
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    if (select.value) url.searchParams.set(PARAM, select.value);
    else url.searchParams.delete(PARAM);
    history.replaceState(history.state, '', url);
    show(select.value);
  });
  control.hidden = false;
  show(new URL(location.href).searchParams.get(PARAM) ?? '');
}

startLens();
