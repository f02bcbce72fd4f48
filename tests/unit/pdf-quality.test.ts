import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  chapters,
  emptyMidChapterPages,
  emptyPagesBeforeOpeners,
  figuresWithoutAlt,
  fontsNotEmbedded,
  linkTextInArtifacts,
  sharedFigureAlt,
  inspectPdf,
  isTagged,
  keyNumberPattern,
  mislabelledFonts,
  missingMetadata,
  repeatedKeyNumbers,
  restatedShares,
  valuesBesideTheirCharts,
  weightsInName,
  widowPages,
  type InspectOptions,
} from '../build/pdf-quality.ts';

/**
 * Each check of tests/build/pdf-quality.ts fails on a small Typst document with the defect and passes on the
 * same document mended. The documents are compiled here with the report's engine and fonts, and read back
 * with pdf.js and pdf-lib as the build test reads the real report.
 */
const root = join(import.meta.dirname, '../..');
const compiler = NodeCompiler.create({
  fontArgs: [{ fontPaths: [join(root, 'node_modules/source-serif/TTF'), join(root, 'node_modules/source-sans/TTF')] }],
});

/** A5 pages with 2 cm margins, a running head and a folio, chapters on new pages. */
const MARGINS = { top: 56.69, bottom: 56.69 };
const PREAMBLE = `
#set document(title: "Fixture", author: "Tests")
#set page(paper: "a5", margin: 2cm, header: [Running head], footer: context counter(page).display())
#set text(lang: "en", font: "Source Serif 4", size: 10pt, hyphenate: true)
#set par(justify: true)
#show heading.where(level: 1): it => { pagebreak(weak: true); it }
`;

function typst(body: string, pdf: { pdfTags?: boolean } = {}): Uint8Array {
  const result = compiler.compile({ mainFileContent: PREAMBLE + body });
  if (result.hasError()) {
    result.printErrors();
    throw new Error('the fixture did not compile');
  }
  return new Uint8Array(compiler.pdf(result.result!, { pdfTags: pdf.pdfTags ?? true }));
}

const inspect = (bytes: Uint8Array, options: InspectOptions = { margins: MARGINS }) => inspectPdf(bytes, options);

/** `count` words of running text, made of sentences that are not the same (so hyphenation varies). */
const words = (count: number, seed = 0) =>
  Array.from({ length: count }, (_, i) => ['budget', 'teams', 'models', 'the', 'data', 'grew'][(i + seed) % 6]).join(
    ' ',
  ) + '.';

