import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { typesetReport } from '../../src/integrations/report-pdf/typst/compile.ts';

/** Typesetting a print page with the real template, fonts and compiler: a PDF, or an error naming the series. */

const page = (models: object, body = '') =>
  `<main data-report="s" data-title="A small report" data-subtitle="What it covers" data-author="The team" data-language="en">
  <header data-cover data-title="A small report" data-subtitle="What it covers" data-edition="First edition, 2030"
    data-promise="One line for the cover." data-publisher="The team" data-survey="A survey of 100 people, fielded May 2030" data-url="https://example.org/s/"></header>
  <section data-back data-title="Notes"><p>Text with a number, <span data-stat data-figure="f">5%</span>.</p>${body}</section>
  <section data-sources data-title="Sources"><ol><li>A source.</li></ol></section>
  <script type="application/json" data-figure-models>${JSON.stringify(models)}</script></main>`;

describe('typesetReport', () => {
  it('writes a tagged PDF with the title, author and language of the page', async () => {
    const { pdf } = await typesetReport({ root: process.cwd(), series: 's', html: page({}), keywords: ['k'] });
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
});
