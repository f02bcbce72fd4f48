import type { Figure } from '../schema/figure.ts';

/**
 * Label text as it reads mid-sentence: "All respondents" becomes "all respondents", while an acronym
 * ("IT leaders", "CTOs") stays as written. Only a capital followed by a lower-case letter is lowered.
 */
export function midSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** Who the percentages are of, e.g. "all respondents (n = 403)". */
export function baseText(figure: Figure): string {
  const base = midSentence(figure.base);
  return figure.n === null ? `${base} (n not published)` : `${base} (n = ${figure.n})`;
}