describe('widowPages', () => {
  // The first chapter runs two lines onto a page of its own; tightened leading (the engine's own means) pulls
  // them back.
  const chapter = (leading: string) => `
#set par(leading: ${leading})
= First chapter
${words(404)}
= Second chapter
${words(300, 1)}
`;

  it('flags a chapter whose last page holds two lines', async () => {
    const report = await inspect(typst(chapter('0.65em')));
    const first = chapters(report, 1)[0]!;
    expect(first.last - first.first).toBe(1);
    const widows = widowPages(report, { level: 1 });
    expect(widows.map((w) => [w.page, w.chapter])).toEqual([[2, 'First chapter']]);
    expect(widows[0]!.detail).toMatch(/^\d% full$/);
    expect(report.pages[1]!.fill).toBeLessThan(0.1);
  });

  it('passes the same chapter set tighter, on one page', async () => {
    const report = await inspect(typst(chapter('0.55em')));
    expect(chapters(report, 1).map((c) => [c.first, c.last])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(widowPages(report, { level: 1 })).toEqual([]);
  });

  it('does not count a last page the next chapter shares, and counts it when the next opens a page', async () => {
    // Chapters at level 2 under a part: the second opens on page 2 below a fifth of a page of the first.
    const part = (newPage: boolean) => `
= A part
== First chapter
${words(470)}
${newPage ? '#pagebreak()' : ''}
== Second chapter
${words(40)}
`;
    const shared = await inspect(typst(part(false)));
    expect(chapters(shared, 2).map((c) => [c.first, c.last, c.sharesLastPage])).toEqual([
      [1, 2, true],
      [2, 2, false],
    ]);
    expect(widowPages(shared, { level: 2 })).toEqual([]);
    const apart = await inspect(typst(part(true)));
    expect(widowPages(apart, { level: 2 }).map((p) => p.page)).toEqual([2]);
  });
});

describe('widowPages on a page with a figure at its foot', () => {
  const ending = (lines: number) => `
= First chapter
${words(404)}
#place(bottom, float: true, rect(width: 100%, height: ${lines * 13}pt, fill: luma(200)))
= Second chapter
${words(100)}
`;

  it('counts the page used, not the span from its first line to the figure', async () => {
    const thin = await inspect(typst(ending(4)));
    expect(thin.pages[1]!.fill).toBeGreaterThan(0.9);
    expect(widowPages(thin).map((p) => p.page)).toEqual([2]);
    const fuller = await inspect(typst(ending(12)));
    expect(widowPages(fuller)).toEqual([]);
  });
});

describe('widowPages at the end of the book', () => {
  const book = (count: number) => `
= Last chapter
${words(count)}
#page(header: none, footer: none, align(center + horizon)[ML Trends · the publisher’s address])
`;

  it('takes no back cover without running head or folio for a widow, but the last chapter’s own page', async () => {
    const fits = await inspect(typst(book(300)));
    expect(fits.pages).toHaveLength(2);
    expect(fits.pages[1]!.fill).toBeLessThan(0.25);
    expect(chapters(fits, 1).map((c) => [c.first, c.last])).toEqual([[1, 1]]);
    expect(widowPages(fits, { level: 1 })).toEqual([]);

    const spills = await inspect(typst(book(404)));
    expect(spills.pages).toHaveLength(3);
    expect(widowPages(spills, { level: 1 }).map((p) => p.page)).toEqual([2]);
  });
});

describe('widowPages and blank pages', () => {
  it('ends a chapter on its last page with text, not on a verso left blank before the next opener', async () => {
    const report = await inspect(
      typst(`
= First chapter
${words(300)}
#pagebreak(to: "odd")
#pagebreak(to: "even")
= Second chapter
${words(100)}
`),
    );
    expect(report.pages.map((page) => page.content === undefined)).toEqual([false, true, true, false]);
    expect(chapters(report, 1).map((c) => [c.first, c.last])).toEqual([
      [1, 1],
      [4, 4],
    ]);
    expect(widowPages(report, { level: 1 })).toEqual([]);
  });
});

describe('emptyPagesBeforeOpeners', () => {
  // A chapter ending high on its last page, then a part opening the next page; mended, the chapter runs on.
  const report = (length: number) => `
= A chapter
${words(length)}
= Part two
${words(100)}
`;

  it('flags the last page before a part when it is mostly empty', async () => {
    const pdf = await inspect(typst(report(500)));
    // The part opens the third page.
    expect(pdf.pages).toHaveLength(3);
    const problems = emptyPagesBeforeOpeners(pdf, [3]);
    expect(problems.map((p) => p.page)).toEqual([2]);
    expect(problems[0]!.detail).toMatch(/^[5-9]\d% empty before the opener on page 3$/);
  });

  it('passes a page filled before the part opens', async () => {
    const pdf = await inspect(typst(report(750)));
    expect(pdf.pages).toHaveLength(3);
    expect(emptyPagesBeforeOpeners(pdf, [3])).toEqual([]);
  });
});

describe('emptyMidChapterPages', () => {
  const chapter = (breakAfterFirst: boolean) => `
= A chapter
${words(150)}
${breakAfterFirst ? '#pagebreak()' : ''}
${words(700, 2)}
= The next chapter
${words(100)}
`;

  it('flags a page half empty in the middle of a chapter', async () => {
    const report = await inspect(typst(chapter(true)));
    const problems = emptyMidChapterPages(report, { level: 1 });
    expect(problems.map((p) => p.page)).toEqual([1]);
    expect(problems[0]!.detail).toMatch(/^[5-9]\d% empty$/);
  });

  it('passes the chapter set continuously', async () => {
    const report = await inspect(typst(chapter(false)));
    expect(chapters(report, 1)[0]!.last).toBeGreaterThan(1);
    expect(emptyMidChapterPages(report, { level: 1 })).toEqual([]);
  });

  it('exempts a hole a tall figure leaves when it moves to the next page, and the caller’s pages', async () => {
    const bytes = typst(`
= A chapter
${words(150)}
#figure(rect(width: 100%, height: 300pt, fill: luma(200)), alt: "A grey block", caption: [A tall figure])
${words(500, 3)}
= The next chapter
${words(100)}
`);
    const report = await inspect(bytes);
    expect(report.pages[1]!.opensWithFigure).toBe(true);
    expect(emptyMidChapterPages(report, { level: 1 })).toEqual([]);
    // The same hole without a figure after it is a defect; the caller can still exempt the page.
    const plain = await inspect(typst(chapter(true)));
    expect(emptyMidChapterPages(plain, { level: 1, exempt: [1] })).toEqual([]);
  });

  it('counts a hole under a figure at the foot when the next page opens with text', async () => {
    // A table that may not break leaves the page after a figure; nothing on the next page needs the space.
    const report = await inspect(
      typst(`
= A chapter
${words(100)}
#figure(rect(width: 100%, height: 60pt, fill: luma(200)), alt: "A grey block", caption: [A short figure])
#block(breakable: false, height: 300pt)[${words(200, 4)}]
${words(500, 3)}
= The next chapter
${words(100)}
`),
    );
    expect(report.pages[0]!.holes.at(-1)!.afterFigure).toBe(true);
    expect(report.pages[1]!.opensWithFigure).toBe(false);
    expect(emptyMidChapterPages(report).map((p) => p.page)).toEqual([1]);
  });

  it('exempts part openers and the sink above a chapter’s first heading', async () => {
    const report = await inspect(
      typst(`
= Part one
#v(1fr)
A paragraph introducing the part.
#heading(level: 2)[A chapter]
${words(900)}
= Part two
#heading(level: 2)[Another chapter]
${words(100)}
`),
    );
    expect(chapters(report, 2).map((c) => c.title)).toEqual(['A chapter', 'Another chapter']);
    expect(emptyMidChapterPages(report, { level: 2 })).toEqual([]);
  });
});

describe('isTagged', () => {
  it('fails a PDF written without tags and passes the same one tagged', async () => {
    const body = `= A chapter\n${words(50)}`;
    expect(isTagged(await inspect(typst(body, { pdfTags: false })))).toBe(false);
    expect(isTagged(await inspect(typst(body)))).toBe(true);
  });
});

describe('missingMetadata', () => {
  it('names the fields a PDF leaves empty, and passes one with all five', async () => {
    const bare = await inspect(typst(`= A chapter\n${words(50)}`));
    // The fixture's preamble sets a title and an author only; Typst writes the language from text(lang:).
    expect(missingMetadata(bare)).toEqual(['subject', 'keywords']);
    const full = await inspect(
      typst(`#set document(description: "Ten trends", keywords: ("machine learning", "survey"))\n= A chapter`),
    );
    expect(missingMetadata(full)).toEqual([]);
    expect(full.metadata).toMatchObject({ title: 'Fixture', language: 'en', keywords: 'machine learning, survey' });
  });
});

describe('figuresWithoutAlt', () => {
  const figure = (alt: string) => `
= A chapter
${words(50)}
#figure(rect(width: 40%, height: 20pt, fill: blue)${alt}, caption: [Budgets grew])
`;

  it('flags a figure with no alt text in the structure tree', async () => {
    const report = await inspect(typst(figure('')));
    expect(report.figures).toHaveLength(1);
    expect(figuresWithoutAlt(report)).toHaveLength(1);
  });

  it('passes the figure with its text summary as alt text', async () => {
    const report = await inspect(typst(figure(', alt: "One bar: 64% of companies increased the budget"')));
    expect(figuresWithoutAlt(report)).toEqual([]);
    expect(report.figures[0]!.alt).toBe('One bar: 64% of companies increased the budget');
    expect(report.figures[0]!.pages).toEqual([1]);
  });
});

describe('sharedFigureAlt', () => {
  // Round 16: each margin recall of a summary chart was a Figure with that chart's alt text, read as a second chart.
  const figures = (second: string) => `
= A chapter
${words(50)}
#figure(rect(width: 40%, height: 20pt, fill: blue), alt: "One bar: 64% of companies increased the budget")
${words(50)}
#figure(rect(width: 40%, height: 20pt, fill: red), alt: "${second}")
`;

  it('flags two Figure elements with the same alt text', async () => {
    const report = await inspect(typst(figures('One bar: 64% of companies increased the budget')));
    expect(sharedFigureAlt(report)).toMatchObject([
      { alt: 'One bar: 64% of companies increased the budget', figures: [1, 2] },
    ]);
  });

  it('passes figures that each describe their own chart', async () => {
    const report = await inspect(typst(figures('Two bars: 40% and 41%')));
    expect(sharedFigureAlt(report)).toEqual([]);
  });
});

describe('linkTextInArtifacts', () => {
  // Round 16: the side notes were Artifacts naming "Table A6, page 23", a cross-reference that is a link
  // everywhere else, hidden from a screen reader with its link taken out.
  const note = (body: string) => `
= A chapter
${words(40)}
#place(top + right, dy: 4cm, block(width: 3cm, ${body}))
${words(40)}
`;

  it('flags a margin note set as an Artifact that holds a table reference', async () => {
    const report = await inspect(
      typst(note('pdf.artifact(text(size: 7pt)[Share of respondents: Table A6, page 23.])')),
    );
    expect(linkTextInArtifacts(report)).toEqual([{ page: 1, text: 'Table A6, page 23' }]);
  });

  it('passes the same note tagged, and an Artifact without a reference', async () => {
    expect(
      linkTextInArtifacts(await inspect(typst(note('text(size: 7pt)[Share of respondents: Table A6, page 23.]')))),
    ).toEqual([]);
    expect(
      linkTextInArtifacts(await inspect(typst(note('pdf.artifact(text(size: 7pt)[Share of respondents.])')))),
    ).toEqual([]);
  });
});

describe('fontsNotEmbedded', () => {
  it('flags a standard font the PDF only names, and passes the same page set by Typst', async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    doc.addPage([420, 595]).drawText('Budgets grew at 64% of companies.', { x: 57, y: 500, size: 10, font });
    const bare = await inspect(await doc.save());
    expect(fontsNotEmbedded(bare).map((f) => f.name)).toEqual(['Helvetica']);

    const typeset = await inspect(typst('Budgets grew at 64% of companies.'));
    expect(typeset.fonts.map((f) => f.name)).toEqual(['SourceSerif4-Regular']);
    expect(fontsNotEmbedded(typeset)).toEqual([]);
  });
});

