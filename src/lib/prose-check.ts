import { lineAt } from './mdx-refs.ts';

/**
 * Percentages typed by hand in an article cannot be kept in step with the dataset, so every percentage
 * must come from `<Stat>` or a `<Figure>`. This finds the ones that do not, anywhere in the file
 * (title and summary included), outside component tags and code.
 */

export interface PercentLiteral {
  /** The literal as written, e.g. "57%". */
  text: string;
  line: number;
}

const PERCENT = /(?<![\w.])\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b|pct\b)/gi;

/** Replaces every character of a match with spaces (newlines kept) so offsets and lines stay true. */
function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

export function findPercentLiterals(source: string): PercentLiteral[] {
  const prose = source
    .replace(/```[\s\S]*?```/g, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/<(Figure|Stat|Survey)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g, blank)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank);
  return [...prose.matchAll(PERCENT)].map((match) => ({ text: match[0], line: lineAt(prose, match.index) }));
}
