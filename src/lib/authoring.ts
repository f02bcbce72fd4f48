import slugify from '@sindresorhus/slugify';
import type { ReportConfig, SeriesData } from './schema/series.ts';
import { articleSlug } from './content/article-slug.ts';
import { TREND_BODY_PLACEHOLDER } from './content/placeholders.ts';

/**
 * What `npm run new:series` and `npm run new:trend` write: ids and slugs checked with messages that name
 * the argument, file names, and the text of new files. No I/O: `content/new-content.ts` writes them.
 */

/** A problem with what an editor typed: the message names the argument or flag. */
export class AuthoringError extends Error {
  override name = 'AuthoringError';
}

/** URL segments the site itself uses at the top level: a series may not take them. */
const RESERVED_IDS = ['_astro', '_actions', '_image', 'pagefind', 'fonts', 'healthz', 'report', 'figures'];

/** Checks a series id: it is the folder name and the first URL segment of every page of the series. */
export function checkSeriesId(id: string | undefined, what = 'the series id'): string {
  if (!id) throw new AuthoringError(`${what} is missing: give one, e.g. ml-trends-2022.`);
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) || id.length > 60) {
    throw new AuthoringError(
      `${what} "${id}" must be lowercase letters, digits and single dashes between them (at most 60 characters), e.g. ml-trends-2022: it becomes the folder content/series/${id}/ and the URL /${id}/.`,
    );
  }
  if (RESERVED_IDS.includes(id))
    throw new AuthoringError(`${what} "${id}" is a path the site itself uses; choose another.`);
  return id;
}

/** The URL segment of a trend, from its title: accents transliterated, punctuation dropped ("Qué pasa?" -> "que-pasa"). */
export function slugFromTitle(title: string): string {
  return slugify(title, { decamelize: false });
}

/** Checks a slug given with --slug. */
export function checkSlug(slug: string, flag: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    throw new AuthoringError(
      `${flag} "${slug}" must be lowercase letters, digits and single dashes, e.g. mlops-tools.`,
    );
  }
  return slug;
}

/** What the next trend of a series needs to know about the ones there. */
export interface ExistingTrend {
  /** File name in trends/, e.g. "08-io-leaders.mdx". */
  name: string;
  /** Its `order`, where its frontmatter has one. */
  order?: number;
}

/**
 * The file name and `order` of a new trend: one after the highest order (or file count), numbered with as
 * many digits as the existing files use (at least two). A slug already in the series is refused.
 */
export function nextTrendFile(
  existing: readonly ExistingTrend[],
  slug: string,
  flag: string,
): { name: string; order: number } {
  const taken = existing.find((trend) => articleSlug(trend.name) === slug);
  if (taken) {
    throw new AuthoringError(
      `${flag} gives the slug "${slug}", which trends/${taken.name} already has: choose another${flag === '--slug' ? ' slug' : ' title, or pass --slug'}.`,
    );
  }
  const order = Math.max(existing.length, ...existing.map((trend) => trend.order ?? 0)) + 1;
  const digits = Math.max(
    2,
    String(order).length,
    ...existing.map((trend) => /^(\d+)-/.exec(trend.name)?.[1]?.length ?? 0),
  );
  return { name: `${String(order).padStart(digits, '0')}-${slug}.mdx`, order };
}

/**
 * A string as a quoted YAML scalar, as Prettier (singleQuote) writes it: in single quotes (a quote doubled),
 * or in JSON's double quotes (YAML's too) when the text has more single quotes than double ones.
 */
export function q(text: string): string {
  const count = (c: string) => text.split(c).length - 1;
  return count("'") > count('"') ? JSON.stringify(text) : `'${text.replaceAll("'", "''")}'`;
}

/**
 * The MDX of a new trend: a draft, with frontmatter that passes the schema (strings in double quotes, as the
 * articles have them) and a body with no number typed in.
 */
export function trendMdx(trend: {
  order: number;
  title: string;
  summary: string;
  published: string;
  author: string;
}): string {
  return `---
order: ${trend.order}
title: ${JSON.stringify(trend.title)}
summary: ${JSON.stringify(trend.summary)}
published: ${trend.published}
author: ${JSON.stringify(trend.author)}
figures: []
# A draft is left out of production builds; npm run dev shows it with a banner. Set false to publish.
draft: true
---

${TREND_BODY_PLACEHOLDER} Every number comes from the dataset (figures.json): see "Authoring" in README.md
for the components that put a figure, or one of its values, into the text.
`;
}

/** The parts of `series.yaml` a new series takes from the newest one, when there is one: who writes it and the form. */
export type SeriesDefaults = Pick<SeriesData, 'author' | 'language'> &
  Pick<ReportConfig, 'roles' | 'consent' | 'marketingOptIn'>;

export const FALLBACK_DEFAULTS: SeriesDefaults = {
  author: 'The editorial team',
  language: 'en',
  roles: ['Executive (C-level or VP)', 'Director or head of department', 'Practitioner', 'Other'],
  consent: {
    version: 'TODO-set-a-version',
    text: 'TODO: the consent text a reader agrees to before downloading the report (who stores what, and why).',
  },
  marketingOptIn: 'Also send me occasional emails about future editions of this survey.',
};

/** The edition year of a new series: the year its id ends with, else `fallback`. */
export function editionOf(id: string, fallback: number): number {
  const year = /-(\d{4})$/.exec(id)?.[1];
  return year && Number(year) >= 2000 && Number(year) <= 2100 ? Number(year) : fallback;
}

/** `series.yaml` of a new series: valid, with every line an editor must write marked TODO. */
export function seriesYaml(series: { id: string; title: string; edition: number; defaults: SeriesDefaults }): string {
  const { id, title, edition, defaults } = series;
  return `# The series ${id}: lines marked TODO are placeholders to replace before its first trend is published.
# The series stays out of production builds until one of its trends is published.
title: ${q(title)}
shortTitle: ${q(title)} # TODO: a short form for the navigation
edition: ${edition}
editionLabel: ${q(`${edition} edition`)} # TODO: e.g. Fourth annual edition
summary: >-
  TODO: one paragraph on what the series covers.
description: >-
  TODO: the description for search engines and social cards (at most 300 characters).
author: ${q(defaults.author)}
language: ${defaults.language}
survey: # TODO: every fact of the survey below, as its sources give it
  respondents: 1
  respondentsDescription: TODO who answered
  fielded: TODO when the survey ran
  revenueFilter: TODO which organizations qualified
  sampling: TODO how the sample was drawn
  questions: 1
  topics: TODO what the questions covered
report:
  title: ${q(title)}
  subtitle: TODO the line under the title on the report's cover
  promise: TODO one line on the cover saying what the reader gets
  fileName: ${id}.pdf
  # Three headline numbers once figures.json has them, e.g. - { figure: budget-growth, label: Increased the budget }
  keyNumbers: []
  roles:
${defaults.roles.map((role) => `    - ${q(role)}`).join('\n')}
  consent:
    version: ${q(defaults.consent.version)}
    text: ${q(defaults.consent.text)}
  marketingOptIn: ${q(defaults.marketingOptIn)}
`;
}