describe('mislabelledFonts', () => {
  /** The Typst PDF with its sans font renamed, as Chromium named the regular cut of a variable font. */
  async function renamed(name: string) {
    const doc = await PDFDocument.load(typst('#text(font: "Source Sans 3")[Budgets grew.]'));
    for (const [, object] of doc.context.enumerateIndirectObjects()) {
      if (!(object instanceof PDFDict)) continue;
      for (const key of ['BaseFont', 'FontName']) {
        const value = object.get(PDFName.of(key));
        if (value instanceof PDFName && value.decodeText().includes('SourceSans3-Regular'))
          object.set(PDFName.of(key), PDFName.of(value.decodeText().replace('SourceSans3-Regular', name)));
      }
    }
    return inspect(await doc.save());
  }

  it('reads the weight each name claims', () => {
    expect(weightsInName('SourceSans3ExtraLight-Regular')).toEqual([200, 400]);
    expect(weightsInName('SourceSerif4-SemiboldIt')).toEqual([600]);
    expect(weightsInName('SourceSans3-Light')).toEqual([300]);
  });

  it('flags a regular face named ExtraLight, and passes it under its own name', async () => {
    const chromium = mislabelledFonts(await renamed('SourceSans3ExtraLight-Regular'));
    expect(chromium.map((f) => f.reason)).toEqual(['the name claims weights 200 and 400']);
    const light = mislabelledFonts(await renamed('SourceSans3-ExtraLight'));
    expect(light.map((f) => f.reason)).toEqual(['the name claims weight 200, the font declares 400']);
    const own = await inspect(typst('#text(font: "Source Sans 3")[Budgets grew.]'));
    expect(own.fonts.find((f) => f.name === 'SourceSans3-Regular')?.weight).toBe(400);
    expect(mislabelledFonts(own)).toEqual([]);
  });

  it('passes a real ExtraLight face unless the caller forbids the name', async () => {
    const report = await inspect(typst('#text(font: "Source Sans 3", weight: "extralight")[Budgets grew.]'));
    expect(report.fonts.find((f) => f.name === 'SourceSans3-ExtraLight')?.weight).toBe(200);
    expect(mislabelledFonts(report)).toEqual([]);
    expect(mislabelledFonts(report, [/ExtraLight/]).map((f) => f.name)).toEqual(['SourceSans3-ExtraLight']);
  });
});

