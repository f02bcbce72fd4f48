import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, copyOfProject, edit } from './project-copy.ts';

/**
 * An editor's mistake must fail `astro build` with the file and the field named. Each test builds a
 * copy of the project with one mistake in it.
 */
const series = 'content/series/ml-trends-2021';
let workdir: string | undefined;

function copyProject(): string {
  workdir = copyOfProject();
  return workdir;
}

afterEach(() => {
  if (workdir) rmSync(workdir, { recursive: true, force: true });
  workdir = undefined;
});

describe('the build refuses broken content', { timeout: 180_000 }, () => {
  it('names the file, the figure and the field when a figure has no source', () => {
    const dir = copyProject();
    edit(dir, `${series}/figures.json`, (text) => {
      const figures = JSON.parse(text) as Record<string, unknown>[];
      delete figures[1]!.source;
      return JSON.stringify(figures, null, 2);
    });
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${series}/figures.json`);
    expect(output).toContain('ai-priority-over-it');
    expect(output).toContain('source: is required: every figure needs a source');
  });

  it("names the file, the figure and the field when a base gives its size without the source's words", () => {
    const dir = copyProject();
    edit(dir, `${series}/figures.json`, (text) => {
      const figures = JSON.parse(text) as Record<string, unknown>[];
      figures[1]!.base = { text: 'All respondents', n: 403 };
      return JSON.stringify(figures, null, 2);
    });
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${series}/figures.json`);
    expect(output).toContain('ai-priority-over-it');
    expect(output).toContain("base.quote: is required: quote the source's own words for the base");
  });

  it('names series.yaml and the field when a report part lists a trend that does not exist', () => {
    const dir = copyProject();
    edit(dir, `${series}/series.yaml`, (text) => text.replace('trends: [deployment]', 'trends: [deploymnet]'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /series\.yaml: field "report\.parts\[2\]\.trends\[0\]": no trend "deploymnet" in this series \(did you mean "deployment"\?\)/,
    );
    // Taken out of its part, the trend is in none: said too.
    expect(output).toContain('trend "deployment" (');
  });

  it('names the file and the field when two report sections are the executive summary', () => {
    const dir = copyProject();
    cpSync(join(dir, `${series}/report/summary.mdx`), join(dir, `${series}/report/summary-2.mdx`));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /report\/summary(-2)?\.mdx: field "placement": is "summary", like .*report\/summary(-2)?\.mdx/,
    );
  });

  it('names the field when a percentage is outside 0..100', () => {
    const dir = copyProject();
    edit(dir, `${series}/figures.json`, (text) => text.replace('"value": 57', '"value": 157'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('io-decision-makers');
    expect(output).toMatch(/rows\.0\.value: is a percentage and must be between 0 and 100/);
  });

  it('names the file, the figure and the field when a figure has a kind no module draws', () => {
    const dir = copyProject();
    edit(dir, `${series}/figures.json`, (text) => text.replace('"kind": "number"', '"kind": "pie"'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${series}/figures.json`);
    expect(output).toContain('ai-priority-over-it');
    expect(output).toMatch(/kind: must be one of "bars" \(ranked shares\)/);
  });

  it('names the article and line of an unknown figure id, with a hint on how to fix it', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/08-io-leaders.mdx`, (text) =>
      text.replace('<Figure id="io-decision-makers"', '<Figure id="io-decision-maker"'),
    );
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /trends\/08-io-leaders\.mdx:\d+: <Figure id="io-decision-maker">: there is no figure "io-decision-maker" in the dataset\. Did you mean "io-decision-makers"\?/,
    );
    expect(output).toMatch(/Hint:\s+Each line names a file[^\n]*npm run check:content/);
  });

  it('names the article and line of a lower-case <figure>, which would ship an empty element', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/02-teams.mdx`, (text) => text.concat('\n<figure id="io-decision-makers" />\n'));
    const { status, output } = build(dir, { REPORT_PDF: 'off' });
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /trends\/02-teams\.mdx:\d+: <figure> is an HTML element, not the <Figure> component, and shows nothing: did you mean <Figure>\?/,
    );
  });

  it('names both articles when two trends share an order', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/09-deployment.mdx`, (text) => text.replace(/^order: 9$/m, 'order: 8'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    const line = output.split('\n').find((l) => l.includes('field "order" is 8, the same as in'));
    expect(line).toContain('trends/08-io-leaders.mdx');
    expect(line).toContain('trends/09-deployment.mdx');
  });

  it('names the page, its article and the link when a link or an image goes nowhere on the site', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/02-teams.mdx`, (text) =>
      text.concat(
        '\nSee [the governance trend](/ml-trends-2021/governanse/) and ![A chart](/images/budget-chart.png).\n',
      ),
    );
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('2 broken links');
    expect(output).toContain(
      `/ml-trends-2021/teams/ (${series}/trends/02-teams.mdx) links to /ml-trends-2021/governanse/, which no page or file of the site has`,
    );
    expect(output).toContain('links to /images/budget-chart.png');
  });

  it('names the article and the field it resembles when a frontmatter field is misspelt', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/05-governance.mdx`, (text) => text.replace(/^keyFigure:/m, 'keyfigure:'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('05-governance.mdx');
    expect(output).toContain('"keyfigure" is not a known field. Did you mean "keyFigure"?');
  });

  it('names both files when a copied trend would take the address of the one it was copied from', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/10-mlops.mdx`, (text) => text.replace(/^order: 10$/m, 'order: 11'));
    cpSync(join(dir, `${series}/trends/02-teams.mdx`), join(dir, `${series}/trends/11-teams.mdx`));
    edit(dir, `${series}/trends/11-teams.mdx`, (text) => text.replace(/^order: 2$/m, 'order: 10'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(
      `${series}/trends/11-teams.mdx: has the address "teams", the same as ${series}/trends/02-teams.mdx`,
    );
  });
});
