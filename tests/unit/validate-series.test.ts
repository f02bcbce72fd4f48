import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { getFigure, getRow } from '../../src/lib/figures.ts';
import { findComponentRefs } from '../../src/lib/mdx-refs.ts';
import { TrendSchema, type RowRef } from '../../src/lib/schema/trend.ts';
import {
  assertValidSeries,
  ContentError,
  validateSeries,
  type SeriesContent,
  type TrendSource,
} from '../../src/lib/validate-series.ts';
import { barsFigure, numberFigure, pairedFigure } from './fixtures/figures.ts';
import { realSeries } from './fixtures/real-content.ts';
import { fileURLToPath } from 'node:url';
import { loadSurvey } from '../../src/lib/survey/load.ts';
import { surveyFigure } from '../../src/lib/survey/figure.ts';
import { FigureSchema } from '../../src/lib/schema/figure.ts';

interface ArticleOptions {
  order: number;
  figures?: string[];
  keyFigure?: RowRef;
  body?: string[];
}

/** The frontmatter written by `article` is 9 lines long, so body line k is line 9 + k of the file. */
const FRONTMATTER_LINES = 9;

function article(file: string, { order, figures = [], keyFigure, body = [] }: ArticleOptions): TrendSource {
  const source = [
    '---',
    `order: ${order}`,
    `title: "Trend ${order}"`,
    `summary: "What trend ${order} is about."`,
    'published: 2021-01-05',
    'author: The ML Trends editorial team',
    `figures: [${figures.join(', ')}]`,
    keyFigure ? `keyFigure: { figure: ${keyFigure.figure}, label: "${keyFigure.label}" }` : 'draft: false',
    '---',
    ...body,
  ].join('\n');
  return { file, source, data: TrendSchema.parse(parseFrontmatter(source).frontmatter) };
}

/** A correct article using the bar figure once. */
function cleanArticle(file: string, order: number): TrendSource {
  return article(file, {
    order,
    figures: ['io-decision-makers'],
    body: ['', 'Who decides? <Stat figure="io-decision-makers" label="CTOs" /> name the CTO.'],
  });
}

function series(...trends: TrendSource[]): SeriesContent {
  return {
    figures: [barsFigure(), pairedFigure()],
    trends,
    surveyFacts: ['respondents', 'fielded'],
  };
}

/** The problems of a one-article series whose article has this body and frontmatter figures. */
function problemsOf(body: string[], options: Omit<ArticleOptions, 'order' | 'body'> = {}): string[] {
  return validateSeries(series(article('trends/01-a.mdx', { order: 1, body, ...options })));
}

describe('validateSeries: series order', () => {
  it('accepts a series whose orders run 1..N', () => {
    expect(validateSeries(series(cleanArticle('trends/a.mdx', 2), cleanArticle('trends/b.mdx', 1)))).toEqual([]);
  });

  it('names both files when two trends share an order', () => {
    const problems = validateSeries(series(cleanArticle('trends/a.mdx', 1), cleanArticle('trends/b.mdx', 1)));
    expect(problems).toEqual([
      'trends/b.mdx: field "order" is 1, the same as in trends/a.mdx; each trend needs its own position.',
    ]);
  });

  it('names both files when two trends would have the same address, so neither replaces the other', () => {
    expect(
      validateSeries(series(cleanArticle('trends/02-teams.mdx', 1), cleanArticle('trends/11-teams.mdx', 2))),
    ).toEqual([
      'trends/11-teams.mdx: has the address "teams", the same as trends/02-teams.mdx (a file name without its number); rename one of them.',
    ]);
  });

  it("names an article whose address is one of the series' own pages, which it would hide", () => {
    expect(
      validateSeries(series(cleanArticle('trends/01-sources.mdx', 1), cleanArticle('trends/02-report.mdx', 2))),
    ).toEqual([
      'trends/01-sources.mdx: has the address "sources", which is the series\' sources-and-method page; rename the file.',
      'trends/02-report.mdx: has the address "report", which is the series\' report page; rename the file.',
    ]);
  });

  it('names the file past the end of the series and the order that is missing', () => {
    const problems = validateSeries(
      series(cleanArticle('trends/a.mdx', 1), cleanArticle('trends/b.mdx', 2), cleanArticle('trends/d.mdx', 4)),
    );
    expect(problems).toEqual([
      'trends/d.mdx: field "order" is 4, but the series has 3 trends, so orders must run 1..3 without gaps (missing: 3).',
    ]);
  });
});