describe('repeatedKeyNumbers', () => {
  const chart = `#figure(alt: "One bar: 76% of companies increased the budget", caption: [Budgets])[
  #rect(width: 76%, height: 8pt, fill: blue) #text(font: "Source Sans 3", size: 7.5pt)[76%]
]`;

  it('finds a key number whole, with or without a space before the sign', () => {
    const pattern = keyNumberPattern('76%');
    expect('76% and 76 % and 76\u202f%'.match(pattern)).toHaveLength(3);
    expect('176% and 76.5% and 0.76% and 760%'.match(pattern)).toBeNull();
    expect('(n = 403), n=403, n = 4031'.match(keyNumberPattern('n = 403'))).toHaveLength(2);
  });

  it('flags a key number printed three times in the running text of one page', async () => {
    const report = await inspect(
      typst(`
= Budgets
#text(size: 24pt, weight: "bold")[76%]

Budgets grew: 76% of companies increased them.

#table(columns: 2, [Increased], [76%], [Unchanged], [20%])
${chart}
`),
    );
    expect(repeatedKeyNumbers(report, ['76%', '20%'])).toEqual([
      // The kicker and the sentence,
      { page: 1, keyNumber: '76%', role: 'running text', count: 2 },
      // and on top of them the chart's label and the table's cell.
      { page: 1, keyNumber: '76%', role: 'running text, figure 1, table 1', count: 3 },
    ]);
  });

  it('passes the number once in the prose and once as the chart’s label', async () => {
    const report = await inspect(
      typst(`
= Budgets
Budgets grew: 76% of companies increased them.
${chart}
`),
    );
    expect(report.pages[0]!.figureText.get(0)).toContain('76%');
    expect(repeatedKeyNumbers(report, ['76%'])).toEqual([]);
  });

  it('flags a number shown in two displays on one page: two charts, or a chart and a margin note', async () => {
    const report = await inspect(
      typst(`
= Budgets
Budgets grew: 76% of companies increased them.
${chart}
#figure(alt: "76% again", caption: [Again])[#text(size: 20pt)[76%]]
#pdf.artifact(text(size: 18pt)[20%])

Few kept it level: 20% did.
${chart.replaceAll('76%', '20%')}
`),
    );
    expect(report.pages[0]!.noteText).toContain('20%');
    expect(repeatedKeyNumbers(report, ['76%', '20%'])).toEqual([
      { page: 1, keyNumber: '76%', role: 'running text, figure 1, figure 2', count: 3 },
      { page: 1, keyNumber: '20%', role: 'running text, figure 3, margin note', count: 3 },
    ]);
  });

  it('passes a number once in a margin note and once in the text', async () => {
    const report = await inspect(
      typst(`
= Budgets
#pdf.artifact(text(size: 18pt)[76%])
Budgets grew: 76% of companies increased them.
`),
    );
    expect(repeatedKeyNumbers(report, ['76%'])).toEqual([]);
  });

  it('passes an appendix page whose two tables each hold the value once', async () => {
    const report = await inspect(
      typst(`
= The numbers
#figure(table(columns: 2, [Increased], [76%], [Unchanged], [20%]), caption: [Budgets])
#figure(table(columns: 2, [Prioritize AI/ML], [76%], [Do not], [24%]), caption: [Priorities])
`),
    );
    expect([...report.pages[0]!.tableText.values()]).toHaveLength(2);
    expect(report.pages[0]!.runningText).not.toContain('76%');
    expect(repeatedKeyNumbers(report, ['76%'])).toEqual([]);
  });
});

