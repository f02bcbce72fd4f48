import type { Figure } from '../schema/figure.ts';
import { formatPercent } from '../format.ts';

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

/** One sentence a screen reader reads in place of the chart. */
export function figureSummary(figure: Figure): string {
  const derived = (derived: boolean) => (derived ? ' (derived)' : '');
  if (figure.kind === 'paired') {
    const [now, before] = figure.seriesLabels ?? ['current edition', 'previous edition'];
    const pairs = figure.rows.map(
      (r) =>
        `${r.label}: ${formatPercent(r.value)} in the ${now} against ${formatPercent(r.previous ?? 0)} in the ${before}`,
    );
    return `Paired bar chart of ${baseText(figure)}. ${pairs.join('; ')}.`;
  }
  const parts = figure.rows.map((r) => `${r.label} ${formatPercent(r.value)}${derived(r.derived)}`).join(', ');
  if (figure.kind === 'stacked') return `Stacked bar of ${baseText(figure)}, parts adding up to 100%: ${parts}.`;
  const multi = figure.multiSelect ? ' Respondents could pick several answers, so shares add to more than 100%.' : '';
  return `Bar chart of the share of ${baseText(figure)}: ${parts}.${multi}`;
}
