import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mdxSyntaxProblems } from '../../src/lib/content/mdx-syntax.ts';

const article = (...body: string[]) =>
  ['---', 'title: "A trend"', 'keyFigure: { figure: a, label: "b" }', '---', '', ...body].join('\n');

describe('mdxSyntaxProblems', () => {
  it('names the line and column of a tag left open, as the build would fail on it', () => {
    expect(mdxSyntaxProblems('t.mdx', article('Text.', '', '<Figure id="team-size">', '', 'More.'))).toEqual([
      't.mdx:8:1: Expected a closing tag for `<Figure>`',
    ]);
  });

  it('refuses an HTML comment, which MDX does not read, naming its line', () => {
    expect(mdxSyntaxProblems('t.mdx', article('Text.', '<!-- a note -->'))).toEqual([
      expect.stringMatching(/^t\.mdx:7:\d+: /),
    ]);
  });

  it('passes every article and report section of the real series, frontmatter and all', () => {
    const dir = new URL('../../content/series/ml-trends-2021/', import.meta.url);
    for (const sub of ['trends', 'report']) {
      for (const name of readdirSync(new URL(`${sub}/`, dir))) {
        const file = `${sub}/${name}`;
        expect(mdxSyntaxProblems(file, readFileSync(new URL(file, dir), 'utf8')), file).toEqual([]);
      }
    }
  });
});