describe('restatedShares', () => {
  // A callout (an unnumbered figure) and a margin note beside prose that already states their values.
  const callout = (value: string) =>
    `#figure(alt: "${value} of companies run more than 50 models")[#text(size: 20pt)[${value}]]`;

  it('flags a callout or margin note whose value the page’s text states, in figures or in words', async () => {
    const report = await inspect(
      typst(`
= Two in five run more than 50 models
Budgets grew at *64% of companies*, and the score was +55 among builders.
${callout('40%')}
${callout('64%')}
#pdf.artifact(text(size: 9pt)[+55 Platform engineers · 12% other])
`),
    );
    expect(restatedShares(report)).toEqual([
      { page: 1, value: '+55', role: 'margin note' },
      { page: 1, value: '40%', role: 'callout 1' },
      { page: 1, value: '64%', role: 'callout 2' },
    ]);
  });

  it('passes a numbered figure drawing what the text states, and displays of values the text does not state', async () => {
    const report = await inspect(
      typst(`
= Models in production
Two in five run more than 50 models.
#figure(alt: "40% run more than 50 models")[Figure 1 #h(1em) Models #rect(width: 40%, height: 8pt) 40%]
${callout('38%')}
#pdf.artifact(text(size: 9pt)[+12 All who answered])
`),
    );
    expect(report.pages[0]!.figureText.get(0)).toContain('40%');
    expect(restatedShares(report)).toEqual([]);
  });

  it('passes an exhibit with its own question and table beside the sentence that states its values (round 18)', async () => {
    const report = await inspect(
      typst(`
= Deployment
64% of respondents said deploying a model took a month or longer.
#figure(alt: "64% need a month or longer")[Most needed a month #h(1em) 64% Need a month or longer. Question (reconstructed): How long? Table A3, page 29]
`),
    );
    expect(restatedShares(report)).toEqual([]);
  });
});

