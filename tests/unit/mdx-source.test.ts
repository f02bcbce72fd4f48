import { describe, expect, it } from 'vitest';
import { lineAt, maskCodeAndComments, maskFrontmatter, maskUrls } from '../../src/lib/mdx-source.ts';

const source = [
  '---',
  'title: "Half of them"',
  'summary: >-',
  '  A folded summary',
  '  on two lines.',
  'keyFigure: { figure: x, label: "More than 50%" }',
  '---',
  'Body text.',
].join('\n');

describe('maskFrontmatter', () => {
  it('keeps every line in place, so line numbers stay those of the file', () => {
    const masked = maskFrontmatter(source);
    expect(masked.split('\n')).toHaveLength(8);
    expect(lineAt(masked, masked.indexOf('Body text.'))).toBe(8);
    expect(masked).not.toContain('title');
  });

  it('keeps the values of the fields asked for, with their continuation lines, and masks the rest', () => {
    const masked = maskFrontmatter(source, ['title', 'summary']);
    expect(masked).toContain('"Half of them"');
    expect(masked).toContain('on two lines.');
    expect(masked).not.toContain('50%');
    expect(masked).not.toContain('title:');
  });

  it('leaves a file without frontmatter as it is', () => {
    expect(maskFrontmatter('Just text.')).toBe('Just text.');
  });
});

describe('masking code, comments and links', () => {
  it('masks code, MDX and HTML comments, and URLs without moving the rest', () => {
    const text = 'a `57%` b {/* 12% */} c <!-- 3% --> d [link](https://x.test/2021%20report.pdf) e';
    const masked = maskUrls(maskCodeAndComments(text));
    expect(masked).toHaveLength(text.length);
    expect(masked).not.toMatch(/%/);
    expect(masked.replace(/\s+/g, ' ')).toBe('a b c d [link e');
  });
});
