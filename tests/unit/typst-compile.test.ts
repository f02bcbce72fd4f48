import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typesetReport } from '../../src/integrations/report-pdf/typst/compile.ts';
import { reportLanguage } from '../../src/integrations/report-pdf/index.ts';

/** Typesetting a print page with the real template, fonts and compiler: a PDF, or an error naming the series. */

const page = (models: object, body = '') =>
  `<main data-report="s" data-title="A small report" data-subtitle="What it covers" data-author="The team" data-language="en">
  <header data-cover data-title="A small report" data-subtitle="What it covers" data-edition="First edition, 2030"
    data-promise="One line for the cover." data-publisher="The team" data-survey="A survey of 100 people, fielded May 2030" data-url="https://example.org/s/"></header>
  <section data-back data-title="Notes"><p>Text with a number, <span data-stat data-figure="f">5%</span>.</p>${body}</section>
  <section data-sources data-title="Sources"><ol><li><span>A publisher: </span><em>A source</em>.</li></ol></section>
  <script type="application/json" data-figure-models>${JSON.stringify(models)}</script></main>`;

// The number quoted in the page's text has its table in the appendix: the model the table is drawn from.
const model = {
  id: 'f',
  title: 'Five in a hundred say yes',
  question: 'Yes or no?',
  questionLabel: 'Question reconstructed from the finding',
  base: 'all respondents (n = 400)',
  baseLine: 'All respondents (n = 400), in the words of a survey: “all 400 answered”.',
  intervals: true,
  source: 'Source: a survey.',
  caption: { question: 'Yes or no?', measure: 'Share of respondents', source: 'Source: a survey.' },
  rows: [{ label: 'Yes', value: 5, derived: false, interval: { low: 3.2, high: 7.6 } }],
};