describe('validateSeries: frontmatter references', () => {
  it('names the position of an unknown id in the figures list and suggests the right one', () => {
    const problems = problemsOf(['<Figure id="io-decision-makers" />'], {
      figures: ['io-decision-makers', 'budget-grwoth'],
    });
    expect(problems).toEqual([
      'trends/01-a.mdx: field "figures[1]": there is no figure "budget-grwoth" in the dataset. Did you mean "budget-growth"?',
    ]);
  });

  it('names a key figure label that is not a row of the figure', () => {
    const problems = problemsOf(['<Figure id="budget-growth" />'], {
      figures: ['budget-growth'],
      keyFigure: { figure: 'budget-growth', label: 'Increased the AI/ML budgets' },
    });
    expect(problems).toEqual([
      'trends/01-a.mdx: field "keyFigure": figure "budget-growth" has no row labelled "Increased the AI/ML budgets". Did you mean "Increased the AI/ML budget"?',
    ]);
  });

  it('names a key figure id that is not in the dataset', () => {
    const problems = problemsOf(['<Figure id="budget-growth" />'], {
      figures: ['budget-growth'],
      keyFigure: { figure: 'budget-grwoth', label: 'Increased the AI/ML budget' },
    });
    expect(problems).toEqual([
      'trends/01-a.mdx: field "keyFigure": there is no figure "budget-grwoth" in the dataset. Did you mean "budget-growth"?',
    ]);
  });

  it('accepts a key figure whose row label contains a percent sign', () => {
    const problems = problemsOf(['<Figure id="budget-growth" />'], {
      figures: ['budget-growth'],
      keyFigure: { figure: 'budget-growth', label: 'Increased it by more than 50%' },
    });
    expect(problems).toEqual([]);
  });

  it('asks for a figure the article uses but does not list', () => {
    const problems = problemsOf(['<Figure id="io-decision-makers" />', '<Figure id="budget-growth" />'], {
      figures: ['io-decision-makers'],
    });
    expect(problems).toEqual([
      'trends/01-a.mdx: field "figures" does not list "budget-growth", which the article uses; add it.',
    ]);
  });

  it('points out a listed figure the article never uses', () => {
    const problems = problemsOf(['<Figure id="io-decision-makers" />'], {
      figures: ['io-decision-makers', 'budget-growth'],
    });
    expect(problems).toEqual([
      'trends/01-a.mdx: field "figures" lists "budget-growth", which the article never uses; remove it or use it.',
    ]);
  });
});

