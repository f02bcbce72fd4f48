import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { ReportConfigSchema } from '../../src/lib/schema/series.ts';
import { ReportSectionSchema } from '../../src/lib/schema/report-section.ts';
import { TrendSchema } from '../../src/lib/schema/trend.ts';
import { validateSeries, type ReportPartRef, type TrendSource } from '../../src/lib/validate-series.ts';
import { barsFigure } from './fixtures/figures.ts';

/** A one-line trend article at `trends/0N-<slug>.mdx`, listing `figures`. */
function trend(order: number, slug: string, draft = false, figures: string[] = []): TrendSource {
  const source = [
    '---',
    `order: ${order}`,
    `title: "Trend ${order}"`,
    `summary: "What trend ${order} is about."`,
    'published: 2021-01-05',
    'author: The team',
    `draft: ${draft}`,
    `figures: [${figures.join(', ')}]`,
    '---',
    '',
    'Text.',
  ].join('\n');
  const file = `content/series/s/trends/0${order}-${slug}.mdx`;
  return { file, source, data: TrendSchema.parse(parseFrontmatter(source).frontmatter) };
}

const KEY = { figure: 'io-decision-makers', label: 'CTOs' };
const part = (title: string, trends: string[], keyFigure: typeof KEY | 'none' = KEY): ReportPartRef => ({
  title,
  trends,
  ...(keyFigure === 'none' ? {} : { keyFigure }),
});

// The first trend draws the key figure the parts name: a part's key figure is a figure of one of its chapters.
const TRENDS = [trend(1, 'budgets', false, ['io-decision-makers']), trend(2, 'teams'), trend(3, 'tools')];

function problems(parts: ReportPartRef[], trends = TRENDS) {
  return validateSeries({
    figures: [barsFigure()],
    trends,
    surveyFacts: [],
    seriesFile: 'content/series/s/series.yaml',
    parts,
  }).filter((p) => p.includes('report.parts'));
}

