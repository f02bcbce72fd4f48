import { SYNTHETIC_NOTE, type SurveyCredit } from './chart/summary.ts';
import type { KeyNumber } from './series-summary.ts';

/** "a", "a and b", "a, b and c". */
function listed(items: readonly string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The source line under the report page's claim (`report.headline`), which argues from the report's key
 * numbers: who ran the survey, how many answered and when, and who reported those numbers, each named once
 * ("Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403, fielded November 2020), as
 * reported by the Algorithmia blog and Kyle Gallatin, O'Reilly Media, August 2021."). Undefined without key
 * numbers: a claim with no number behind it on the page has no source to name.
 */
export function claimSourceLine(
  numbers: readonly Pick<KeyNumber, 'source'>[],
  survey: SurveyCredit,
): string | undefined {
  if (numbers.length === 0) return undefined;
  const reporters = [...new Set(numbers.map((n) => n.source))];
  // A survey without a publisher is the site's own: its source line names it, and no one reported it.
  if (!survey.publisher) return `Source: ${listed(reporters)}.${survey.synthetic ? ` ${SYNTHETIC_NOTE}` : ''}`;
  const about = [
    survey.respondents === undefined ? undefined : `survey of ${survey.respondents}`,
    survey.fielded && `fielded ${survey.fielded}`,
  ].filter(Boolean);
  const producer = `${survey.publisher}, ${survey.title}${about.length > 0 ? ` (${about.join(', ')})` : ''}`;
  return `Source: ${producer}, as reported by ${listed(reporters)}.`;
}
