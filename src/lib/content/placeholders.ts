/**
 * The text `npm run new:series` and `npm run new:trend` leave for the editor to replace. It is fine in a
 * series whose trends are all drafts; once a trend is set to go out, every placeholder is a problem.
 */
import { lineAt } from '../mdx-source.ts';
import { fieldPath } from '../schema/issues.ts';
import type { SeriesData } from '../schema/series.ts';
import type { TrendSource } from '../validate-series.ts';

/** The first words of a new trend's body. */
export const TREND_BODY_PLACEHOLDER = 'Write the article here.';

/** The summary of a new trend. */
export const TREND_SUMMARY = 'One or two sentences for the series index, the feed and search results.';

/** How a series.yaml value a new series leaves to be written is marked: "TODO: …", "TODO-set-a-version". */
const TODO = /\bTODO\b/;

export function placeholderProblems(
  seriesFile: string,
  data: SeriesData | undefined,
  trends: readonly TrendSource[],
): string[] {
  const going = trends.filter((trend) => !trend.data.draft);
  if (going.length === 0) return [];
  const problems: string[] = [];
  for (const [path, text] of data ? strings(data, []) : []) {
    if (!TODO.test(text)) continue;
    const shown = text.length > 70 ? `${text.slice(0, 69)}…` : text;
    problems.push(
      `${seriesFile}: field "${fieldPath(path)}" still holds a placeholder ("${shown}"); write it before a trend is published.`,
    );
  }
  for (const { file, source, data: trend } of going) {
    const at = source.indexOf(TREND_BODY_PLACEHOLDER);
    if (at >= 0) {
      problems.push(
        `${file}:${lineAt(source, at)}: still holds the placeholder "${TREND_BODY_PLACEHOLDER}"; write the article, or set draft: true.`,
      );
    }
    if (trend.summary === TREND_SUMMARY) {
      problems.push(`${file}: field "summary" still holds the placeholder; write the summary, or set draft: true.`);
    }
  }
  return problems;
}

/** Every text value in `value`, with its path. */
function strings(value: unknown, path: PropertyKey[]): [PropertyKey[], string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => strings(item, [...path, i]));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.entries(value).flatMap(([key, item]) => strings(item, [...path, key]));
  }
  return [];
}
