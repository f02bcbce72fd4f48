import { describe, expect, it } from 'vitest';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { Source } from '../../src/lib/schema/source.ts';
import { TrendSchema } from '../../src/lib/schema/trend.ts';
import { sourceDescriptions, sourceNames, sourcesNamedIn } from '../../src/lib/named-sources.ts';
import {
  chaptersCiting,
  seriesSourceRegistry,
  trendSourceNameProblems,
  trendSources,
} from '../../src/lib/trend-sources.ts';
import { readSeriesFromDisk, seriesContent } from '../../src/lib/content/series-files.ts';
import { validateSeries } from '../../src/lib/validate-series.ts';

const REPORT: Source = {
  key: 'RT-REPORT',
  title: '2021 enterprise trends in machine learning',
  outlet: 'Algorithmia',
  confidence: 'RT',
};
const BLOG: Source = {
  key: 'B-INVEST',
  title: 'Enterprises are dialing up',
  outlet: 'Algorithmia blog',
  confidence: 'AB',
};
const FORBES: Source = {
  key: 'P-FORBES',
  title: 'Article on the survey',
  outlet: 'Forbes',
  author: 'Louis Columbus',
  confidence: 'PR',
};
const MVYL: Source = {
  key: 'P-UNITE',
  title: 'Big AI Trends for 2021',
  outlet: 'MVYL Associates blog',
  confidence: 'PR',
};
const BOOK_A: Source = { key: 'P-DMLS', title: 'Designing ML, chapter 7', outlet: "O'Reilly Media", confidence: 'PR' };
const BOOK_B: Source = { key: 'P-GOV', title: 'Governance, chapter 1', outlet: "O'Reilly Media", confidence: 'PR' };
const PRESS: Source = { key: 'P-CDO', title: 'Plans to spend', outlet: 'Trade press', confidence: 'PR' };
const REGISTRY = [REPORT, BLOG, FORBES, MVYL, BOOK_A, BOOK_B, PRESS];

function trend(body: string, sources: Source[] = []) {
  const source = [
    '---',
    'order: 1',
    'title: "Nine in ten teams ship on Fridays"',
    'summary: "The count comes from one question."',
    'published: 2021-01-05',
    'author: The ML Trends editorial team',
    'figures: []',
    '---',
    body,
  ].join('\n');
  const data = TrendSchema.parse({ ...parseFrontmatter(source).frontmatter, sources });
  return { data, body: source };
}

describe('sourceNames', () => {
  it('names a source by its outlet, the outlet without its tail, its author and surname', () => {
    expect(sourceNames(FORBES)).toEqual(['Forbes', 'Louis Columbus', 'Columbus', 'Article on the survey']);
    expect(sourceNames(MVYL)).toEqual(expect.arrayContaining(['MVYL Associates blog', 'MVYL Associates', 'MVYL']));
  });

  it('names the survey report "the report", and the publisher blog only as a blog', () => {
    expect(sourceNames(REPORT)).toContain('the report');
    expect(sourceNames(REPORT)).not.toContain('Algorithmia');
    expect(sourceNames(BLOG)).toEqual(expect.arrayContaining(['Algorithmia blog', "Algorithmia's blog"]));
    expect(sourceNames(BLOG)).not.toContain('Algorithmia');
  });

  it('names a source by a description built from its title: "post on investment", "blog post on investment"', () => {
    const investment: Source = {
      ...BLOG,
      title: 'Enterprises are dialing up their machine learning investments for 2021',
    };
    expect(sourceNames(investment)).toContain("Algorithmia's own blog");
    expect(sourceDescriptions(investment)).toEqual(
      expect.arrayContaining(['post on investment', 'post on investments', 'post about investment']),
    );
    expect(sourceDescriptions(investment)).not.toContain('post on their');
  });

  it('gives a generic outlet no name', () => {
    expect(sourceNames(PRESS)).not.toContain('Trade press');
  });
});

describe('sourcesNamedIn', () => {
  it('finds names as whole words, the longer name first', () => {
    const found = sourcesNamedIn(
      'Algorithmia ran it.\nThe report says so; the MVYL Associates blog and MVYL agree.',
      REGISTRY,
    );
    expect(found.map((f) => [f.name, f.line])).toEqual([
      ['the report', 2],
      ['MVYL Associates blog', 2],
      ['MVYL', 2],
    ]);
    expect(sourcesNamedIn('Forbesian prose, a reporter', REGISTRY)).toEqual([]);
  });
});