describe('validateSeries: references in the article body', () => {
  it('names file:line of a Figure with an unknown id and suggests the right id', () => {
    const problems = problemsOf(['', 'Intro.', '<Figure id="io-decision-maker" />']);
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 3}: <Figure id="io-decision-maker">: there is no figure "io-decision-maker" in the dataset. Did you mean "io-decision-makers"?`,
    ]);
  });

  it('reports an unknown figure once, not also as missing from the frontmatter list', () => {
    expect(problemsOf(['<Figure id="typo" />'])).toHaveLength(1);
  });

  it('names file:line of a Stat with an unknown label', () => {
    const problems = problemsOf(['', '', 'Then <Stat figure="io-decision-makers" label="CTO" /> said so.'], {
      figures: ['io-decision-makers'],
    });
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 3}: <Stat figure="io-decision-makers" label="CTO">: figure "io-decision-makers" has no row labelled "CTO". Did you mean "CTOs"?`,
    ]);
  });

  it('refuses a Stat asking for the previous edition of a row that has none', () => {
    const problems = problemsOf(['<Stat figure="io-decision-makers" label="CTOs" previous />'], {
      figures: ['io-decision-makers'],
    });
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Stat figure="io-decision-makers" label="CTOs">: row "CTOs" of figure "io-decision-makers" has no previous-edition value.`,
    ]);
  });

  it('accepts a Stat asking for the previous edition of a paired row', () => {
    const problems = problemsOf(['<Stat figure="budget-growth" label="Increased the AI/ML budget" previous />'], {
      figures: ['budget-growth'],
    });
    expect(problems).toEqual([]);
  });

  it('asks for both attributes of a Stat that lacks its label', () => {
    const problems = problemsOf(['<Stat figure="io-decision-makers" />'], { figures: ['io-decision-makers'] });
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Stat> needs figure and label attributes, e.g. <Stat figure="io-decision-makers" label="CTOs" />.`,
    ]);
  });

  it('refuses an attribute a component does not take, naming the nearest one, instead of ignoring it', () => {
    const problems = problemsOf(['<Stat figure="budget-growth" label="Increased the AI/ML budget" prev />'], {
      figures: ['budget-growth'],
    });
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Stat figure="budget-growth" label="Increased the AI/ML budget">: "prev" is not an attribute of <Stat>. Did you mean "previous"?`,
    ]);
    expect(
      problemsOf(['<Figure id="io-decision-makers" title="Who decides" />'], { figures: ['io-decision-makers'] }),
    ).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Figure id="io-decision-makers">: "title" is not an attribute of <Figure>. It takes id, print, web.`,
    ]);
  });

  it('takes a bare print on a Figure in an article: a placement the printed chapter draws and the web ignores', () => {
    expect(problemsOf(['<Figure id="io-decision-makers" print />'], { figures: ['io-decision-makers'] })).toEqual([]);
    expect(problemsOf(['<Figure id="io-decision-makers" print="yes" />'], { figures: ['io-decision-makers'] })).toEqual(
      [
        `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Figure id="io-decision-makers">: print takes no value: write it bare, <Figure … print />.`,
      ],
    );
  });

  it('takes a web placement and a print placement of one figure: the web draws one, the print the other', () => {
    const figures = { figures: ['io-decision-makers'] };
    expect(
      problemsOf(['<Figure id="io-decision-makers" web />', '', '<Figure id="io-decision-makers" print />'], figures),
    ).toEqual([]);
    expect(problemsOf(['<Figure id="io-decision-makers" web="yes" />'], figures)).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Figure id="io-decision-makers">: web takes no value: write it bare, <Figure … web />.`,
    ]);
    expect(problemsOf(['<Figure id="io-decision-makers" web print />'], figures)).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Figure id="io-decision-makers">: web and print together place the figure nowhere; write one of them, or neither to place it in both.`,
    ]);
    expect(
      problemsOf(['<Figure id="io-decision-makers" web />', '', '<Figure id="io-decision-makers" />'], figures),
    ).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 3}: <Figure id="io-decision-makers">: is drawn already at line ${FRONTMATTER_LINES + 1}; draw a figure once per article and refer to it with <Stat>.`,
    ]);
  });

  it('takes a bare unitless on a Stat, and refuses a <Ratio> of a figure that declares no ratio', () => {
    const stat = '<Stat figure="budget-growth" label="Increased the AI/ML budget"';
    expect(problemsOf([`${stat} unitless />`], { figures: ['budget-growth'] })).toEqual([]);
    expect(problemsOf([`${stat} unitless="yes" />`], { figures: ['budget-growth'] })).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Stat figure="budget-growth" label="Increased the AI/ML budget">: unitless takes no value: write it bare, <Stat … unitless />.`,
    ]);
    expect(problemsOf(['About <Ratio figure="budget-growth" /> times.'], { figures: ['budget-growth'] })).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Ratio figure="budget-growth">: the figure declares no ratio: add "ratio": { "of": group, "over": [groups] } under its "survey".`,
    ]);
  });

  it('takes <Numbers> of two or three single-value figures, and names a figure that is missing or has several rows', () => {
    // Round 15: /deployment/ had three numbers from three questions and no display for them.
    const withNumbers = (tag: string) =>
      validateSeries({
        ...series(
          article('trends/01-a.mdx', {
            order: 1,
            figures: ['ai-priority-over-it', 'another-number'],
            body: ['', tag],
          }),
        ),
        figures: [barsFigure(), numberFigure(), numberFigure({ id: 'another-number' })],
      });
    expect(withNumbers('<Numbers figures="ai-priority-over-it another-number" />')).toEqual([]);
    const line = `trends/01-a.mdx:${FRONTMATTER_LINES + 2}`;
    expect(withNumbers('<Numbers figures="ai-priority-over-it io-decision-makers" />')).toContain(
      `${line}: <Numbers figures="ai-priority-over-it io-decision-makers">: "io-decision-makers" has 4 rows: <Numbers> shows figures of a single value; draw this one with <Figure id="io-decision-makers" />.`,
    );
    expect(withNumbers('<Numbers figures="ai-priority-over-it no-such-figure" />').join('\n')).toMatch(
      new RegExp(
        `^${line}: <Numbers figures="ai-priority-over-it no-such-figure">: there is no figure "no-such-figure"`,
      ),
    );
    expect(withNumbers('<Numbers figures="ai-priority-over-it" />')).toContain(
      `${line}: <Numbers figures="ai-priority-over-it">: figures takes two or three figure ids separated by spaces; it names 1.`,
    );
    expect(withNumbers('<Numbers figure="ai-priority-over-it" />').join('\n')).toContain(
      '"figure" is not an attribute of <Numbers>. Did you mean "figures"?',
    );
  });

  it('takes a title on a Figure in a report section, where it titles the printed exhibit', () => {
    const section = (figure: string) =>
      validateSeries({
        ...series(cleanArticle('trends/01-a.mdx', 1)),
        sections: [{ file: 'report/summary.mdx', source: `---\ntitle: Summary\n---\n\n${figure}\n` }],
      });
    expect(section('<Figure id="budget-growth" title="Most raised their budgets" />')).toEqual([]);
    expect(section('<Figure id="budget-growth" caption="Budgets" />')).toEqual([
      'report/summary.mdx:5: <Figure id="budget-growth">: "caption" is not an attribute of <Figure>. It takes id, title.',
    ]);
  });

  it('refuses a Stat binding a suppressed segment value, and names an unknown segment', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const dir = fileURLToPath(new URL('fixtures/survey/small', import.meta.url));
    const survey = loadSurvey(dir, root, 'test');
    const item = {
      id: 'tools-used',
      title: 'Tools',
      kind: 'by-segment',
      survey: { question: 'q3', compute: 'shares', segmentBy: 'q2' },
    };
    const tools = FigureSchema.parse(surveyFigure(item, survey, 'figures.json'));
    const trend = article('trends/01-a.mdx', {
      order: 1,
      figures: ['tools-used'],
      body: [
        'Big firms: <Stat figure="tools-used" label="Kubernetes" segment="size-1000" />.',
        'Small ones: <Stat figure="tools-used" label="Kubernetes" segment="size-small" />.',
        'Others: <Stat figure="tools-used" label="Helm" segment="size-big" />.',
      ],
    });
    expect(validateSeries({ figures: [tools], trends: [trend], surveyFacts: [] })).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Stat figure="tools-used" label="Kubernetes" segment="size-1000">: the value of "Kubernetes" among 1,000+ employees (Company size) is suppressed: with the total and the other groups it would give the value of a group with fewer answers than the series' minimum of 5 (complementary suppression), so it is published nowhere and prose cannot bind it.`,
      `trends/01-a.mdx:${FRONTMATTER_LINES + 2}: <Stat figure="tools-used" label="Kubernetes" segment="size-small">: the value of "Kubernetes" among Under 1,000 employees (Company size) is suppressed: 4 answered, fewer than the series' minimum of 5, so it is published nowhere and prose cannot bind it.`,
      `trends/01-a.mdx:${FRONTMATTER_LINES + 3}: <Stat figure="tools-used" label="Helm" segment="size-big">: figure "tools-used" has no segment "size-big". Known: "size-small", "size-1000".`,
    ]);
  });

  it('refuses previous written as text, which would show the current value', () => {
    const problems = problemsOf(
      ['<Stat figure="budget-growth" label="Increased the AI/ML budget" previous="true" />'],
      {
        figures: ['budget-growth'],
      },
    );
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Stat figure="budget-growth" label="Increased the AI/ML budget">: previous takes no value: write it bare, <Stat … previous />.`,
    ]);
  });

  it('refuses the same figure drawn twice in one article, which would repeat its ids on the page', () => {
    const problems = problemsOf(['<Figure id="io-decision-makers" />', '', '<Figure id="io-decision-makers" />'], {
      figures: ['io-decision-makers'],
    });
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 3}: <Figure id="io-decision-makers">: is drawn already at line ${FRONTMATTER_LINES + 1}; draw a figure once per article and refer to it with <Stat>.`,
    ]);
  });

  it('lists the known survey facts for an unknown one', () => {
    expect(problemsOf(['Fielded in <Survey fact="nope" />.'])).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 1}: <Survey fact="nope">: fact must be one of "respondents", "fielded".`,
    ]);
  });

  it('names file:line of a percentage typed by hand in prose', () => {
    const problems = problemsOf(['', 'About 45% of them agreed.', '<Figure id="io-decision-makers" />'], {
      figures: ['io-decision-makers'],
    });
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 2}: "45%" is typed by hand; write <Stat figure="…" label="…" /> so the number comes from the dataset.`,
    ]);
  });

  it('says a percentage typed in the summary cannot become a <Stat>, as the frontmatter holds none', () => {
    const source = cleanArticle('trends/01-a.mdx', 1).source.replace(
      /^summary: .*$/m,
      'summary: "Some 64% of teams agreed."',
    );
    const trend = { file: 'trends/01-a.mdx', source, data: TrendSchema.parse(parseFrontmatter(source).frontmatter) };
    expect(validateSeries(series(trend))).toEqual([
      'trends/01-a.mdx:4: "64%" is typed by hand in the frontmatter, where no <Stat> can go; say it without the number (the page shows the key figure from the dataset).',
    ]);
  });

  it('refuses a lower-case <figure> or <stat>, an HTML element that shows nothing, naming the component meant', () => {
    const problems = problemsOf([
      '',
      'Who decides? <stat figure="io-decision-makers" label="CTOs" /> name the CTO.',
      '<figure id="io-decision-makers" />',
      '<SURVEY fact="respondents" />',
    ]);
    expect(problems).toEqual([
      `trends/01-a.mdx:${FRONTMATTER_LINES + 2}: <stat> is an HTML element, not the <Stat> component, and shows nothing: did you mean <Stat>?`,
      `trends/01-a.mdx:${FRONTMATTER_LINES + 3}: <figure> is an HTML element, not the <Figure> component, and shows nothing: did you mean <Figure>?`,
      `trends/01-a.mdx:${FRONTMATTER_LINES + 4}: <SURVEY> is not the <Survey> component: did you mean <Survey>?`,
    ]);
  });

  it('refuses a lower-case component in a report section too, but not in code or a comment', () => {
    const problems = validateSeries({
      ...series(cleanArticle('trends/01-a.mdx', 1)),
      sections: [
        {
          file: 'report/methodology.mdx',
          source: '---\ntitle: Method\n---\n\n`<figure id="x" />`\n{/* <figure id="y" /> */}\n<figure id="z" />\n',
        },
      ],
    });
    expect(problems).toEqual([
      'report/methodology.mdx:7: <figure> is an HTML element, not the <Figure> component, and shows nothing: did you mean <Figure>?',
    ]);
  });

  it('does not check or count a Figure that is commented out', () => {
    const problems = problemsOf(['<Figure id="io-decision-makers" />', '{/* <Figure id="old-chart" /> */}'], {
      figures: ['io-decision-makers'],
    });
    expect(problems).toEqual([]);
  });
});

