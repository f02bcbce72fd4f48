import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { describe, expect, it } from 'vitest';
import { loadPdf, relativeLinks } from '../../src/integrations/report-pdf/pdf-outline.ts';
import { htmlToTypst } from '../../src/integrations/report-pdf/typst/html-to-typst.ts';

/**
 * Links in the printed report: a reader of the file cannot follow an address on the site (round 15: "who took
 * part" linked /ml-trends-2021/sources/#survey on two pages). The converter points that one to "The survey in
 * brief", a link to a chapter's article to the chapter, and prints any other as its text; the build reads the
 * finished PDF and fails on any relative link left.
 */

const page = (body: string) =>
  `<main data-report="s" data-title="T" data-subtitle="S" data-author="A"><section data-back data-title="Notes">${body}</section><script type="application/json" data-figure-models>{}</script></main>`;

describe('links in the print', () => {
  it('points "who took part" on the sources page to "The survey in brief"', () => {
    const { source } = htmlToTypst(page('<p>Large (<a href="/s/sources/#survey">who took part</a>).</p>'), {
      keywords: [],
    });
    expect(source).toContain('(#survey-ref[who took part]).');
    expect(source).not.toContain('/s/sources/');
  });

  it("keeps a full address; a link to a chapter's article points to the chapter; any other prints as text", () => {
    expect(htmlToTypst(page('<p><a href="https://example.org/x">x</a></p>'), { keywords: [] }).source).toContain(
      '#link("https://example.org/x")[x]',
    );
    // An editor's link to another article of the series must not stop the build (round 15 made it fail).
    const chapter = `<article data-chapter="trend" data-number="2" data-slug="budgets" data-title="Budgets"><p>B.</p></article>`;
    const linked = htmlToTypst(
      page('<p>See <a href="/s/budgets/">the budgets</a> and <a href="/s/budgets/#teams">its teams</a>.</p>').replace(
        '</section>',
        `</section>${chapter}`,
      ),
      { keywords: [] },
    ).source;
    expect(linked).toContain('See the budgets (#chapter-ref(2)) and its teams (#chapter-ref(2)).');
    const other = htmlToTypst(page('<p>Read <a href="/privacy/">the privacy note</a>.</p>'), { keywords: [] }).source;
    expect(other).toContain('Read the privacy note.');
    expect(other).not.toContain('/privacy/');
  });

  it('finds a relative link in a PDF, and none where every link has a scheme', async () => {
    const compiler = NodeCompiler.create({});
    const pdf = (markup: string) => {
      const result = compiler.compile({ mainFileContent: markup });
      if (result.hasError() || !result.result) throw new Error('Typst could not compile the test text');
      return new Uint8Array(compiler.pdf(result.result));
    };
    const found = relativeLinks(await loadPdf(pdf('#link("/s/sources/")[a] #pagebreak() #link("https://x.org/")[b]')));
    expect(found).toEqual([{ page: 1, uri: '/s/sources/' }]);
    expect(relativeLinks(await loadPdf(pdf('#link("https://x.org/")[b] #link("mailto:a@x.org")[c]')))).toEqual([]);
  });
});