describe('trendSources with the names its text uses', () => {
  it('lists a source the text names though no figure or frontmatter gives it', () => {
    const article = trend('Louis Columbus wrote in Forbes that budgets rose. The report agreed.');
    expect(trendSources(article, []).map((s) => s.key)).toEqual([]);
    expect(trendSources(article, [], REGISTRY).map((s) => s.key)).toEqual(['P-FORBES', 'RT-REPORT']);
  });

  it('lists the post a description names: "Algorithmia\'s own blog post on investment" (round 12, trend 2)', () => {
    const investment: Source = {
      ...BLOG,
      title: 'Enterprises are dialing up their machine learning investments for 2021',
    };
    const article = trend(
      "Algorithmia's own blog post on investment said organizations were backing their priorities with more spending.",
    );
    expect(trendSources(article, [], [REPORT, investment, FORBES]).map((s) => s.key)).toEqual(['B-INVEST']);
    const other = trend('A post on partnership terms said so.');
    expect(trendSources(other, [], [REPORT, investment, FORBES])).toEqual([]);
  });

  it('finds a name in the headline and deck too', () => {
    const article = trend('Plain prose.');
    article.data.summary = 'Forbes led with it.';
    expect(trendSources(article, [], REGISTRY).map((s) => s.key)).toEqual(['P-FORBES']);
  });

  it('does not read a name inside component markup', () => {
    const article = trend('<Stat figure="x" label="Forbes" /> said so.');
    expect(trendSources(article, [], REGISTRY)).toEqual([]);
  });

  it('refuses a name two sources share when neither is listed, naming file, line and both', () => {
    const article = trend("A chapter from O'Reilly says so.");
    expect(trendSourceNameProblems('trends/x.mdx', article, [], REGISTRY)).toEqual([
      `trends/x.mdx:9: the text names "O'Reilly", which could be any of P-DMLS ("Designing ML, chapter 7"), P-GOV ("Governance, chapter 1"); add the one it means to the frontmatter's "sources" so the article's source list and the sources page carry it.`,
    ]);
    const listed = trend("A chapter from O'Reilly says so.", [BOOK_B]);
    expect(trendSourceNameProblems('trends/x.mdx', listed, [], REGISTRY)).toEqual([]);
    expect(trendSources(listed, [], REGISTRY).map((s) => s.key)).toEqual(['P-GOV']);
  });
});

describe('the ML trends series', () => {
  const series = readSeriesFromDisk(process.cwd(), 'ml-trends-2021');
  const content = seriesContent(series);
  const registry = seriesSourceRegistry(content.figures, content.trends);

  it('passes the check: every source its articles name can be listed', () => {
    expect(validateSeries(content).filter((p) => p.includes('the text names'))).toEqual([]);
  });

  it('lists Forbes in trend 1, MVYL in trend 4 and the report wherever the text names them', () => {
    const keysOf = (file: string) => {
      const t = content.trends.find((x) => x.file.endsWith(file))!;
      return trendSources({ data: t.data, body: t.source }, content.figures, registry).map((s) => s.key);
    };
    for (const t of content.trends) {
      const names = sourcesNamedIn(t.source, registry);
      const keys = trendSources({ data: t.data, body: t.source }, content.figures, registry).map((s) => s.key);
      for (const named of names) {
        expect(
          named.sources.some((s) => keys.includes(s.key)),
          `${t.file}: ${named.name}`,
        ).toBe(true);
      }
    }
    if (content.trends.find((t) => t.file.endsWith('01-investment.mdx'))!.source.includes('Forbes'))
      expect(keysOf('01-investment.mdx')).toContain('P-FORBES-ZH');
    if (content.trends.find((t) => t.file.endsWith('02-teams.mdx'))!.source.includes('blog post on investment'))
      expect(keysOf('02-teams.mdx')).toContain('B-INVEST');
    if (content.trends.find((t) => t.file.endsWith('04-early-adopters.mdx'))!.source.includes('MVYL'))
      expect(keysOf('04-early-adopters.mdx')).toContain('P-UNITE');
  });
});

describe('chaptersCiting', () => {
  const ARIZE: Source = { key: 'P-ARIZE', title: 'Partnership post', outlet: 'Arize AI blog', confidence: 'PR' };
  const registry = [...REGISTRY, ARIZE];
  const read = (chapters: { order: number; body: string; sources?: Source[] }[]) =>
    chapters.map(({ order, body, sources }) => ({
      trend: { order },
      sources: trendSources(trend(body, sources), [], registry),
    }));

  it('names the chapter whose text discusses a source, not only the one whose frontmatter lists it', () => {
    // Round 17: the Arize entry said "Supports: Chapter 9" (a frontmatter listing) and left out chapter 2, which
    // discusses the post's reading of the team answers by name.
    const chapters = read([
      { order: 2, body: 'An Arize AI blog post read the larger share as growth in data scientists.' },
      { order: 5, body: 'No source is named here.' },
      { order: 9, body: 'A month or longer, said most.', sources: [ARIZE] },
    ]);
    expect(chaptersCiting(chapters, 'P-ARIZE', (t) => t.order)).toEqual([2, 9]);
    expect(chaptersCiting(chapters, 'P-UNITE', (t) => t.order)).toEqual([]);
  });
});
