import { blank, lineAt, maskCodeAndComments, maskFrontmatter, maskUrls } from './mdx-source.ts';
import { MDX_COMPONENTS } from './mdx-refs.ts';

/**
 * Percentages typed by hand in an article cannot be kept in step with the dataset, so every percentage
 * must come from `<Stat>` or a `<Figure>`. This finds the ones that do not: in the body and in the
 * title and summary, outside component tags, code, comments and URLs.
 */

export interface PercentLiteral {
  /** The literal as written, e.g. "57%". */
  text: string;
  line: number;
}

const COMPONENT_TAG = new RegExp(`<(?:${MDX_COMPONENTS.join('|')})\\b(?:[^>"']|"[^"]*"|'[^']*')*>`, 'g');
const PERCENT = /(?<![\w.])\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b|pct\b)/gi;

export function findPercentLiterals(source: string): PercentLiteral[] {
  const prose = maskUrls(maskCodeAndComments(maskFrontmatter(source, ['title', 'summary']))).replace(
    COMPONENT_TAG,
    blank,
  );
  return [...prose.matchAll(PERCENT)].map((match) => ({ text: match[0], line: lineAt(prose, match.index) }));
}
