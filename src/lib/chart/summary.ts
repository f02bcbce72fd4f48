import type { Figure } from '../schema/figure.ts';

/**
 * Label text as it reads mid-sentence: "All respondents" becomes "all respondents", while an acronym
 * ("IT leaders", "CTOs") stays as written. Only a capital followed by a lower-case letter is lowered.
 */
export function midSentence(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/**
 * Who the percentages are of: "all respondents (n = 403)" where a source documents the base, else
 * "respondents (survey of 403)" with the survey's size where it is given, which is not the base's size.
 */
export function baseText(figure: Pick<Figure, 'base' | 'n'>, surveySize?: number): string {
  const base = midSentence(figure.base);
  if (figure.n !== null) return `${base} (n = ${figure.n})`;
  return surveySize === undefined ? `${base} (n not published)` : `${base} (survey of ${surveySize})`;
}

/** Who the previous edition's values of a paired figure are of, or undefined when it has none. */
export function previousBaseText(figure: Figure): string | undefined {
  if (figure.previousBase === undefined) return undefined;
  return baseText({ base: figure.previousBase, n: figure.previousN ?? null });
}

/** How the answer format reads under a chart, or undefined where answers were single-choice. */
export function answerFormatText(figure: Pick<Figure, 'multiSelect'>): string | undefined {
  if (figure.multiSelect === true) return 'Multi-select: shares add to more than 100%.';
  if (figure.multiSelect === false) return undefined;
  return 'Whether respondents could pick several answers: not published.';
}
