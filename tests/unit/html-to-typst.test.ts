import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bindNumbers,
  printReferences,
  escapeMarkup,
  htmlToTypst,
  shortUrl,
} from '../../src/integrations/report-pdf/typst/html-to-typst.ts';
import { fontFiles, reportSources } from '../../src/integrations/report-pdf/typst/compile.ts';

/** The converter from the print page to Typst: text survives as written, numbers stay whole, strangers fail. */

const compiler = NodeCompiler.create({ fontArgs: [{ fontPaths: fontFiles(process.cwd()) }] });
const dir = mkdtempSync(join(tmpdir(), 'mt-typst-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Typesets Typst markup on a page `width` wide and gives back its text as pdftotext reads it. */
function typesetText(markup: string, width = '160mm'): string {
  const result = compiler.compile({
    mainFileContent: `#set page(width: ${width}, height: auto, margin: 5mm)\n#set text(font: "Source Serif 4 SmText", lang: "en")\n${markup}\n`,
  });
  if (result.hasError() || !result.result) throw new Error('Typst could not compile the test text');
  const file = join(dir, 'out.pdf');
  writeFileSync(file, compiler.pdf(result.result));
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

const page = (body: string) =>
  `<main data-report="s" data-title="T" data-subtitle="S" data-author="A"><section data-back data-title="Notes">${body}</section><script type="application/json" data-figure-models>{"f":{}}</script></main>`;

describe('escapeMarkup', () => {
  it('prints every Typst markup character as itself', () => {
    const text = String.raw`Costs # $5 * 2 _x_ \`code\` <tag> @ref [a] \ ~ = - + / // /* -- --- -? ... 1. "quoted" 'single' ‘curly’ “curly”`;
    const printed = typesetText(escapeMarkup(text)).replace(/\s+/g, ' ').trim();
    // Straight quotes become typographic ones, as in the rest of the report; every other character is kept.
    expect(printed).toBe(text.replace(/"quoted"/, '“quoted”').replace(/'single'/, '‘single’'));
  });

  it('keeps a semicolon right after a bound number: Typst would read it as the end of the #stat call', () => {
    const models = '{"f":{}}';
    const html = page(
      '<p>A quarter wait <span data-stat data-figure="f">14 days</span>; one in ten longer.</p>',
    ).replace('{"f":{}}', models);
    const { source } = htmlToTypst(html, { keywords: [] });
    expect(source).toContain(']\\; one in ten');
    const text = typesetText(
      '#let stat(id, value: none, body) = box(body)\n' +
        source.slice(source.indexOf('A quarter'), source.indexOf('longer.') + 7),
    );
    expect(text.replace(/\s+/g, ' ')).toContain('14 days; one in ten longer.');
  });

  it('keeps a hyphen inside a word and a full stop after a word unescaped', () => {
    expect(escapeMarkup('third-party tools. Next')).toBe('third-party tools. Next');
    expect(escapeMarkup('- a list? 1. no')).toBe('\\- a list? 1\\. no');
  });
});

describe('printReferences', () => {
  it("says the web's references as the report's: a trend is a chapter, an article a chapter", () => {
    expect(printReferences('The survey asked that separately, and trend 9 reads the answers.')).toBe(
      'The survey asked that separately, and chapter 9 reads the answers.',
    );
    expect(printReferences('Trend 10 reads the claim; trends 4 and 9 draw them.')).toBe(
      'Chapter 10 reads the claim; chapters 4 and 9 draw them.',
    );
    expect(printReferences('This article reads the budget; the chart below shows it.')).toBe(
      'This chapter reads the budget; the chart shows it.',
    );
  });

  it('leaves other articles and other uses of "below" alone', () => {
    const text = "Louis Columbus's Forbes article led with it. A company below that line; the trend line.";
    expect(printReferences(text)).toBe(text);
  });
});

describe('bindNumbers', () => {
  it('joins a base, a unit and an amount to their number with non-breaking spaces', () => {
    expect(bindNumbers('of respondents (n = 403) and 64 % said so')).toBe(
      'of respondents (n\u00a0=\u00a0403) and 64\u00a0% said so',
    );
    expect(bindNumbers('USD 100 million in revenue, a survey of 403')).toBe(
      'USD\u00a0100\u00a0million in revenue, a survey of\u00a0403',
    );
  });

  it('never breaks "(n = 403)" or "64 %" across lines, however narrow the column', () => {
    const words = 'Some respondents answered this question (n = 403) while 64 % of them agreed with it entirely. ';
    const text = typesetText(escapeMarkup(bindNumbers(words.repeat(4))), '32mm');
    const lines = text.split('\n').map((line) => line.trim());
    expect(lines.some((line) => line.includes('(n = 403)'))).toBe(true);
    expect(lines.filter((line) => /\(n\b|=\s*$|^403\)/.test(line) && !line.includes('(n = 403)'))).toEqual([]);
    expect(lines.filter((line) => /^%/.test(line) || /\b64$/.test(line))).toEqual([]);
  });
});

describe('bindNumbers and ranges', () => {
  it('never breaks a range at its en dash: "2–27 September" stays whole in a narrow column', () => {
    const words = 'The survey was fielded 2–27 September 2024 among platform engineers in many firms. ';
    // The report's own rule for a bound range (report.typ), as the report applies it.
    const rule = readFileSync(join(process.cwd(), 'src/integrations/report-pdf/typst/report.typ'), 'utf8')
      .split('\n')
      .find((line) => line.includes('show regex("\\\\d+\\\\u{2060}'))!
      .trim();
    const text = typesetText(`#${rule}\n${escapeMarkup(bindNumbers(words.repeat(6)))}`, '30mm');
    const lines = text.split('\n').map((line) => line.trim());
    // Whole, and read back as the reader copies it: the en dash itself, with nothing invisible around it.
    expect(lines.filter((line) => line.includes('2–27'))).toHaveLength(6);
    expect(lines.filter((line) => /\d–$/.test(line) || /^\W?27\b/.test(line))).toEqual([]);
  });
});

describe('bindNumbers and day-first dates', () => {
  it('keeps "11 February 2021" whole and "25,000 employees" together', () => {
    expect(bindNumbers('MVYL Associates blog, 11 February 2021.')).toBe(
      'MVYL Associates blog, 11\u00a0February\u00a02021.',
    );
    expect(bindNumbers('more than 25,000 employees')).toBe('more than 25,000\u00a0employees');
  });
});

describe('bindNumbers and a count', () => {
  it('keeps a number with the short noun that follows it ("50 models"), not with a long word', () => {
    expect(bindNumbers('more than 50 models in production')).toBe('more than 50\u00a0models in production');
    expect(bindNumbers('1,000 teams and 3 of them')).toBe('1,000\u00a0teams and 3\u00a0of them');
    // A long word may stand on the next line: binding it would leave a gap in a narrow column.
    expect(bindNumbers('all 403 organizations')).toBe('all 403 organizations');
    expect(bindNumbers('fielded November 2020, published March 9, 2021')).toBe(
      'fielded November\u00a02020, published March\u00a09,\u00a02021',
    );
  });

  it('never ends a line with "50" and begins the next with "models"', () => {
    const words = 'The organizations furthest ahead already run more than 50 models in production today. ';
    const lines = typesetText(escapeMarkup(bindNumbers(words.repeat(6))), '34mm')
      .split('\n')
      .map((line) => line.trim());
    expect(lines.some((line) => line.includes('50 models'))).toBe(true);
    expect(lines.filter((line) => /\b50$/.test(line) || /^models\b/.test(line))).toEqual([]);
  });
});

describe('htmlToTypst', () => {
  it('writes paragraphs, emphasis, links, lists, headings and marked numbers', () => {
    const { source } = htmlToTypst(
      page(
        '<h2>Who took part</h2><p>A <strong>bold</strong> and <em>quiet</em> <a href="https://example.org/a_b">link</a>: <span data-stat data-figure="f">64%</span> of #1.</p><ul><li>One</li><li>Two</li></ul>',
      ),
      { keywords: ['k'] },
    );
    expect(source).toContain('#section-heading(rank: 1, level: 2)[Who took part]');
    expect(source).toContain(
      'A #strong[bold] and #emph[quiet] #link("https://example.org/a_b")[link]: #stat("f", of: true, value: "64%")[64%] \\#1\\.',
    );
    expect(source).toContain('#list([One], [Two])');
  });

  it('fails naming an element it does not know, and where it is', () => {
    expect(() => htmlToTypst(page('<p>See <marquee>this</marquee></p>'), { keywords: [] })).toThrow(
      /<marquee> in "Notes" is not an element the report converter knows/,
    );
    expect(() => htmlToTypst(page('<table><tr><td>1</td></tr></table>'), { keywords: [] })).toThrow(/<table>/);
  });

  it('gives a figure only quoted in a chapter a table and a side note at its first quotation; charted ones not', () => {
    const html = `<main data-report="s" data-title="T" data-subtitle="S" data-author="A">
      <article data-chapter="trend" data-number="3" data-title="Three"><p data-standfirst>Lead.</p>
        <p><span data-stat data-figure="q">5%</span> and <span data-stat data-figure="c">6%</span>.</p>
        <p>Again <span data-stat data-figure="q">5%</span>.</p>
        <figure data-figure="c"></figure></article>
      <article data-chapter="trend" data-number="4" data-title="Four"><p data-standfirst>Lead.</p>
        <p>Once more <span data-stat data-figure="q">5%</span>.</p></article>
      <script type="application/json" data-figure-models>{"q":{},"c":{}}</script></main>`;
    const { source, figureOrder } = htmlToTypst(html, { keywords: [] });
    expect(figureOrder).toEqual(['q', 'c']);
    // Noted once per chapter: the first quotation in chapter 3, none for the charted figure, again in chapter 4.
    // With the values of that figure its paragraph states, by which the template drops a note that only repeats them.
    expect(source.match(/#stat\("q", note: true, stated: \("5%",\), value: "5%"\)/g)).toHaveLength(2);
    expect(source).toContain('#stat("q", value: "5%")[5%]');
    expect(source).toContain('#stat("c", value: "6%")[6%]');
    expect(source).not.toContain('#stat("c", note: true)');
    expect(() => htmlToTypst(html.replace('"q":{},', ''), { keywords: [] })).toThrow(/no figure model for q/);
  });

  it('draws a chart the summary drew again in the chapter that places it, and states a lone share', () => {
    const html = `<main data-report="s" data-title="T" data-subtitle="S" data-author="A">
      <section data-summary data-title="Summary"><p>Lead <span data-stat data-figure="d">64%</span>.</p>
        <figure data-figure="d"></figure><figure data-figure="c"></figure></section>
      <article data-chapter="trend" data-number="1" data-title="One"><p data-standfirst>Lead.</p>
        <p>First <span data-stat data-figure="s">40%</span> and <span data-stat data-figure="q">5%</span>.</p>
        <p>Again <span data-stat data-figure="s">40%</span>.</p><figure data-figure="s"></figure></article>
      <article data-chapter="trend" data-number="2" data-title="Two"><p data-standfirst>Lead.</p>
        <p>Slow: <span data-stat data-figure="d">64%</span>.</p><figure data-figure="d"></figure>
        <p>Split.</p><figure data-figure="c"></figure></article>
      <script type="application/json" data-figure-models>{"s":{"kind":"number"},"q":{"kind":"bars"},"d":{"kind":"number"},"c":{"kind":"stacked"}}</script></main>`;
    const { source } = htmlToTypst(html, { keywords: [] });
    const chapterOne = source.slice(source.indexOf('#chapter-text(1)'), source.indexOf('#chapter-text(2)'));
    // A single share a chapter quotes is stated, not drawn, even where the article places its chart: a side note
    // at its first quotation, no exhibit.
    expect(chapterOne).not.toMatch(/#report-figure/);
    expect(chapterOne.match(/#stat\("s", note: true/g)).toHaveLength(1);
    expect(chapterOne).toContain('#stat("q", note: true');
    // A lone single share the summary drew is referred back to (one value is no exhibit). Round 18: a chart of
    // several values the chapter places is drawn again there, the chapter's own evidence, marked a repeat.
    const chapterTwo = source.slice(source.indexOf('#chapter-text(2)'));
    expect(chapterTwo).toContain('#recall-figure("d"');
    expect(chapterTwo).not.toContain('#recall-figure("c"');
    expect(chapterTwo).toContain('#report-figure("c", repeated: true)');
    expect(chapterTwo).not.toMatch(/#report-figure(-row)?\([^)]*"d"/);
    const summary = source.slice(source.indexOf('#summary('), source.indexOf('#chapter-text(1)'));
    expect(summary).toContain('#report-figure-row(("d", "c"))');
    expect(source).not.toMatch(/brief/);
    expect(source.match(/#report-figure(-row)?\([^)]*"d"/g)).toHaveLength(1);
    expect(source.match(/#report-figure(-row)?\([^)]*"c"/g)).toHaveLength(2);
  });

  it("draws single shares that follow one another in a chapter as one exhibit, the summary's again under its title", () => {
    const html = `<main data-report="s" data-title="T" data-subtitle="S" data-author="A">
      <section data-summary data-title="Summary"><p>Why.</p><figure data-figure="a"></figure><figure data-figure="b"></figure></section>
      <article data-chapter="trend" data-number="1" data-title="One"><p>Text.</p><figure data-figure="a"></figure><figure data-figure="b"></figure></article>
      <article data-chapter="trend" data-number="2" data-title="Two"><p>Text.</p><figure data-figure="x"></figure>
        <figure data-figure="y"></figure></article>
      <script type="application/json" data-figure-models>{"a":{"kind":"number"},"b":{"kind":"number"},"x":{"kind":"number"},"y":{"kind":"number"}}</script></main>`;
    const { source } = htmlToTypst(html, { keywords: [] });
    // Round 18: the chapter draws the summary's exhibit again (round 15 recalled it in the margin), as a repeat.
    expect(source.match(/#report-figure-row\(\("a", "b"\)/g)).toHaveLength(2);
    expect(source).toContain('#report-figure-row(("a", "b"), repeated: true)');
    expect(source).not.toContain('#recall-figure(');
    expect(source).toContain('#report-figure-row(("x", "y"))');
    // A share the trend lists and its article only quotes (`data-with`) joins the one the chapter draws; the
    // summary ignores it.
    const withHtml = html
      .replace(
        '<figure data-figure="x"></figure>\n        <figure data-figure="y"></figure>',
        '<figure data-figure="x" data-with="y"></figure>',
      )
      .replace(
        '<figure data-figure="a"></figure><figure data-figure="b"></figure></section>',
        '<figure data-figure="a" data-with="x"></figure><figure data-figure="b"></figure></section>',
      );
    expect(withHtml.match(/data-with/g)).toHaveLength(2);
    const joined = htmlToTypst(withHtml, { keywords: [] }).source;
    expect(joined).toContain('#report-figure-row(("x", "y"))');
    expect(joined).toContain('#report-figure-row(("a", "b"))');
  });

  it("gives a part's band its key figure: the figure's id, the answer it counts, what it says and its value", () => {
    const html = `<main data-report="s" data-title="T" data-subtitle="S" data-author="A">
      <section data-part="1" data-title="First" data-figure="k" data-label="Raised it" data-says="said they raised it" data-value="83%"><p data-part-summary>Why.</p>
        <article data-chapter="trend" data-number="1" data-title="One"><p>Text.</p></article></section>
      <section data-part="2" data-title="Second"><p data-part-summary>Then.</p>
        <article data-chapter="trend" data-number="2" data-title="Two"><p>More.</p></article></section>
      <script type="application/json" data-figure-models>{"k":{}}</script></main>`;
    const { source, figureOrder } = htmlToTypst(html, { keywords: [] });
    expect(source).toContain(
      '#part(number: 1, title: [First], summary: [Why.], key: (id: "k", label: "Raised it", says: [said they raised it], value: "83%"))',
    );
    // Without a `says`, the answer it counts stands after the number.
    expect(htmlToTypst(html.replace(' data-says="said they raised it"', ''), { keywords: [] }).source).toContain(
      'key: (id: "k", label: "Raised it", says: [Raised it], value: "83%")',
    );
    // Without a key figure, the band has its number, title and paragraph only.
    expect(source).toContain('#part(number: 2, title: [Second], summary: [Then.])\n');
    // The first part's last chapter ends before the next part's opener: its last page is held to half full.
    expect(source).toContain('#chapter-fill(1, "end", opener: true)');
    expect(source).toContain('#chapter-fill(2, "end")#chapter-end');
    // Its table is in "The numbers".
    expect(figureOrder).toEqual(['k']);
  });

  it("passes each source with the figures and chapters it supports, the web's words left out", () => {
    const html = page('').replace(
      '</section>',
      '</section><section data-sources data-title="Sources"><ol><li><em>A report</em>. <span data-used data-figures="f g" data-chapters="2 5">Used for: a chart title.</span></li></ol></section>',
    );
    const { source } = htmlToTypst(html, { keywords: [] });
    expect(source).toContain('(body: [#emph[A report].], figures: ("f", "g"), chapters: (2, 5), undated: false)');
    expect(source).not.toContain('Used for');
    // A source that states no date is passed so (round 16): the list says once that such dates are left out.
    expect(htmlToTypst(html.replace('<li>', '<li data-undated>'), { keywords: [] }).source).toContain(
      'chapters: (2, 5), undated: true)',
    );
  });

  it('prints each source as a reference: who in bold, the title in italics, its address as host and path', () => {
    const sources = (li: string) =>
      page('').replace(
        '</section>',
        `</section><section data-sources data-title="Sources"><ol><li>${li}</li></ol></section>`,
      );
    const used = '<span data-used data-figures="f" data-chapters="">Used for: a chart.</span>';
    const { source } = htmlToTypst(
      sources(
        `<span>Louis Columbus, Forbes, January 2021: </span><em>An article</em>. Read in translation.<a href="https://example.org/AI/2021/1.html?utm=x#top"> https://example.org/AI/2021/1.html?utm=x#top</a> ${used}`,
      ),
      { keywords: [] },
    );
    expect(source).toContain(
      '(body: [#strong[Louis Columbus, Forbes, January~2021]. #emph[An article]. Read in translation.#source-url("https://example.org/AI/2021/1.html?utm=x#top", "example.org/AI/2021/1.html")]',
    );
    // A source without a title, or with its address for a title, stops the build, naming the section.
    expect(() => htmlToTypst(sources(`<span>Forbes: </span><em></em>. ${used}`), { keywords: [] })).toThrow(
      /"Sources".*has no title/s,
    );
    expect(() =>
      htmlToTypst(sources(`<em>https://example.org/a</em>.<a href="https://example.org/a">x</a> ${used}`), {
        keywords: [],
      }),
    ).toThrow(/an address for a title \("https:\/\/example.org\/a"\)/);
    expect(() => htmlToTypst(sources(`<em>example.org/a/b</em>. ${used}`), { keywords: [] })).toThrow(
      /address for a title/,
    );
    // A byline ending in an abbreviation takes no second full stop.
    expect(
      htmlToTypst(sources(`<span>Example Inc.: </span><em>A post</em>. ${used}`), { keywords: [] }).source,
    ).toContain('#strong[Example Inc.] #emph[A post]');
    expect(shortUrl('https://arize.com/blog/arize-ai-partners-with-algorithmia/')).toBe(
      'arize.com/blog/arize-ai-partners-with-algorithmia',
    );
  });

  it('passes figures that follow one another as one row, and a figure on its own alone', () => {
    const models = '{"f":{},"g":{},"h":{}}';
    const html = page(
      '<p>One.</p><figure data-figure="f"></figure>\n<figure data-figure="g"></figure><p>Two.</p><figure data-figure="h"></figure>',
    ).replace('{"f":{}}', models);
    const { source } = htmlToTypst(html, { keywords: [] });
    expect(source).toContain('#report-figure-row(("f", "g"))');
    // The title the first figure of a row gives (`<Figure title>` in a report section) titles the exhibit.
    const titled = htmlToTypst(
      html.replace('<figure data-figure="f">', '<figure data-figure="f" data-title="Most said yes">'),
      {
        keywords: [],
      },
    ).source;
    expect(titled).toContain('#report-figure-row(("f", "g"), title: [Most said yes])');
    expect(source).toContain('#report-figure("h")');
    // A figure on its own takes its report section's title too (round 11: the summary's brief view of a chart).
    const single = html.replace('<figure data-figure="h">', '<figure data-figure="h" data-title="Fewer said no">');
    expect(single).not.toBe(html);
    expect(htmlToTypst(single, { keywords: [] }).source).toContain('#report-figure("h", title: [Fewer said no])');
    expect(source.indexOf('One.')).toBeLessThan(source.indexOf('report-figure-row'));
    expect(source.indexOf('report-figure-row')).toBeLessThan(source.indexOf('Two.'));
  });

  it("draws a chart of groups the summary drew again where a chapter places it, under the summary's title", () => {
    const html = `<main data-report="s" data-title="T" data-subtitle="S" data-author="A">
      <section data-summary data-title="Summary"><p>Why.</p><figure data-figure="f" data-title="Groups apart"></figure></section>
      <article data-chapter="trend" data-number="1" data-title="One"><p>Before <span data-stat data-figure="f">5%</span>.</p><figure data-figure="f"></figure><figure data-figure="g"></figure><p>After.</p></article>
      <script type="application/json" data-figure-models>{"f":{"kind":"by-segment"},"g":{}}</script></main>`;
    const { source } = htmlToTypst(html, { keywords: [] });
    // Round 18: drawn in the summary and again in its chapter (round 8 recalled it in the chapter's margin).
    expect(source).toContain('#report-figure("f", title: [Groups apart])');
    expect(source).toContain('#report-figure-row(("f", "g"), title: [Groups apart], repeated: true)');
    expect(source).not.toContain('#recall-figure(');
  });

  it('fails when a figure has no print model', () => {
    expect(() => htmlToTypst(page('<figure data-figure="missing"></figure>'), { keywords: [] })).toThrow(
      /no figure model for missing/,
    );
  });
});

describe('a share in words (report.typ share-words)', () => {
  // The report's own function, compiled alone: from its "#let" to the blank line after it, over the words of
  // share-words.typ, which it imports as `words-for-share`.
  const typst = join(process.cwd(), 'src/integrations/report-pdf/typst');
  const source = readFileSync(join(typst, 'report.typ'), 'utf8');
  const start = source.indexOf('#let share-words(');
  const fn = source.slice(start, source.indexOf('\n\n', start));
  const words = `${readFileSync(join(typst, 'share-words.typ'), 'utf8')}\n#let words-for-share = share-words`;
  // `own-survey` is the report's series-level flag (data.own-survey, from the cover's data-own-survey).
  const said = (v: number, own = false) =>
    typesetText(`${words}\n#let own-survey = ${own}\n${fn}\n#repr(share-words(${v}))`).trim();

  it('says a share of 10% or more in words, and leaves a smaller one to its number (round 11: 3% as "under one in ten")', () => {
    expect(said(42)).toBe('"over two in five"');
    expect(said(10.4)).toBe('"one in ten"');
    // Under one in ten, words make a small share sound larger: the page prints "3%".
    expect(said(3)).toBe('none');
    expect(said(9.2)).toBe('none');
  });

  it('says no share in words in a report computed from its own responses: 38% and 45% print as the page gives them', () => {
    expect(said(38, true)).toBe('none');
    expect(said(45, true)).toBe('none');
    expect(said(38)).toBe('"over a third"');
  });

  it("passes the cover's own-survey mark to the template as a series-level flag", () => {
    const cover = (own: string) =>
      `<main data-report="s" data-title="T" data-subtitle="S" data-author="A"><header data-cover data-title="T" data-subtitle="S" data-edition="E" data-promise="P" data-publisher="A" data-survey="Survey of 500"${own}></header><script type="application/json" data-figure-models>{}</script></main>`;
    const flag = (html: string) =>
      (JSON.parse(reportSources(html, []).figures) as Record<string, unknown>)['own-survey'];
    expect(flag(cover(' data-own-survey'))).toBe(true);
    expect(flag(cover(''))).toBe(false);
  });
});
