import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readSeriesFromDisk, seriesProblems } from '../../src/lib/content/series-files.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const SERIES = 'ml-trends-2021';
const folder = `content/series/${SERIES}`;
let dir: string | undefined;

/** A copy of the real series' folder, changed by `change`, read as check:content and the build read it. */
function problemsAfter(change: (path: (file: string) => string) => void): string[] {
  dir = mkdtempSync(join(tmpdir(), 'mt-series-files-'));
  cpSync(join(root, folder), join(dir, folder), { recursive: true });
  change((file) => join(dir!, folder, file));
  return seriesProblems(readSeriesFromDisk(dir, SERIES));
}

function editFile(path: string, change: (text: string) => string): void {
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${path} changed nothing`);
  writeFileSync(path, after);
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('readSeriesFromDisk: YAML an editor breaks', () => {
  it('names series.yaml and the line and column of a syntax error, and reads the rest', () => {
    const problems = problemsAfter((path) =>
      editFile(path('series.yaml'), (text) => text.replace(/^language: en$/m, 'language: [en')),
    );
    const line =
      readFileSync(join(root, folder, 'series.yaml'), 'utf8')
        .split('\n')
        .indexOf('language: en') + 1;
    expect(problems[0]).toMatch(new RegExp(`^${folder}/series.yaml:${line + 1}:\\d+: is not valid YAML: `));
    expect(problems).toHaveLength(1);
  });

  it('names the article and the line of a frontmatter syntax error, counted in the .mdx file', () => {
    const problems = problemsAfter((path) =>
      editFile(path('trends/03-use-cases.mdx'), (text) => text.replace(/^title: (.*)$/m, 'title: $1\n  author: x')),
    );
    const source = readFileSync(join(root, folder, 'trends/03-use-cases.mdx'), 'utf8').split('\n');
    const line = source.findIndex((l) => l.startsWith('title:')) + 2;
    expect(problems[0]).toMatch(
      new RegExp(`^${folder}/trends/03-use-cases.mdx:${line}:\\d+: the frontmatter is not valid YAML: `),
    );
  });
});

describe('readSeriesFromDisk: one mistake, one problem', () => {
  it('reports a figure that fails its schema once, not again at every place the articles use it', () => {
    const problems = problemsAfter((path) =>
      editFile(path('figures.json'), (text) => text.replace('"kind": "paired"', '"kind": "bar"')),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/figures\.json: figure "[a-z-]+": field "kind" must be one of/);
  });

  it('reports figures.json that is not JSON once, not as a missing figure at every use', () => {
    const problems = problemsAfter((path) => editFile(path('figures.json'), (text) => text.replace(/\]\s*$/, ',]')));
    expect(problems).toEqual([expect.stringMatching(/figures\.json: is not valid JSON/)]);
  });

  it('does not blame the last trend for a gap that an unreadable trend leaves', () => {
    const problems = problemsAfter((path) =>
      editFile(path('trends/02-teams.mdx'), (text) => text.replace(/^title: .*\n/m, '')),
    );
    expect(problems).toEqual([`${folder}/trends/02-teams.mdx: field "title" is required`]);
  });
});

describe('readSeriesFromDisk: what would be published by mistake', () => {
  it('refuses placeholders of a new series once one of its trends is published, naming each field', () => {
    const problems = problemsAfter((path) =>
      editFile(path('series.yaml'), (text) =>
        text.replace(/^ {2}fielded: .*$/m, '  fielded: TODO when the survey ran'),
      ),
    );
    expect(problems).toEqual([
      `${folder}/series.yaml: field "survey.fielded" still holds a placeholder ("TODO when the survey ran"); write it before a trend is published.`,
    ]);
  });

  it("refuses a published trend that still holds the new trend's placeholder text", () => {
    const problems = problemsAfter((path) =>
      editFile(path('trends/04-early-adopters.mdx'), (text) =>
        text.replace(/\n---\n/, '\n---\n\nWrite the article here. Every number comes from the dataset.\n'),
      ),
    );
    expect(problems).toEqual([
      expect.stringMatching(
        new RegExp(
          `^${folder}/trends/04-early-adopters.mdx:\\d+: still holds the placeholder "Write the article here\\."`,
        ),
      ),
    ]);
  });

  it('names an article saved as .md, which the site would leave out without a word', () => {
    const problems = problemsAfter((path) => writeFileSync(path('trends/11-extra.md'), '---\ntitle: x\n---\n'));
    expect(problems).toEqual([
      `${folder}/trends/11-extra.md: is not read: articles are .mdx files; rename it to 11-extra.mdx.`,
    ]);
  });
});

describe('readSeriesFromDisk: the finding the home page leads with (home.lead)', () => {
  const lead = (change: (text: string) => string) =>
    problemsAfter((path) => editFile(path('series.yaml'), change)).filter((p) => p.includes('home'));

  it('accepts the series as published', () => {
    expect(lead((text) => `${text}\n`)).toEqual([]);
  });

  it('names the file and field of a figure that does not exist, with the likely one', () => {
    expect(lead((text) => text.replace('figure: budget-growth\n    label', 'figure: budget-grwth\n    label'))).toEqual(
      [
        `${folder}/series.yaml: field "home.lead.figure": there is no figure "budget-grwth" in the dataset. Did you mean "budget-growth"?`,
      ],
    );
  });

  it('names a row the figure does not have', () => {
    const problems = lead((text) =>
      text.replace('label: Increased the AI/ML budget\n    headline', 'label: Raised it\n    headline'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /series\.yaml: field "home\.lead\.label": figure "budget-growth" has no row labelled "Raised it"/,
    );
  });

  it('refuses a headline without its number, with a typed share, or with an unknown placeholder', () => {
    const problems = lead((text) =>
      text.replace(/headline: '.*'$/m, `headline: 'Most organizations (83%) raised their budget, {valeu}'`),
    );
    expect(problems).toEqual([
      `${folder}/series.yaml: field "home.lead.headline": {valeu} is not a placeholder; use {value} or {previous}.`,
      `${folder}/series.yaml: field "home.lead.headline": has no {value}; the headline is a claim with its number, written as {value} so that the dataset supplies it.`,
      `${folder}/series.yaml: field "home.lead.headline": "83%" is typed by hand; write {value} or {previous} so that the number comes from figures.json.`,
    ]);
  });

  it('refuses {previous} for a row without a previous-edition value', () => {
    const problems = lead((text) =>
      text.replace(
        'figure: budget-growth\n    label: Increased the AI/ML budget',
        'figure: io-decision-makers\n    label: Infrastructure and operations leaders',
      ),
    );
    expect(problems).toEqual([
      `${folder}/series.yaml: field "home.lead.headline": {previous} cannot be filled: row "Infrastructure and operations leaders" of figure "io-decision-makers" has no previous-edition value.`,
    ]);
  });

  it('names an unknown field under home.lead', () => {
    const problems = lead((text) =>
      // The home page's lead (a part's key figure may name the same figure higher up).
      text.replace(/^( {2}lead:\n {4}figure: budget-growth\n)/m, '$1    chart: bars\n'),
    );
    expect(problems.join('\n')).toMatch(/series\.yaml: field "home\.lead\.chart" is not a known field/);
  });
});

describe('readSeriesFromDisk: the chart the series index leads with (index.lead)', () => {
  const lead = (change: (text: string) => string) =>
    problemsAfter((path) => editFile(path('series.yaml'), change)).filter((p) => p.includes('index'));

  it('accepts the series as published', () => {
    expect(lead((text) => `${text}\n`)).toEqual([]);
  });

  it('names the file and field of a figure that does not exist, with the likely one', () => {
    expect(
      lead((text) => text.replace(/^(index:\n {2}lead:\n {4}figure:) ai-priority-change$/m, '$1 ai-priority-chnge')),
    ).toEqual([
      `${folder}/series.yaml: field "index.lead.figure": there is no figure "ai-priority-chnge" in the dataset. Did you mean "ai-priority-change"?`,
    ]);
  });

  it('refuses the figure the home page already leads with: the index would repeat it', () => {
    expect(
      lead((text) => text.replace(/^(index:\n {2}lead:\n {4}figure:) ai-priority-change$/m, '$1 budget-growth')),
    ).toEqual([
      `${folder}/series.yaml: field "index.lead.figure": "budget-growth" is the chart the home page leads with (home.lead); lead the index with another finding.`,
    ]);
  });
});

describe('readSeriesFromDisk: a series kept off the listings (listed)', () => {
  it('names the file and field when listed is not true or false', () => {
    const problems = problemsAfter((path) =>
      editFile(path('series.yaml'), (text) => `${text}\nlisted: not on the home page\n`),
    );
    expect(problems.join('\n')).toMatch(/series\.yaml: field "listed" must be true, false or "demonstration"/);
  });

  it('refuses listed: demonstration on a series that is not a demonstration (the ML series)', () => {
    const problems = problemsAfter((path) =>
      editFile(path('series.yaml'), (text) => `${text}\nlisted: demonstration\n`),
    );
    expect(problems.join('\n')).toMatch(
      /ml-trends-2021\/series\.yaml: field "listed" may be "demonstration" only on a demonstration series \(demonstration: true\)/,
    );
  });
});

describe('readSeriesFromDisk: the report page headline and deck (report.headline, report.deck)', () => {
  const report = (change: (text: string) => string) =>
    problemsAfter((path) => editFile(path('series.yaml'), change)).filter((p) => p.includes('report.'));

  it('accepts the series as published', () => {
    expect(report((text) => `${text}\n`)).toEqual([]);
  });

  it('refuses a headline with a share typed by hand', () => {
    const problems = report((text) =>
      text.replace(/^ {2}headline: .*$/m, '  headline: 64% of large organizations need a month to deploy a model'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/series\.yaml: field "report\.headline":? has a share typed by hand/);
  });

  it('refuses a headline that repeats the title, and a deck that repeats the subtitle', () => {
    const problems = report((text) =>
      text
        .replace(
          /^ {2}headline: .*$/m,
          '  headline: "Bigger budgets, a month or more to deploy: the 2021 machine learning trends survey."',
        )
        // The subtitle set to one known line, and the deck to the same words.
        .replace(
          /^ {2}subtitle: (?:>-\n(?: {4}.*\n)+|.*\n)/m,
          '  subtitle: Ten trends from the third annual survey of enterprise AI/ML leaders and practitioners\n',
        )
        .replace(
          /^ {2}deck: >-\n(?: {4}.*\n)+/m,
          '  deck: Ten trends from the third annual survey of enterprise AI/ML leaders and practitioners.\n',
        ),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/series\.yaml: field "report\.headline":? repeats the title/);
    expect(problems[1]).toMatch(/series\.yaml: field "report\.deck":? repeats the subtitle/);
  });
});

describe('readSeriesFromDisk: the licence readers may reuse the series under (license)', () => {
  const license = (change: (text: string) => string) =>
    problemsAfter((path) => editFile(path('series.yaml'), change)).filter((p) => p.includes('license'));

  it('names the field when the address is not a https address', () => {
    const problems = license((text) =>
      text.replace('url: https://creativecommons.org/licenses/by/4.0/', 'url: creativecommons.org/licenses/by/4.0'),
    );
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/series\.yaml: field "license\.url":? must be the licence text's web address/);
  });

  it('names the field when the licence has no name', () => {
    const problems = license((text) => text.replace(/^ {2}name: CC BY 4\.0\n/m, ''));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/series\.yaml: field "license\.name":? is required/);
  });
});
