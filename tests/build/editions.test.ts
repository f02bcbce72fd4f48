import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, copyOfProject, edit } from './project-copy.ts';

/**
 * Every edition is reachable from the home page: built once with the one series of the project, then
 * again with a newer edition added beside it.
 */
const OLD = 'ml-trends-2021';
const NEW = 'ml-trends-2022';
const NEW_TITLE = '2022 enterprise trends in machine learning';
let dir: string;
const single: Record<string, string> = {};
const double: Record<string, string> = {};

function buildPages(into: Record<string, string>, paths: string[]) {
  const result = build(dir, { REPORT_PDF: 'off' });
  if (result.status !== 0) throw new Error(result.output.slice(-3000));
  for (const path of paths) into[path] = readFileSync(join(dir, 'dist/client', path, 'index.html'), 'utf8');
}

beforeAll(() => {
  dir = copyOfProject();
  // The editions of one series: the demonstration series (a fictional survey, never featured) is left out.
  rmSync(join(dir, 'content/series/platform-engineering-2024'), { recursive: true, force: true });
  buildPages(single, ['', OLD]);
  cpSync(join(dir, `content/series/${OLD}`), join(dir, `content/series/${NEW}`), { recursive: true });
  edit(dir, `content/series/${NEW}/series.yaml`, (text) =>
    text
      .replace(/^title: .*$/m, `title: ${NEW_TITLE}`)
      .replace(/^edition: 2021$/m, 'edition: 2022')
      .replace(/^editionLabel: .*$/m, 'editionLabel: Fourth annual edition')
      .replace('fileName: 2021-', 'fileName: 2022-'),
  );
  buildPages(double, ['', OLD, NEW]);
}, 600_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Where the links inside the section headed `title` lead (each once), or undefined without such a section. */
function sectionLinks(html: string, title: string): string[] | undefined {
  const start = html.search(new RegExp(`<h2[^>]*>${title}</h2>`));
  if (start < 0) return undefined;
  const section = html.slice(start, html.indexOf('</section>', start));
  return [...new Set([...section.matchAll(/<a [^>]*href="([^"]+)"/g)].map((m) => m[1]!))];
}

/** The series the home page features: the one its kicker, above the lead headline, names and links. */
const featured = (html: string) => /<p class="kicker[^"]*"[^>]*>\s*<a href="([^"]+)"/.exec(html)?.[1];

describe('editions on the home page and the series indexes', { timeout: 60_000 }, () => {
  it('with one series: the home page features it and shows no editions section', () => {
    expect(featured(single['']!)).toBe(`/${OLD}/`);
    expect(single['']).not.toMatch(/edition<\/h2>|editions<\/h2>/i);
    expect(single[OLD]).not.toContain('Other editions');
  });

  it('with two series: the newest leads the home page and both are linked from it, newest first', () => {
    const home = double['']!;
    expect(featured(home)).toBe(`/${NEW}/`);
    expect(home).toContain('Fourth annual edition');
    expect(home).toContain(`href="/${NEW}/investment/"`);
    // The newest is the page itself; the earlier ones follow the report, newest first.
    expect(sectionLinks(home, 'Earlier editions')).toEqual([`/${OLD}/`]);
  });

  it('with two series: each index says its edition and links the other one', () => {
    // One kicker over the finding heading: the series' name (its year in it), then its edition, held to it by a
    // no-break space, as the index writes it.
    expect(double[NEW]).toMatch(new RegExp(`${NEW_TITLE}</span>&nbsp;· Fourth annual edition`));
    expect(double[OLD]).toMatch(/2021 enterprise trends in machine learning<\/span>&nbsp;· Third annual edition/);
    expect(double[OLD]).toMatch(/an earlier edition; the latest is <a href="\/ml-trends-2022\/"/);
    expect(sectionLinks(double[NEW]!, 'Other editions')).toEqual([`/${OLD}/`]);
    expect(sectionLinks(double[OLD]!, 'Other editions')).toEqual([`/${NEW}/`]);
  });
});