describe('report.parts', () => {
  it('accepts parts that hold every trend once', () => {
    expect(problems([part('Money', ['budgets', 'teams']), part('Tools', ['tools'], 'none')])).toEqual([]);
  });

  it("names a key figure that none of the part's chapters uses", () => {
    // Round 18: the key figure is the editors' pick for the part, so it must come from the part's own chapters.
    expect(problems([part('Money', ['budgets', 'teams'], 'none'), part('Tools', ['tools'])])).toEqual([
      expect.stringMatching(
        /field "report\.parts\[1\]\.keyFigure": figure "io-decision-makers" is used by none of the part's trends \(tools\)/,
      ),
    ]);
  });

  it('names the file and field of an unknown trend slug, with the near one', () => {
    expect(problems([part('Money', ['budgets', 'teams', 'tool'])])).toEqual([
      expect.stringMatching(
        /^content\/series\/s\/series\.yaml: field "report\.parts\[0\]\.trends\[2\]": no trend "tool".*did you mean "tools"/,
      ),
      expect.stringContaining('trend "tools"'),
    ]);
  });

  it('names a trend listed in two parts', () => {
    expect(problems([part('Money', ['budgets', 'teams']), part('Tools', ['tools', 'teams'], 'none')])).toEqual([
      expect.stringMatching(/field "report\.parts\[1\]\.trends\[1\]": trend "teams" is already in part 1/),
    ]);
  });

  it('names a trend in no part, but lets a draft wait outside', () => {
    expect(problems([part('Money', ['budgets', 'teams'])])).toEqual([
      expect.stringMatching(
        /field "report\.parts": trend "tools" \(content\/series\/s\/trends\/03-tools\.mdx\) is in no part/,
      ),
    ]);
    const withDraft = [TRENDS[0]!, trend(2, 'teams'), trend(3, 'tools', true)];
    expect(problems([part('Money', ['budgets', 'teams'])], withDraft)).toEqual([]);
  });

  it('names a key figure or label that does not exist', () => {
    const [figureProblem] = problems([part('Money', ['budgets', 'teams', 'tools'], { figure: 'nope', label: 'CTOs' })]);
    expect(figureProblem).toMatch(/field "report\.parts\[0\]\.keyFigure": .*nope/);
    const [labelProblem] = problems([
      part('Money', ['budgets', 'teams', 'tools'], { figure: 'io-decision-makers', label: 'CEOs' }),
    ]);
    expect(labelProblem).toMatch(/field "report\.parts\[0\]\.keyFigure": .*CEOs/);
  });

  it('requires the promise and a well-formed part', () => {
    const base = {
      title: 'T',
      subtitle: 'S',
      fileName: 't.pdf',
      keyNumbers: [],
      roles: ['a', 'b'],
      consent: { version: '1', text: 'I agree to everything written here.' },
      marketingOptIn: 'Yes',
    };
    const missing = ReportConfigSchema.safeParse(base);
    expect(missing.success).toBe(false);
    expect(JSON.stringify(missing.error?.issues)).toContain('promise');
    const badPart = ReportConfigSchema.safeParse({ ...base, promise: 'P', parts: [{ title: 'A', trends: [] }] });
    expect(badPart.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['parts.0.summary', 'parts.0.trends']);
    expect(ReportConfigSchema.safeParse({ ...base, promise: 'P' }).success).toBe(true);
  });

  it("takes a chapter's short name for the running heads, never with a digit, only for the part's trends", () => {
    const base = {
      title: 'T',
      subtitle: 'S',
      promise: 'P',
      fileName: 't.pdf',
      keyNumbers: [],
      roles: ['a', 'b'],
      consent: { version: '1', text: 'I agree to everything written here.' },
      marketingOptIn: 'Yes',
    };
    const withHeads = (heads: Record<string, string>) =>
      ReportConfigSchema.safeParse({ ...base, parts: [{ title: 'A', summary: 'S', trends: ['budgets'], heads }] });
    expect(withHeads({ budgets: 'Budgets' }).success).toBe(true);
    // Round 15: a running head over a chart printed the chapter title's 76% and 27% beside their bars.
    const digit = withHeads({ budgets: '83% raised budgets' });
    expect(digit.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['parts.0.heads.budgets', 'has a digit: a running head names the chapter, not a value'],
    ]);
    // A head for a trend the part does not hold is refused with the trends, after them: a misspelt trend in
    // `trends` is named as such first, not as a head that names no trend of the part.
    expect(
      problems([
        { ...part('Money', ['budgets', 'teams']), heads: { tools: 'Tools' } },
        part('Tools', ['tools'], 'none'),
      ]),
    ).toEqual([
      'content/series/s/series.yaml: field "report.parts[0].heads.tools": names "tools", which is not among the part\'s trends',
    ]);
    expect(
      problems([
        { ...part('Money', ['budgets', 'taems']), heads: { teams: 'Teams' } },
        part('Tools', ['tools'], 'none'),
      ])[0],
    ).toMatch(/report\.parts\[0\]\.trends\[1\]": no trend "taems" in this series \(did you mean "teams"\?\)/);
  });
});

describe('placement: summary', () => {
  it('is a placement, and one series has at most one', () => {
    expect(ReportSectionSchema.safeParse({ title: 'Summary', placement: 'summary', order: 1 }).success).toBe(true);
    const found = validateSeries({
      figures: [barsFigure()],
      trends: [],
      surveyFacts: [],
      sections: [
        { file: 'report/summary.mdx', source: '---\n---\nA.', placement: 'summary' },
        { file: 'report/findings.mdx', source: '---\n---\nB.', placement: 'summary' },
      ],
    });
    expect(found).toContainEqual(
      'report/findings.mdx: field "placement": is "summary", like report/summary.mdx; a series has one executive summary',
    );
  });
});

describe('a part without a key figure', () => {
  it('is allowed: the opener then shows none', () => {
    const parts: ReportPartRef[] = [{ title: 'All', trends: ['budgets', 'teams', 'tools'] }];
    expect(problems(parts)).toEqual([]);
  });
});