describe('valuesBesideTheirCharts', () => {
  const chart = `#figure(alt: "Budgets")[Figure 1 #h(1em) Budgets #rect(width: 83%, height: 8pt) 83% #rect(width: 71%, height: 8pt) 71%]`;

  it('flags a value a numbered chart draws that the text of its page states in digits twice', async () => {
    const report = await inspect(
      typst(`= Budgets\n*83% of respondents raised their budget*, up from 71%. That 83% was the highest.\n${chart}`),
    );
    expect(valuesBesideTheirCharts(report)).toEqual([{ page: 1, value: '83%', role: 'figure 1' }]);
  });

  it('passes the values stated once in digits (the lead a reader quotes), in words, or apart', async () => {
    const once = await inspect(typst(`= Budgets\n*83% of respondents raised their budget*, up from 71%.\n${chart}`));
    expect(valuesBesideTheirCharts(once)).toEqual([]);
    const words = await inspect(
      typst(`= Budgets\nOver four in five respondents raised it, up from seven in ten.\n${chart}`),
    );
    expect(valuesBesideTheirCharts(words)).toEqual([]);
    const apart = await inspect(typst(`= Budgets\n83% raised it; 83% again.\n#pagebreak()\n${chart}`));
    expect(valuesBesideTheirCharts(apart)).toEqual([]);
  });

  it('passes a share under 10% in digits beside its chart: words would make it sound larger', async () => {
    const small = `#figure(alt: "Cuts")[Figure 1 #h(1em) Cuts #rect(width: 83%, height: 8pt) 83% #rect(width: 3%, height: 8pt) 3%]`;
    const report = await inspect(typst(`= Cuts\nOver four in five kept it; 3% cut it.\n${small}`));
    expect(valuesBesideTheirCharts(report)).toEqual([]);
  });
});