describe('assertValidSeries', () => {
  it('passes a valid series', () => {
    expect(() => assertValidSeries(series(cleanArticle('trends/a.mdx', 1)))).not.toThrow();
  });

  it('throws one ContentError listing every problem, so they can all be fixed in one pass', () => {
    const content = series(
      article('trends/a.mdx', { order: 1, body: ['<Figure id="typo" />', 'About 45% agreed.'] }),
      cleanArticle('trends/b.mdx', 1),
    );
    const expected = validateSeries(content);
    expect(expected).toHaveLength(3);
    let thrown: unknown;
    try {
      assertValidSeries(content);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ContentError);
    const error = thrown as ContentError;
    expect(error.problems).toEqual(expected);
    expect(error.message).toBe(`The content has 3 problems:\n${expected.map((p) => `  - ${p}`).join('\n')}`);
  });

  it('says "1 problem" for a single one', () => {
    expect(() =>
      assertValidSeries(series(article('trends/a.mdx', { order: 1, body: ['<Figure id="typo" />'] }))),
    ).toThrow(/^The content has 1 problem:\n {2}- trends\/a\.mdx:10: <Figure id="typo">/);
  });
});

describe('the real 2021 series', () => {
  const content = realSeries();

  it('validates with zero problems', () => {
    expect(validateSeries(content)).toEqual([]);
  });

  it('has ten trends numbered 1 to 10', () => {
    expect(content.trends.map((t) => t.data.order).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('takes every Stat of every article from a percentage in the dataset', () => {
    const stats = content.trends.flatMap((trend) =>
      findComponentRefs(trend.source)
        .filter((ref) => ref.component === 'Stat')
        .map((ref) => ({ where: `${trend.file}:${ref.line}`, attributes: ref.attributes })),
    );
    expect(stats.length).toBeGreaterThan(0);
    for (const stat of stats) {
      const { figure, label, previous } = stat.attributes;
      expect(typeof figure, stat.where).toBe('string');
      expect(typeof label, stat.where).toBe('string');
      const row = getRow(getFigure(content.figures, String(figure)), String(label), previous === true);
      const value = previous === true ? row.previous : row.value;
      expect(value, stat.where).toBeGreaterThanOrEqual(0);
      expect(value, stat.where).toBeLessThanOrEqual(100);
    }
  });

  it('resolves every key figure set in the articles to a row of the dataset', () => {
    const withKey = content.trends.flatMap((t) => (t.data.keyFigure ? [{ file: t.file, ref: t.data.keyFigure }] : []));
    expect(withKey.length).toBeGreaterThan(0);
    for (const { file, ref } of withKey) {
      expect(() => getRow(getFigure(content.figures, ref.figure), ref.label), file).not.toThrow();
    }
  });
});

describe('validateSeries: dates as written', () => {
  it('refuses a day that YAML would roll over into the next month, naming the file and field', () => {
    const trend = article('trends/01-a.mdx', { order: 1 });
    const source = trend.source.replace('published: 2021-01-05', 'published: 2021-02-30');
    const data = TrendSchema.parse(parseFrontmatter(source).frontmatter);
    // The YAML parser already turned the impossible day into a real one...
    expect(data.published.toISOString().slice(0, 10)).toBe('2021-03-02');
    // ...so the check reads the date as the editor wrote it.
    expect(validateSeries(series({ ...trend, source, data }))).toEqual([
      'trends/01-a.mdx: field "published" is "2021-02-30" and must be a date (YYYY-MM-DD) that exists on the calendar.',
    ]);
  });
});

describe('validateSeries: an article cites nothing published after it', () => {
  const later = (date: string) =>
    barsFigure({ source: { key: 'LATER', title: 'A later book', date, confidence: 'PR' } });
  const withSource = (date: string, extra = '') => {
    const trend = article('trends/01-a.mdx', {
      order: 1,
      figures: ['io-decision-makers'],
      body: ['', 'Who decides? <Stat figure="io-decision-makers" label="CTOs" /> name the CTO.'],
    });
    const source = trend.source.replace('published: 2021-01-05', `published: 2021-01-05${extra}`);
    const content = { ...series({ ...trend, source, data: TrendSchema.parse(parseFrontmatter(source).frontmatter) }) };
    return validateSeries({ ...content, figures: [later(date), pairedFigure()] });
  };

  it('names the article, the figure and the date when a source is dated after the article', () => {
    expect(withSource('11 February 2021')).toEqual([
      'trends/01-a.mdx: field "published" is 2021-01-05, but figure "io-decision-makers" cites "A later book", dated 11 February 2021, after it; set "updated" to the day the article was revised to cite it.',
    ]);
    expect(withSource('2022')).toHaveLength(1);
    expect(withSource('August 2021')).toHaveLength(1);
  });

  it('accepts a source from before the article, from the same month, or one the "updated" date covers', () => {
    expect(withSource('January 2021')).toEqual([]);
    expect(withSource('4 January 2021')).toEqual([]);
    expect(withSource('2020')).toEqual([]);
    expect(withSource('2022', '\nupdated: 2026-12-06\nupdateNote: Added a later source.')).toEqual([]);
  });
});

describe('validateSeries on the real series: dates against the sources cited (issue 20, point 4)', () => {
  const content = realSeries();
  const chronology = (problems: string[]) => problems.filter((p) => /cites "[^"]+", dated [^,]+, after it/.test(p));

  it('finds no article citing a source dated after it', () => {
    expect(chronology(validateSeries(content))).toEqual([]);
  });

  it('fails each real article that cites a later source once it is dated back to January 2021', () => {
    // The edition went live on 2026-12-06; dated back to January 2021, trends 4, 5, 6 and 9 would cite a book
    // or article from after their date, and the check names each one on its "published" field.
    const trends = content.trends.map((trend) => ({
      ...trend,
      source: trend.source.replace(/^published: .*$/m, 'published: 2021-01-05'),
      data: { ...trend.data, published: new Date('2021-01-05T00:00:00Z'), updated: undefined },
    }));
    const problems = chronology(validateSeries({ ...content, trends }));
    expect(problems.every((p) => / field "published" is /.test(p))).toBe(true);
    expect([...new Set(problems.map((p) => p.split(':')[0]))].sort()).toEqual([
      'content/series/ml-trends-2021/trends/04-early-adopters.mdx',
      'content/series/ml-trends-2021/trends/05-governance.mdx',
      'content/series/ml-trends-2021/trends/06-integration.mdx',
      'content/series/ml-trends-2021/trends/09-deployment.mdx',
    ]);
  });
});

describe('validateSeries: no base in the prose that no source states (issue 20, point 2)', () => {
  /** The problems of an article quoting the bar figure, with (n: 403) or without (n: null) a stated base. */
  const quoting = (sentence: string, n: number | null) => {
    const trend = article('trends/01-a.mdx', {
      order: 1,
      figures: ['io-decision-makers'],
      body: ['', sentence.replace('STAT', '<Stat figure="io-decision-makers" label="CTOs" />')],
    });
    return validateSeries({ ...series(trend), figures: [barsFigure({ n }), pairedFigure()] });
  };

  it('refuses "of all 403 respondents" beside a number whose base no source states, naming the line', () => {
    for (const sentence of [
      'Of all <Survey fact="respondents" /> respondents, STAT name the CTO.',
      'Of all 403 respondents, STAT name the CTO.',
      'Among all respondents, STAT name the CTO.',
    ]) {
      expect(quoting(sentence, null), sentence).toEqual([
        expect.stringMatching(
          /^trends\/01-a\.mdx:11: ".*all .*respondents" claims a base for <Stat figure="io-decision-makers">, but no source states who answered: /,
        ),
      ]);
    }
  });

  it('accepts the claim where a source states the base, and a sentence that claims none', () => {
    expect(quoting('Of all 403 respondents, STAT name the CTO.', 403)).toEqual([]);
    expect(quoting('In the survey of 403, STAT name the CTO.', null)).toEqual([]);
  });
});

describe('validateSeries: a figure that waits for an unpublished trend', () => {
  const NOW = new Date('2026-12-07T12:00:00Z');
  const withData = (trend: TrendSource, data: Partial<TrendSource['data']>): TrendSource => ({
    ...trend,
    data: { ...trend.data, ...data },
  });
  const summary = {
    file: 'report/summary.mdx',
    source: [
      '---',
      'title: Summary',
      '---',
      '',
      'Who decides? <Stat figure="io-decision-makers" label="CTOs" /> name the CTO.',
      '',
      '<Figure id="io-decision-makers" />',
      '',
    ].join('\n'),
  };

  it('names the draft trend, the file and line when a report section shows a figure only a draft uses', () => {
    const draft = withData(cleanArticle('trends/01-a.mdx', 1), { draft: true });
    const problems = validateSeries({ ...series(draft), sections: [summary], now: NOW });
    const waits =
      'waits for trends/01-a.mdx, a draft (draft: true): only unpublished trends use this figure, so a production build leaves it out. Publish that trend first, or take the reference out of this file until it is published.';
    expect(problems).toEqual([
      `report/summary.mdx:5: <Stat figure="io-decision-makers">: ${waits}`,
      `report/summary.mdx:7: <Figure id="io-decision-makers">: ${waits}`,
    ]);
  });

  it('names the publication date of a scheduled trend, and the fields of series.yaml that lead with it', () => {
    const scheduled = withData(cleanArticle('trends/01-a.mdx', 1), { published: new Date('2999-01-01T00:00:00Z') });
    const problems = validateSeries({
      ...series(scheduled),
      seriesFile: 'series.yaml',
      indexLead: 'io-decision-makers',
      now: NOW,
    });
    expect(problems).toEqual([
      'series.yaml: field "index.lead.figure": "io-decision-makers" waits for trends/01-a.mdx, scheduled for 2999-01-01: only unpublished trends use this figure, so a production build leaves it out. Publish that trend first, or lead with another figure until it is published.',
    ]);
  });

  it('passes once a published trend uses the figure too, and in development, where drafts show', () => {
    const draft = withData(cleanArticle('trends/01-a.mdx', 1), { draft: true });
    const published = cleanArticle('trends/02-b.mdx', 2);
    expect(validateSeries({ ...series(draft, published), sections: [summary], now: NOW })).toEqual([]);
    expect(validateSeries({ ...series(draft), sections: [summary] })).toEqual([]);
  });
});

describe('validateSeries: the experiment control is the page as it is (issue 22)', () => {
  const withExperiment = (forms: ('short' | 'full' | undefined)[]) =>
    validateSeries({
      ...series(cleanArticle('trends/01-a.mdx', 1)),
      seriesFile: 'content/series/s/series.yaml',
      experiment: { variants: forms.map((form, i) => ({ id: `v${i}`, ...(form ? { form } : {}) })) },
    });

  it('accepts a first variant with the short form, or with no form (the page as it is)', () => {
    expect(withExperiment(['short', 'full'])).toEqual([]);
    expect(withExperiment([undefined, 'full'])).toEqual([]);
  });

  it('refuses a first variant with the full form, naming the file and the field', () => {
    expect(withExperiment(['full', 'short'])).toEqual([
      'content/series/s/series.yaml: field "report.experiment.variants[0].form": is "full", but the first variant is the control, the page as it is (the short form); put the full form in a later variant, or leave "form" out here',
    ]);
  });
});
