import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { figureSources } from '../../src/lib/figures.ts';
import { readOutline } from '../../src/integrations/report-pdf/pdf-outline.ts';
import { build, copyOfProject } from './project-copy.ts';

/**
 * What readers get of the sources, from one build with the PDF: the internal source keys of the dataset
 * never reach a page, a download or the PDF, and the report's sources list every source used, those of
 * trends without a figure included.
 */
const SERIES = 'ml-trends-2021';
let dir: string;
let result: { status: number | null; output: string };

beforeAll(() => {
  dir = copyOfProject();
  result = build(dir);
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The text of a PDF's pages, from the page its bookmark `from` points to (the first page without one). */
async function pdfText(file: string, from?: string): Promise<string> {
  const bytes = readFileSync(file);
  const doc = await getDocument({ data: new Uint8Array(bytes) }).promise;
  const start = from ? (await readOutline(bytes)).entries.find((e) => e.title === from)?.page : 1;
  if (start === undefined) throw new Error(`The PDF has no bookmark "${from}"`);
  let text = '';
  for (let i = start; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += `${content.items.map((item) => ('str' in item ? item.str : '')).join(' ')}\n`;
  }
  return text;
}

describe('sources in the built site and the PDF', { timeout: 240_000 }, () => {
  const series = () => readSeriesFromDisk(process.cwd(), SERIES);
  const sources = () => [
    ...series().figures.flatMap(figureSources),
    ...series().trends.flatMap((trend) => trend.data.sources),
  ];

  it('never show an internal source key in a page, a download or the PDF', async () => {
    expect(result.status, result.output).toBe(0);
    const keys = [...new Set(sources().map((source) => source.key))];
    expect(keys.length).toBeGreaterThan(5);
    const client = join(dir, 'dist/client');
    const files = readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /\.(html|csv|json|xml|txt)$/.test(f),
    );
    // One CSV per figure of this series (the demonstration series has its own under its folder).
    expect(files.filter((f) => f.startsWith(`${SERIES}/`) && f.endsWith('.csv')).length).toBe(series().figures.length);
    const texts = [
      ...files.map((file) => ({ file, text: readFileSync(join(client, file), 'utf8') })),
      { file: 'the PDF', text: await pdfText(join(dir, 'dist/report', `${SERIES}.pdf`)) },
    ];
    const leaks = texts.flatMap(({ file, text }) =>
      keys.filter((key) => text.includes(key)).map((k) => `${k} in ${file}`),
    );
    expect(leaks).toEqual([]);
  });

  it('are set, with every other word readers see, in curly quotes: articles and the PDF have no straight ones', async () => {
    const straight = (text: string) =>
      text.split(/\s+/).filter((word) => /["']/.test(word) && !/https?:|www\.|\.(com|html|org)\b/.test(word));
    expect(straight(await pdfText(join(dir, 'dist/report', `${SERIES}.pdf`)))).toEqual([]);
    const client = join(dir, 'dist/client', SERIES);
    for (const trend of series().trends) {
      const slug = /^\d+-(.+)\.mdx$/.exec(trend.file.split('/').pop()!)![1]!;
      const html = readFileSync(join(client, slug, 'index.html'), 'utf8');
      // Code is set as code: the embed snippet (a textarea) and the BibTeX (pre) keep their straight quotes.
      const main = /<main[\s\S]*<\/main>/
        .exec(html)![0]
        .replace(/<(script|textarea|pre)\b[\s\S]*?<\/\1>|<[^>]+>/g, ' ');
      expect(straight(main.replace(/&quot;|&#34;/g, '"').replace(/&#39;/g, "'")), trend.file).toEqual([]);
    }
  });

  it("list every source in the report's sources, those of trends without a figure included", async () => {
    // The sources section, found by its bookmark: from its first page to the end.
    const sourcesPage = (await pdfText(join(dir, 'dist/report', `${SERIES}.pdf`), 'Sources')).replace(/\s+/g, ' ');
    const titles = [...new Set(sources().map((source) => source.title))];
    const words = (title: string) => title.split(/\s+/).slice(0, 3).join(' ');
    expect(
      titles.filter(
        (title) => !sourcesPage.includes(words(title).replace(/'/g, '’')) && !sourcesPage.includes(words(title)),
      ),
    ).toEqual([]);
    const withoutFigure = series().trends.filter((t) => t.data.figures.length === 0);
    expect(withoutFigure.every((t) => t.data.sources.length > 0)).toBe(true);
  });

  it('are all on the sources page, ungated, with the methodology, and every article links to it', () => {
    const page = readFileSync(join(dir, 'dist/client', SERIES, 'sources/index.html'), 'utf8');
    const text = page
      .replace(/<[^>]+>/g, ' ')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ');
    const titles = [...new Set(sources().map((source) => source.title))];
    const words = (title: string) => title.split(/\s+/).slice(0, 3).join(' ');
    expect(
      titles.filter((title) => !text.includes(words(title).replace(/'/g, '’')) && !text.includes(words(title))),
    ).toEqual([]);
    // The methodology section (onSite in its frontmatter) is printed there, headings and all.
    expect(text).toContain('Where the numbers come from');
    expect(text).toContain(series().data!.survey.limits![0]!.split(' ').slice(0, 6).join(' '));
    // Ungated: no lead form between the reader and the sources.
    expect(page).not.toMatch(/type="email"/);
    for (const trend of series().trends.filter((t) => !t.data.draft)) {
      const slug = trend.file
        .split('/')
        .pop()!
        .replace(/^\d+-|\.mdx$/g, '');
      const article = readFileSync(join(dir, 'dist/client', SERIES, slug, 'index.html'), 'utf8');
      expect(article, slug).toContain(`href="/${SERIES}/sources/"`);
    }
  });
});
