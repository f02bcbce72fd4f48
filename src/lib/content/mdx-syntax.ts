/**
 * MDX syntax problems of an article, as the build's MDX compiler would meet them (a tag left open, an HTML
 * comment, a stray `{`), found by parsing alone: `npm run check:content` names them with the file, line
 * and column in the file, without building. Uses the parser MDX itself uses (remark-parse and remark-mdx,
 * micromark's MDX syntax), so what passes here parses in the build.
 */
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { maskFrontmatter } from '../mdx-source.ts';

const parser = unified().use(remarkParse).use(remarkMdx);

export function mdxSyntaxProblems(file: string, source: string): string[] {
  try {
    // The frontmatter is blanked, not removed, so that lines and columns stay those of the file.
    parser.parse(maskFrontmatter(source));
    return [];
  } catch (error) {
    const { line, column, place, reason, message } = error as {
      line?: number;
      column?: number;
      place?: { line: number; column: number } | { start: { line: number; column: number } };
      reason?: string;
      message: string;
    };
    // Where it is: the message's place, else the `(line:column-…)` its text ends with (an unclosed tag).
    const written = /\((\d+):(\d+)(?:-\d+:\d+)?\)$/.exec(message);
    const start = (place && 'start' in place ? place.start : place) ?? {
      line: Number(written?.[1] ?? 0),
      column: Number(written?.[2] ?? 1),
    };
    const at = (line ?? start.line) ? `:${line ?? start.line}:${column ?? start.column}` : '';
    return [`${file}${at}: ${(reason ?? message).replace(/ \(\d+:\d+(?:-\d+:\d+)?\)$/, '')}`];
  }
}