describe('inspectPdf', () => {
  it('takes the type area from the document when no margins are given', async () => {
    const report = await inspectPdf(typst(`= A chapter\n${words(900)}`));
    // The running head and folio are artifacts: the type area is the body's, inside the 2 cm margins.
    expect(report.typeArea.top).toBeGreaterThan(MARGINS.top - 2);
    expect(report.typeArea.bottom).toBeLessThan(595.28 - MARGINS.bottom + 2);
    expect(report.pages[0]!.fill).toBeCloseTo(1, 1);
    expect(report.pages[0]!.text).not.toContain('Running head');
  });

  it('leaves out running heads and folios a PDF does not mark, and white paint', async () => {
    const bytes = typst(`= A chapter\n${words(1000)}\n#place(top, rect(width: 100%, height: 100%, fill: white))`, {
      pdfTags: false,
    });
    const report = await inspectPdf(bytes);
    expect(report.pages.length).toBeGreaterThan(2);
    expect(report.pages.map((page) => page.text).join(' ')).not.toContain('Running head');
    expect(report.typeArea.top).toBeGreaterThan(MARGINS.top - 2);
    expect(report.pages.at(-1)!.fill).toBeLessThan(0.9);
  });
});

describe('chapters', () => {
  it('takes the chapters a rule names: under parts, and the front matter beside them', async () => {
    const report = await inspect(
      typst(`
= Executive summary
${words(100)}
= Part one
== A chapter
${words(100)}
== Another chapter
${words(100)}
= The numbers
${words(100)}
`),
    );
    const isChapter = (bookmark: { level: number; title: string }, parent?: { title: string }) =>
      parent?.title.startsWith('Part') === true || (bookmark.level === 1 && !bookmark.title.startsWith('Part'));
    expect(chapters(report, { isChapter }).map((c) => [c.title, c.first, c.last])).toEqual([
      ['Executive summary', 1, 1],
      ['A chapter', 2, 2],
      ['Another chapter', 2, 2],
      ['The numbers', 3, 3],
    ]);
    expect(chapters(report, 1).map((c) => c.title)).toEqual(['Executive summary', 'Part one', 'The numbers']);
  });
});

