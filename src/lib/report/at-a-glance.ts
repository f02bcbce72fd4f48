import type { Figure } from '../schema/figure.ts';
import type { Survey } from '../schema/series.ts';

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** One line of the report's "survey at a glance" page: a term and what the survey says about it. */
export interface GlanceRow {
  term: string;
  detail: string;
  /** A short figure shown large beside the term, where there is one. */
  figure?: string;
  /** Several items (the limits): shown as a list. */
  items?: string[];
}

/**
 * The survey at a glance, from `series.yaml` and the dataset: who answered, when, on what base, how many
 * questions, how the sample was drawn, who ran it and what it cannot tell. Rows whose facts are not given
 * (an optional publisher or limits) are left out.
 */
export function surveyAtAGlance(survey: Survey, figures: readonly Figure[], own = false): GlanceRow[] {
  // A base is stated only where a source states it (`base` in figures.json, with the source's words).
  const stated = figures.filter((f) => f.base !== undefined).length;
  const size = survey.respondents;
  // The tables print an unstated base as a dash ("survey of 403; base –"), with the key in their head.
  const none = `survey of ${size}; base –`;
  let base = `${stated} of the ${figures.length} tables in The numbers give a base, in the words of the source that states it. For the others no source states who answered, so each says “${none}” and has no 95% interval.`;
  if (stated === figures.length)
    base = 'Every table in The numbers gives its base in the words of the source that states it.';
  if (stated === 0)
    base = `No source states how many people answered any one question: each table in The numbers gives the base as “${none}”, and no 95% interval is computed.`;
  // A series' own survey: every base is computed from the responses, and sampling is said as written.
  if (own) {
    base =
      'Every table in The numbers gives its base as computed from the responses: who was asked the question, and how many of them answered.';
  }
  const rows: GlanceRow[] = [
    {
      term: 'Respondents',
      figure: String(survey.respondents),
      detail: `${capitalised(survey.respondentsDescription)}, at ${survey.revenueFilter}.`,
    },
    { term: 'Fielded', figure: survey.fielded, detail: '' },
    // No figure set large: a count of charts says nothing about who answered.
    { term: 'Base', detail: base },
    { term: 'Questions', figure: String(survey.questions), detail: `Covering ${survey.topics}.` },
    { term: 'Sampling', detail: own ? `${capitalised(survey.sampling)}.` : `A ${survey.sampling}.` },
  ];
  if (survey.publisher) rows.push({ term: 'Survey by', detail: `${survey.publisher}.` });
  if (survey.limits) rows.push({ term: 'Limits', detail: '', items: survey.limits });
  return rows;
}