describe('typesetReport', () => {
  it('writes a tagged PDF with the title, author and language of the page', async () => {
    const { pdf } = await typesetReport({
      root: process.cwd(),
      series: 's',
      html: page({ f: model }),
      keywords: ['k'],
    });
    const dir = mkdtempSync(join(tmpdir(), 'mt-typeset-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const info = execFileSync('pdfinfo', [join(dir, 'r.pdf')], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      expect(info).toMatch(/^Title: +A small report$/m);
      expect(info).toMatch(/^Author: +The team$/m);
      expect(info).toMatch(/^Tagged: +yes$/m);
      expect(pdf.toString('latin1')).toMatch(/\/Lang\s*\(en\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sets the language with its region where the build gives one: en-US, not en (round 18)', async () => {
    const { pdf } = await typesetReport({
      root: process.cwd(),
      series: 's',
      html: page({ f: model }),
      keywords: ['k'],
      language: reportLanguage('en', 'en-US'),
    });
    expect(pdf.toString('latin1')).toMatch(/\/Lang\s*\(en-US\)/);
    // A series that names its region keeps it; a site locale of another language adds nothing.
    expect(reportLanguage('en-GB', 'en-US')).toBe('en-GB');
    expect(reportLanguage('de', 'en-US')).toBe('de');
  });

  it('prints a 95% interval only where a source states the base and its size, a table each in reading order', async () => {
    const unstated = {
      ...model,
      id: 'g',
      title: 'Six in a hundred say no',
      question: 'No or yes?',
      base: 'respondents (survey of 400; base not published)',
      baseLine: 'Survey of 400; base not published.',
      intervals: false,
      rows: [{ label: 'No', value: 6, derived: false, interval: null }],
    };
    // A table of several rows with no stated base: no interval column at all.
    const several = {
      ...unstated,
      id: 'h',
      title: 'Many say maybe',
      question: 'Maybe?',
      rows: [
        { label: 'Maybe', value: 60, derived: false, interval: null },
        { label: 'Not maybe', value: 40, derived: false, interval: null },
      ],
    };
    const { pdf } = await typesetReport({
      root: process.cwd(),
      series: 's',
      html: page(
        { f: model, g: unstated, h: several },
        '<p>And <span data-stat data-figure="g">6%</span>, <span data-stat data-figure="h">60%</span>.</p>',
      ),
      keywords: [],
    });
    const dir = mkdtempSync(join(tmpdir(), 'mt-typeset-ci-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', [join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      const appendix = text.slice(text.lastIndexOf('The numbers'));
      // Round 18: a table each, numbered in the order the report first uses them (f, g, h): A1, A2, A3. Only f's,
      // whose base is stated, has an interval.
      const first = appendix.slice(appendix.indexOf('A1'), appendix.indexOf('A2'));
      expect(first).toContain('Yes or no?');
      expect(first).toContain('95% interval');
      expect(first).toContain('3.2–7.6%');
      const second = appendix.slice(appendix.indexOf('A2'), appendix.indexOf('A3'));
      expect(second).toContain('No or yes?');
      expect(second).toContain('Survey of 400; base not published');
      expect(second).not.toMatch(/95% interval|\d–\d/);
      expect(appendix.indexOf('A3')).toBeLessThan(appendix.indexOf('Maybe?'));
      // The table of several rows: titled by its question, no interval column, no interval.
      const none = appendix.slice(appendix.indexOf('Maybe?'));
      expect(none).toContain('Survey of 400; base not published.');
      expect(none).not.toContain('95% interval');
      expect(none).not.toMatch(/\d–\d/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('breaks the series address only after a slash, never at one of its own hyphens', async () => {
    const url = 'https://trends.example.org/platform-engineering-2024-a-long-series-name-to-force-a-break/';
    const html = page({ f: model }).replaceAll('https://example.org/s/', url);
    const { pdf } = await typesetReport({ root: process.cwd(), series: 's', html, keywords: [] });
    const dir = mkdtempSync(join(tmpdir(), 'mt-typeset-'));
    try {
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const text = execFileSync('pdftotext', ['-raw', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' });
      // Every line the address is broken over ends at a slash.
      const lines = text
        .split('\n')
        .filter((line) => /trends\.example|engineering|series-name|force-a-break/.test(line));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines.filter((l) => !/break\b/.test(l))) expect(line, line).not.toMatch(/[a-z0-9]-$/);
      expect(text.replace(/\/\n/g, '/')).toContain(
        'trends.example.org/platform-engineering-2024-a-long-series-name-to-force-a-break',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails naming the series and Typst's message with its file and line when the template cannot typeset", async () => {
    // A figure whose model lacks its chart: the template cannot draw it.
    const html = page({ f: { id: 'f', title: 'F' } }, '<figure data-figure="f"></figure>');
    await expect(typesetReport({ root: process.cwd(), series: 'small-series', html, keywords: [] })).rejects.toThrow(
      /^Report small-series: Typst could not typeset the report:\n {2}- .+\(\/report\.typ line \d+, column \d+\)/,
    );
  });

  it('fails naming the element when the print page holds one the converter does not know', async () => {
    await expect(
      typesetReport({ root: process.cwd(), series: 's', html: page({}, '<video></video>'), keywords: [] }),
    ).rejects.toThrow(/<video> in "Notes" is not an element the report converter knows/);
  });

  it("prints an article's image from the build with its alt text, and refuses one without alt text", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mt-typeset-img-'));
    try {
      // A 2×2 PNG, as the build would hold it under /images/.
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
        'base64',
      );
      mkdirSync(join(dir, 'images'));
      writeFileSync(join(dir, 'images/chart.png'), png);
      const html = page({ f: model }, '<p><img src="/images/chart.png" alt="A hand-drawn chart of the team"></p>');
      const { pdf } = await typesetReport({ root: process.cwd(), series: 's', html, keywords: [], clientDir: dir });
      writeFileSync(join(dir, 'r.pdf'), pdf);
      const images = execFileSync('pdfimages', ['-list', join(dir, 'r.pdf')], { encoding: 'utf8' });
      expect(images.split('\n').filter((line) => /^\s+\d+\s+\d+\s+image\s+2\s+2\b/.test(line))).toHaveLength(1);
      expect(pdf.toString('latin1')).toContain('A hand-drawn chart of the team');
      await expect(
        typesetReport({
          root: process.cwd(),
          series: 's',
          html: page({ f: model }, '<p><img src="/images/chart.png"></p>'),
          keywords: [],
        }),
      ).rejects.toThrow(/<img src> in "Notes" has no alt text/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a chapter that ends on a short page', () => {
  // One chapter of `words` words: about 540 fill its first page, so 600 leave a few lines on a second page that no
  // leading pulls back or carries far enough; 720 fill a quarter of it.
  const chapter = (words: number) =>
    `<main data-report="s" data-title="A small report" data-subtitle="What it covers" data-author="The team" data-language="en">
  <header data-cover data-title="A small report" data-subtitle="What it covers" data-edition="First edition, 2030"
    data-promise="One line for the cover." data-publisher="The team" data-survey="A survey of 100 people, fielded May 2030"></header>
  <article data-chapter="trend" data-number="1" data-slug="a" data-title="A chapter"><p data-standfirst>What it says.</p><p>${'word '.repeat(words)}</p></article>
  <section data-sources data-title="Sources"><ol><li><span>A publisher: </span><em>A source</em>.</li></ol></section>
  <script type="application/json" data-figure-models>{}</script></main>`;

  it('fails the build, naming the chapter, where no fitting step gives its last page a quarter (round 18)', async () => {
    await expect(
      typesetReport({ root: process.cwd(), series: 's', html: chapter(600), keywords: ['k'] }),
    ).rejects.toThrow(/Report s: chapter 1 still ends on a page under a quarter full/);
    const { pdf } = await typesetReport({ root: process.cwd(), series: 's', html: chapter(720), keywords: ['k'] });
    expect(pdf.length).toBeGreaterThan(0);
  });
});