describe('a report laid out like the Typst template', () => {
  // A4, one column of text with a wide outer margin, running heads and folios, a typographic cover, part openers
  // on pages of their own, chapters under parts, charts floated to the top or bottom of a page, a back cover.
  const chart = (n: number, value: number) => `
#figure(placement: auto, alt: "Bars: ${value}% said yes", caption: [Question ${n}, share of respondents])[
  #set text(font: "Source Sans 3", size: 7.5pt)
  #grid(columns: (30mm, 1fr), row-gutter: 4pt, align: horizon,
    [Yes], [#box(rect(width: ${value}% * 0.8, height: 9pt, fill: rgb("#1f5f8b"))) #h(3pt) ${value}%],
    [No], [#box(rect(width: ${100 - value}% * 0.8, height: 9pt, fill: luma(180))) #h(3pt) ${100 - value}%],
  )
  #align(left)[Source: the survey (n = 403)]
]`;
  const chapter = (n: number, count: number, value: number) => `
== Chapter ${n}: a finding worth a chapter
#text(size: 12pt)[${words(40, n)}]

${words(Math.round(count / 3), n)} In all, ${value}% said yes. ${words(Math.round(count / 3), n + 1)}
${chart(n, value)}
=== A section
${words(Math.round(count / 3), n + 2)}
`;
  const opener = (title: string, value: number) => `
#page(header: none, footer: none)[
  #heading(level: 1)[${title}]
  ${words(80)}
  #text(size: 40pt)[${value}%] said so
]`;
  const report = (methodology: number) =>
    compiler.pdf(
      compiler.compile({
        mainFileContent: `
#set document(title: "Designed", author: "Tests")
#set page(paper: "a4", margin: (top: 25mm, bottom: 25mm, inside: 22mm, outside: 65mm),
  header: context text(font: "Source Sans 3", size: 8pt)[Part and chapter],
  footer: context text(font: "Source Sans 3", size: 8pt, counter(page).display()))
#set text(lang: "en", font: "Source Serif 4", size: 10pt, hyphenate: true, costs: (widow: 200%, orphan: 200%))
#set par(justify: true, leading: 0.7em)
#show heading.where(level: 2): it => { pagebreak(weak: true); it }
#page(header: none, footer: none)[#v(30%) #text(size: 30pt)[The report] \\ One line promise.]
= Executive summary
${words(500)}
${opener('Part one: budgets grow', 83)}
${chapter(1, 980, 83)}
${chapter(2, 700, 64)}
${opener('Part two: deployment is slow', 64)}
${chapter(3, 900, 57)}
#pagebreak(weak: true)
= Methodology
${words(methodology)}
#page(header: none, footer: none)[#align(center + horizon)[The publisher · the series’ address]]
`,
      }).result!,
      { pdfStandard: 'ua-1', pdfTags: true },
    );
  const rule = {
    isChapter: (bookmark: { level: number; title: string }, parent?: { title: string }) =>
      parent?.title.startsWith('Part') === true || (bookmark.level === 1 && !bookmark.title.startsWith('Part')),
  };

  it('passes every check, with the type area read from the pages', async () => {
    const pdf = await inspectPdf(new Uint8Array(report(540)));
    expect(chapters(pdf, rule).map((c) => c.title.slice(0, 9))).toEqual([
      'Executive',
      'Chapter 1',
      'Chapter 2',
      'Chapter 3',
      'Methodolo',
    ]);
    expect(widowPages(pdf, rule)).toEqual([]);
    expect(emptyMidChapterPages(pdf, rule)).toEqual([]);
    expect(isTagged(pdf)).toBe(true);
    expect(pdf.figures).toHaveLength(3);
    expect(figuresWithoutAlt(pdf)).toEqual([]);
    expect(fontsNotEmbedded(pdf)).toEqual([]);
    expect(mislabelledFonts(pdf)).toEqual([]);
    expect(repeatedKeyNumbers(pdf, ['83%', '64%', '57%'])).toEqual([]);
  });

  it('fails when the methodology runs a line onto a page of its own', async () => {
    const pdf = await inspectPdf(new Uint8Array(report(680)));
    expect(widowPages(pdf, rule).map((p) => p.chapter)).toEqual(['Methodology']);
  });
});
