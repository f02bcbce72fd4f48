import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkSmartypants from 'remark-smartypants';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import remarkTypography from '../../src/lib/remark-typography.ts';
import { typeset, typesetFigure } from '../../src/lib/typography.ts';
import { SMARTYPANTS } from '../../src/lib/typography-options.ts';
import { numberFigure, stackedFigure } from './fixtures/figures.ts';
import { seriesDir } from './fixtures/real-content.ts';

describe('typeset', () => {
  it('curls quotes and apostrophes and sets en and em dashes and ellipses', () => {
    expect(typeset(`The team's "pilot" -- 2020--2021 --- ran 'late'...`)).toBe(
      'The team’s “pilot” – 2020–2021 — ran ‘late’…',
    );
  });

  it('leaves text without straight punctuation as it is', () => {
    expect(typeset('AI/ML budgets rose in 2021 (n = 403).')).toBe('AI/ML budgets rose in 2021 (n = 403).');
  });
});

describe('typesetFigure', () => {
  it('sets every text readers see: title, question, base, labels, note and source title, and keeps ids and keys', () => {
    const figure = typesetFigure(
      stackedFigure({
        title: `"Priority" rose`,
        note: `"Stayed the same" is derived -- 100% minus the rest.`,
        rows: [
          { label: `"Up"`, value: 64 },
          { label: 'Same', value: 30, derived: true },
          { label: 'Down', value: 6 },
        ],
      }),
    );
    expect(figure.title).toBe('“Priority” rose');
    expect(figure.note).toBe('“Stayed the same” is derived – 100% minus the rest.');
    expect(figure.rows[0]!.label).toBe('“Up”');
    expect(figure.id).toBe('ai-priority-change');
    const number = typesetFigure(
      numberFigure({ source: { key: "K'1", title: `Louis's "article"`, confidence: 'PR' } }),
    );
    expect(number.source).toEqual({ key: "K'1", title: 'Louis’s “article”', confidence: 'PR' });
  });
});

describe('remarkTypography, the MDX pipeline plugin', () => {
  /** Parses MDX, applies a plugin and returns the tree as JSON. */
  const run = (plugin: typeof remarkTypography, mdx: string) => {
    const processor = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).use(plugin, SMARTYPANTS);
    return JSON.stringify(processor.runSync(processor.parse(mdx)));
  };

  /** The library it follows, typed as the Markdown pipeline takes it. */
  const smartypants = remarkSmartypants as typeof remarkTypography;

  // Each of the second pass's marks on its own too: a text node it skips must hold none of them.
  const tricky = [
    'Dots across a next-line character .\u0085.\u0085. here.',
    'An en dash and a hyphen: –- here.',
    'Three dots... here.',
    'Spaced dots . . . here.',
    "``Backticks'' here.",
    'Em---dash here.',
    `He said "it's *very* 'good'" -- then left... The 1990s--2000s. 'Tis "[a link](/x)".`,
    'A `code "span"` and "quotes around `code`" -- and . . . spaced dots, ``backticks\'\' too.',
    '# A "heading"\n\n| "Cell" | it\'s |\n| --- | --- |\n| a -- b | c---d |\n',
    '<Stat figure="x" label="Don\'t" /> said "yes" <span>"inline"</span> <style>{"a"}</style>',
    '"Quote at the start" of a paragraph.\n\n"Another" one -- and an em --- dash, and a dash –- pair.',
  ];

  it('sets the same text as remark-smartypants on tricky input', () => {
    for (const mdx of tricky) expect(run(remarkTypography, mdx), mdx).toBe(run(smartypants, mdx));
  });

  it('sets the same text as remark-smartypants in every article and report section', () => {
    const files = readdirSync(join(seriesDir, '..'), { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.mdx'))
      .map((file) => join(seriesDir, '..', file));
    expect(files.length).toBeGreaterThanOrEqual(10);
    for (const file of files) {
      const mdx = readFileSync(file, 'utf8').replace(/^---[\s\S]*?\n---\n/, '');
      expect(run(remarkTypography, mdx), file).toBe(run(smartypants, mdx));
    }
  });

  it('curls the quotes around a link and sets the dashes in the text beside it', () => {
    const tree = run(remarkTypography, 'See "[the report](/r)" -- now.');
    expect(tree).toContain('"value":"See “"');
    expect(tree).toContain('"value":"” – now."');
  });
});
