import { maskCodeAndComments } from './mdx-source.ts';

/**
 * Ten articles, not one template: no two articles may share the same sequence of section headings.
 */

/** The section headings of an MDX body, in order, as "## Heading" lines (code and comments ignored). */
export function headingSequence(source: string): string[] {
  const body = maskCodeAndComments(source.replace(/^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/, ''));
  return [...body.matchAll(/^(#{2,6})[^\S\n]+(.+?)[^\S\n]*#*[^\S\n]*$/gm)].map(
    (m) => `${m[1]} ${m[2]!.trim().toLowerCase()}`,
  );
}

/** One problem per article whose heading sequence repeats an earlier article's, naming both files. */
export function repeatedHeadingSequences(articles: readonly { file: string; source: string }[]): string[] {
  const seen = new Map<string, string>();
  const problems: string[] = [];
  for (const { file, source } of articles) {
    const sequence = headingSequence(source);
    if (sequence.length === 0) continue;
    const key = sequence.join('\n');
    const first = seen.get(key);
    if (first) {
      const headings = sequence.map((h) => `"${h.replace(/^#+ /, '')}"`).join(', ');
      problems.push(
        `${file}: has the same section headings as ${first} (${headings}); give each article a structure that fits its story`,
      );
    } else seen.set(key, file);
  }
  return problems;
}
