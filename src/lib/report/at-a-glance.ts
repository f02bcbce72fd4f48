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
export function surveyAtAGlance(survey: Survey, figures: readonly Figure[]): GlanceRow[] {
  const whole = figures.filter((f) => f.n === survey.respondents).length;
  const size = survey.respondents;
  let base = `${whole} of the ${figures.length} tables in The numbers are shares of all ${size} respondents, as their sources document; for the others the base was not published, and their tables in The numbers say so.`;
  if (whole === figures.length) base = `Every figure in this report is a share of all ${size} respondents.`;
  if (whole === 0)
    base = `No source documents the base of a single figure: each is a share of respondents to a survey of ${size}, and its table in The numbers says so.`;
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
    { term: 'Sampling', detail: `A ${survey.sampling}.` },
  ];
  if (survey.publisher) rows.push({ term: 'Survey by', detail: `${survey.publisher}.` });
  if (survey.limits) rows.push({ term: 'Limits', detail: '', items: survey.limits });
  return rows;
}
