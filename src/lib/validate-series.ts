import type { Figure } from './schema/figure.ts';
import type { TrendData } from './schema/trend.ts';
import { figureIdsUsed, findComponentRefs, findMisspeltComponents, type ComponentRef } from './mdx-refs.ts';
import { numbersRow } from './numbers-row.ts';
import { closest, figureProblem, getFigure, rowProblem, segmentProblem } from './figures.ts';
import { articleSlug } from './content/article-slug.ts';
import { findPercentLiterals, findStatSentences, wordsIn, type StatMention } from './prose-check.ts';
import { changeWithinMargin, describeInterval, rowInterval, type ValueInterval } from './stats/figure-intervals.ts';
import type { MarginWords } from './stats/margin-words.ts';
import { overlaps } from './stats/wilson.ts';
import { figureGap } from './stats/gap.ts';
import { homeLeadProblems, type HomeLeadRef } from './home-lead.ts';
import { missingOrders } from './series-order.ts';
import { DATE_MESSAGE, parseCalendarDate } from './schema/date.ts';
import { publicationStatus, publishedFigures } from './publication.ts';
import { seriesSourceRegistry, trendSourceNameProblems } from './trend-sources.ts';

/**
 * Checks across files that a per-entry schema cannot make: references from articles into the dataset,
 * series order, and hand-typed percentages. Every problem names the file (and line or field).
 */

export interface TrendSource {
  /** Path of the article, relative to the project root. */
  file: string;
  data: TrendData;
  /** The whole MDX source, frontmatter included. */
  source: string;
}

export interface SeriesContent {
  figures: readonly Figure[];
  /**
   * Figures that could not be read (ids, or "all" when the dataset file cannot be): their own problem is
   * reported where they are, so references to them are not reported again.
   */
  unreadFigures?: readonly string[] | 'all';
  trends: readonly TrendSource[];
  /** Article files whose frontmatter could not be read: the series has them, so no order is missing. */
  unreadTrends?: readonly string[];
  /** Names of the survey facts `<Survey fact>` may use. */
  surveyFacts: readonly string[];
  /** Path of series.yaml, and the report's key numbers it lists. */
  seriesFile?: string;
  keyNumbers?: readonly { figure: string; label: string }[];
  /** The report's parts (`report.parts`), when series.yaml has them. */
  parts?: readonly ReportPartRef[];
  /** The report page's experiment (`report.experiment`), when series.yaml declares one: its variants' forms. */
  experiment?: { variants: readonly { id: string; form?: 'short' | 'full' | undefined }[] } | undefined;
  /** The finding the home page leads with (`home.lead`), when series.yaml has one. */
  homeLead?: HomeLeadRef | undefined;
  /** The chart the series index leads with (`index.lead.figure`), when series.yaml has one. */
  indexLead?: string | undefined;
  /** Report-only sections (MDX): their references and percentages are checked like an article's. */
  sections?: readonly { file: string; source: string; placement?: string }[];
  /**
   * The moment a production build decides what is published by (`buildNow`): set, a report section or a lead
   * that shows a figure only unpublished trends use is a problem, since that build leaves the figure out.
   * Unset (development, where drafts show), nothing waits.
   */
  now?: Date;
}

/** What the checks need of a part of `report.parts`. */
export interface ReportPartRef {
  title: string;
  keyFigure?: { figure: string; label: string };
  trends: readonly string[];
  /** Running-head names by trend slug (print only): each key must be one of `trends`. */
  heads?: Readonly<Record<string, string>>;
}

export class ContentError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(
      `The content has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ContentError';
    this.problems = problems;
  }
}

export function validateSeries(series: SeriesContent): string[] {
  return [
    ...addressProblems(series.trends),
    ...addressProblems(series.sections ?? []),
    ...orderProblems(series),
    ...keyNumberProblems(series),
    ...partProblems(series),
    ...experimentProblems(series),
    ...leadProblems(series),
    ...indexLeadProblems(series),
    ...summaryProblems(series),
    ...waitingProblems(series),
    ...series.trends.flatMap((trend) => trendProblems(series, trend)),
    ...sourceNameProblems(series),
    ...(series.sections ?? []).flatMap((section) => bodyProblems(series, section.file, section.source).problems),
  ];
}

/**
 * Sources a trend's text names (by the names the series' sources carry: outlet, author, title, "the report") that
 * its source list cannot resolve (src/lib/named-sources.ts). A name only one source has is added to the list
 * itself; a name several sources share needs the one meant in the frontmatter.
 */
function sourceNameProblems(series: SeriesContent): string[] {
  if (series.unreadFigures === 'all') return [];
  const registry = seriesSourceRegistry(series.figures, series.trends);
  return series.trends.flatMap((trend) =>
    trendSourceNameProblems(trend.file, { data: trend.data, body: trend.source }, series.figures, registry),
  );
}

function keyNumberProblems(series: SeriesContent): string[] {
  const { keyNumbers = [], seriesFile = 'series.yaml' } = series;
  return keyNumbers.flatMap((ref, i) => {
    const problem = refProblem(series, ref.figure, ref.label);
    return problem ? [`${seriesFile}: field "report.keyNumbers[${i}]": ${problem}`] : [];
  });
}

/** `home.lead`: its figure and row resolve, and its headline takes its numbers from them. */
function leadProblems(series: SeriesContent): string[] {
  const { homeLead: lead, seriesFile = 'series.yaml', unreadFigures = [] } = series;
  if (!lead || unreadFigures === 'all' || unreadFigures.includes(lead.figure)) return [];
  return homeLeadProblems(lead, series.figures).map((problem) => `${seriesFile}: ${problem}`);
}

/** `index.lead.figure`: a figure of the dataset, and not the one the home page leads with. */
function indexLeadProblems(series: SeriesContent): string[] {
  const { indexLead: id, homeLead, seriesFile = 'series.yaml', unreadFigures = [] } = series;
  if (!id || unreadFigures === 'all' || unreadFigures.includes(id)) return [];
  const missing = figureProblem(series.figures, id);
  if (missing) return [`${seriesFile}: field "index.lead.figure": ${missing}`];
  if (homeLead?.figure === id) {
    return [
      `${seriesFile}: field "index.lead.figure": "${id}" is the chart the home page leads with (home.lead); lead the index with another finding.`,
    ];
  }
  return [];
}

/**
 * `report.experiment`: its first variant is the control, the report page as it is without an experiment, which has
 * the short form; a first variant with the full form would make the dashboard's "control" another page.
 */
function experimentProblems(series: SeriesContent): string[] {
  const { experiment, seriesFile = 'series.yaml' } = series;
  const control = experiment?.variants[0];
  if (control?.form !== 'full') return [];
  return [
    `${seriesFile}: field "report.experiment.variants[0].form": is "full", but the first variant is the control, the page as it is (the short form); put the full form in a later variant, or leave "form" out here`,
  ];
}

/**
 * `report.parts`: each part's key figure resolves, each slug names a trend of the series, no trend is in two
 * parts, and every trend that is not a draft is in one (a draft may wait outside until it is placed).
 */
function partProblems(series: SeriesContent): string[] {
  const { parts, seriesFile = 'series.yaml', trends, unreadTrends = [] } = series;
  if (!parts) return [];
  const problems: string[] = [];
  const slugs = [...trends.map((t) => articleSlug(t.file)), ...unreadTrends.map(articleSlug)];
  const placed = new Map<string, number>();
  parts.forEach((part, i) => {
    const field = `${seriesFile}: field "report.parts[${i}]`;
    const key = part.keyFigure && refProblem(series, part.keyFigure.figure, part.keyFigure.label);
    if (key) problems.push(`${field}.keyFigure": ${key}`);
    // The key figure is the editors' pick among the part's own evidence (round 18): a figure one of its trends uses.
    else if (part.keyFigure) {
      const id = part.keyFigure.figure;
      const own = trends.filter((t) => part.trends.includes(articleSlug(t.file)));
      if (own.length > 0 && !own.some((t) => t.data.figures.includes(id) || t.data.keyFigure?.figure === id))
        problems.push(
          `${field}.keyFigure": figure "${id}" is used by none of the part's trends (${part.trends.join(', ')}); choose a figure one of them lists in "figures"`,
        );
    }
    part.trends.forEach((slug, j) => {
      if (!slugs.includes(slug)) {
        const near = closest(slug, slugs);
        problems.push(
          `${field}.trends[${j}]": no trend "${slug}" in this series${near ? ` (did you mean "${near}"?)` : ''}; a trend is named by its file name without the number and .mdx`,
        );
      } else if (placed.has(slug)) {
        problems.push(
          `${field}.trends[${j}]": trend "${slug}" is already in part ${placed.get(slug)! + 1}; a trend belongs to one part only`,
        );
      } else placed.set(slug, i);
    });
    for (const slug of Object.keys(part.heads ?? {}))
      if (!part.trends.includes(slug))
        problems.push(`${field}.heads.${slug}": names "${slug}", which is not among the part's trends`);
  });
  for (const trend of trends) {
    const slug = articleSlug(trend.file);
    if (!trend.data.draft && !placed.has(slug))
      problems.push(
        `${seriesFile}: field "report.parts": trend "${slug}" (${trend.file}) is in no part; add it to the "trends" of one`,
      );
  }
  return problems;
}

/**
 * References outside the trends to a figure that waits for unpublished trends (`publishedFigures`: every trend
 * that uses it is a draft or scheduled at `now`): the report's sections and the leads of the home page and
 * the series index. A production build leaves the figure out, so each would stop it; the problem names the
 * trends it waits for. Key numbers and part openers wait silently (the build log names them).
 */
function waitingProblems(series: SeriesContent): string[] {
  const { now, seriesFile = 'series.yaml' } = series;
  if (!now) return [];
  const out = new Set(publishedFigures(series, now).figures.map((figure) => figure.id));
  const waitsFor = (id: string): string | undefined => {
    if (out.has(id) || !series.figures.some((figure) => figure.id === id)) return undefined;
    const users = series.trends.filter((t) => t.data.figures.includes(id) || t.data.keyFigure?.figure === id);
    const named = users.map(({ file, data }) =>
      publicationStatus(data, now) === 'draft'
        ? `${file}, a draft (draft: true)`
        : `${file}, scheduled for ${data.published.toISOString().slice(0, 10)}`,
    );
    return `waits for ${named.join(' and ')}: only unpublished trends use this figure, so a production build leaves it out. Publish ${users.length > 1 ? 'one of them' : 'that trend'} first, or`;
  };
  const problems: string[] = [];
  for (const [field, id] of [
    ['home.lead.figure', series.homeLead?.figure],
    ['index.lead.figure', series.indexLead],
  ] as const) {
    const waits = id && waitsFor(id);
    if (waits)
      problems.push(
        `${seriesFile}: field "${field}": "${id}" ${waits} lead with another figure until it is published.`,
      );
  }
  for (const section of series.sections ?? []) {
    for (const ref of findComponentRefs(section.source)) {
      const [attribute, id] =
        ref.component === 'Figure'
          ? ['id', ref.attributes.id]
          : ['figure', ref.component === 'Stat' ? ref.attributes.figure : undefined];
      const waits = typeof id === 'string' && waitsFor(id);
      if (waits) {
        problems.push(
          `${section.file}:${ref.line}: <${ref.component} ${attribute}="${id}">: ${waits} take the reference out of this file until it is published.`,
        );
      }
    }
  }
  return problems;
}

/** At most one report section is the executive summary (`placement: summary`). */
function summaryProblems(series: SeriesContent): string[] {
  const summaries = (series.sections ?? []).filter((s) => s.placement === 'summary');
  return summaries
    .slice(1)
    .map(
      (s) =>
        `${s.file}: field "placement": is "summary", like ${summaries[0]!.file}; a series has one executive summary`,
    );
}

/**
 * Why a reference to a figure (and to one of its rows, with `label`) does not resolve, or undefined when it
 * does, or when the figure could not be read and already has its own problem.
 */
function refProblem(series: SeriesContent, id: string, label?: string, previous = false): string | undefined {
  const { figures, unreadFigures = [] } = series;
  if (unreadFigures === 'all' || unreadFigures.includes(id)) return undefined;
  return (
    figureProblem(figures, id) ??
    (label === undefined ? undefined : rowProblem(getFigure(figures, id), label, previous))
  );
}

/** Throws a ContentError listing every problem, so an editor can fix them all in one pass. */
export function assertValidSeries(series: SeriesContent): void {
  const problems = validateSeries(series);
  if (problems.length > 0) throw new ContentError(problems);
}

/** The series' own pages beside its articles (src/pages/[series]/): an article with their address would hide them. */
const SERIES_PAGES = new Map([
  ['report', 'report page'],
  ['sources', 'sources-and-method page'],
  ['rss.xml', 'feed'],
]);

/**
 * Two articles whose file names differ only in their number would get one address: the collection would
 * keep one and drop the other without a word (a copied file with a new number replaces the original).
 */
function addressProblems(articles: readonly { file: string }[]): string[] {
  const bySlug = new Map<string, string>();
  return articles.flatMap(({ file }) => {
    const slug = articleSlug(file);
    const page = SERIES_PAGES.get(slug);
    if (page) return [`${file}: has the address "${slug}", which is the series' ${page}; rename the file.`];
    const other = bySlug.get(slug);
    if (!other) {
      bySlug.set(slug, file);
      return [];
    }
    return [
      `${file}: has the address "${slug}", the same as ${other} (a file name without its number); rename one of them.`,
    ];
  });
}

function orderProblems({ trends, unreadTrends = [] }: SeriesContent): string[] {
  const problems: string[] = [];
  const byOrder = new Map<number, TrendSource>();
  for (const trend of trends) {
    const other = byOrder.get(trend.data.order);
    if (other) {
      problems.push(
        `${trend.file}: field "order" is ${trend.data.order}, the same as in ${other.file}; each trend needs its own position.`,
      );
    } else byOrder.set(trend.data.order, trend);
  }
  const missing = missingOrders(trends.map((t) => t.data));
  // An article that cannot be read has an order too: its own problem is reported, not a gap it leaves.
  if (missing.length > 0 && unreadTrends.length === 0) {
    for (const trend of trends.filter((t) => t.data.order > trends.length)) {
      problems.push(
        `${trend.file}: field "order" is ${trend.data.order}, but the series has ${trends.length} trends, so orders must run 1..${trends.length} without gaps (missing: ${missing.join(', ')}).`,
      );
    }
  }
  return problems;
}

function trendProblems(series: SeriesContent, trend: TrendSource): string[] {
  const { file, data } = trend;
  const problems: string[] = [];

  const writtenDate = /^published:[ \t]*["']?([^"'\n]*?)["']?[ \t]*$/m.exec(frontmatterOf(trend.source))?.[1];
  if (writtenDate !== undefined && !parseCalendarDate(writtenDate)) {
    problems.push(`${file}: field "published" is "${writtenDate}" and ${DATE_MESSAGE}.`);
  }

  data.figures.forEach((id, i) => {
    const problem = refProblem(series, id);
    if (problem) problems.push(`${file}: field "figures[${i}]": ${problem}`);
  });
  if (data.keyFigure) {
    const problem = refProblem(series, data.keyFigure.figure, data.keyFigure.label);
    if (problem) problems.push(`${file}: field "keyFigure": ${problem}`);
  }

  problems.push(...chronologyProblems(series, trend));

  const body = bodyProblems(series, file, trend.source);
  problems.push(...body.problems);
  const used = figureIdsUsed(body.refs);
  for (const id of used.filter((id) => !data.figures.includes(id) && !refProblem(series, id))) {
    problems.push(`${file}: field "figures" does not list "${id}", which the article uses; add it.`);
  }
  for (const id of data.figures.filter((id) => !used.includes(id) && !refProblem(series, id))) {
    problems.push(`${file}: field "figures" lists "${id}", which the article never uses; remove it or use it.`);
  }

  return problems;
}

/** Problems of an MDX body: references that do not resolve, and percentages typed by hand. */
function bodyProblems(series: SeriesContent, file: string, source: string) {
  const refs = findComponentRefs(source);
  const problems = findMisspeltComponents(source).map(({ written, component, line }) =>
    written === written.toLowerCase()
      ? `${file}:${line}: <${written}> is an HTML element, not the <${component}> component, and shows nothing: did you mean <${component}>?`
      : `${file}:${line}: <${written}> is not the <${component}> component: did you mean <${component}>?`,
  );
  problems.push(...refs.flatMap((ref) => refProblems(series, ref, file).map((p) => `${file}:${ref.line}: ${p}`)));
  // A figure drawn twice would repeat its element ids (its title, its summary) on the page: once on the web (a
  // `web` placement or a plain one) and once in print (a `print` placement or a plain one).
  for (const skip of ['print', 'web']) {
    const drawn = new Map<string, number>();
    for (const ref of refs.filter((r) => r.component === 'Figure' && typeof r.attributes.id === 'string')) {
      if (skip in ref.attributes) continue;
      const id = ref.attributes.id as string;
      const first = drawn.get(id);
      if (first === undefined) drawn.set(id, ref.line);
      else {
        const message = `${file}:${ref.line}: <Figure id="${id}">: is drawn already at line ${first}; draw a figure once per article and refer to it with <Stat>.`;
        if (!problems.includes(message)) problems.push(message);
      }
    }
  }
  problems.push(...baseClaimProblems(series, file, source, refs));
  const frontmatterLines = /^---\r?\n[\s\S]*?\r?\n---/.exec(source)?.[0].split('\n').length ?? 0;
  for (const literal of findPercentLiterals(source)) {
    problems.push(
      literal.line <= frontmatterLines
        ? `${file}:${literal.line}: "${literal.text}" is typed by hand in the frontmatter, where no <Stat> can go; say it without the number (the page shows the key figure from the dataset).`
        : `${file}:${literal.line}: "${literal.text}" is typed by hand; write <Stat figure="…" label="…" /> so the number comes from the dataset.`,
    );
  }
  return { refs, problems };
}

/** A base claimed in prose: "of all 403 respondents", "all <Survey fact="respondents" /> respondents", "among all respondents". */
const BASE_CLAIM = /\ball\s+(?:(?:<Survey\s+fact=["']respondents["']\s*\/>|\d[\d,]*)\s+)?respondents\b/gi;

/**
 * A paragraph that says its numbers are shares of all respondents, beside a <Stat> whose figure has no base a
 * source states (`base` in figures.json): the prose would claim what no source says.
 */
function baseClaimProblems(series: SeriesContent, file: string, source: string, refs: ComponentRef[]): string[] {
  const lines = source.split('\n');
  // Paragraphs as line ranges (1-based, inclusive), split at blank lines.
  const paragraphs: { start: number; end: number }[] = [];
  lines.forEach((line, i) => {
    const last = paragraphs.at(-1);
    if (line.trim() === '') return;
    if (last && last.end === i) last.end = i + 1;
    else paragraphs.push({ start: i + 1, end: i + 1 });
  });
  const problems: string[] = [];
  for (const { start, end } of paragraphs) {
    const text = lines.slice(start - 1, end).join('\n');
    const claims = [...text.matchAll(BASE_CLAIM)];
    if (claims.length === 0) continue;
    const unstated = refs.filter(
      (ref) =>
        ref.component === 'Stat' &&
        ref.line >= start &&
        ref.line <= end &&
        typeof ref.attributes.figure === 'string' &&
        series.figures.some((f) => f.id === ref.attributes.figure && f.base === undefined),
    );
    for (const ref of unstated.slice(0, 1)) {
      const claim = claims[0]!;
      const line = start + text.slice(0, claim.index).split('\n').length - 1;
      problems.push(
        `${file}:${line}: "${claim[0]}" claims a base for <Stat figure="${String(ref.attributes.figure)}">, but no source states who answered: say what the source says, without the base (the number's note says "base not published").`,
      );
    }
  }
  return problems;
}

function frontmatterOf(source: string): string {
  return /^---\r?\n([\s\S]*?)\r?\n---/.exec(source)?.[1] ?? '';
}

/** The attributes each MDX component takes: any other is a mistake the component would ignore. */
const ATTRIBUTES: Record<ComponentRef['component'], readonly string[]> = {
  // `print`: a placement only the printed report draws (docs/authoring.md, "Print-only figures").
  // `web`: a placement only the web article draws; the printed report ignores it ("Web-only figures").
  Figure: ['id', 'print', 'web'],
  // `unitless`: the number without its unit ("4.3"), where the sentence writes the unit once.
  Stat: ['figure', 'label', 'previous', 'segment', 'unitless'],
  Survey: ['fact'],
  // `times`: what the ratio counts ("as often"): the value first, then its interval in brackets.
  Ratio: ['figure', 'times'],
  // Two or three figure ids of a single value each, separated by spaces.
  Numbers: ['figures'],
  // `label`: compare two segments' values of that row; without it, `a` and `b` are two rows.
  Gap: ['figure', 'a', 'b', 'label', 'claim'],
};

/**
 * In a report section (printed only) a `<Figure>` may also take `title`: the title of the exhibit that single
 * shares in a row make there, stating their finding (docs/report-pdf.md, decision B). The web ignores it.
 */
const REPORT_FIGURE_ATTRIBUTES = ['id', 'title'];

function refProblems(series: SeriesContent, ref: ComponentRef, file: string): string[] {
  const written =
    ref.component === 'Figure'
      ? `<Figure id="${String(ref.attributes.id ?? '')}">`
      : ref.component === 'Stat'
        ? `<Stat figure="${String(ref.attributes.figure ?? '')}" label="${String(ref.attributes.label ?? '')}">`
        : ref.component === 'Ratio'
          ? `<Ratio figure="${String(ref.attributes.figure ?? '')}">`
          : ref.component === 'Numbers'
            ? `<Numbers figures="${String(ref.attributes.figures ?? '')}">`
            : ref.component === 'Gap'
              ? `<Gap figure="${String(ref.attributes.figure ?? '')}" a="${String(ref.attributes.a ?? '')}" b="${String(ref.attributes.b ?? '')}">`
              : `<Survey fact="${String(ref.attributes.fact ?? '')}">`;
  const inReport = /(?:^|\/)report\/[^/]+\.mdx$/.test(file);
  const takes = ref.component === 'Figure' && inReport ? REPORT_FIGURE_ATTRIBUTES : ATTRIBUTES[ref.component];
  const unknown = Object.keys(ref.attributes)
    .filter((name) => !takes.includes(name))
    .map((name) => {
      const guess = closest(name, takes);
      const hint = guess
        ? `Did you mean "${guess}"?`
        : takes.length === 1
          ? `It takes ${takes[0]} only.`
          : `It takes ${takes.join(', ')}.`;
      return `${written}: "${name}" is not an attribute of <${ref.component}>. ${hint}`;
    });
  if (ref.component === 'Stat' && 'previous' in ref.attributes && typeof ref.attributes.previous !== 'boolean') {
    unknown.push(`${written}: previous takes no value: write it bare, <Stat … previous />.`);
  }
  if (ref.component === 'Stat' && 'unitless' in ref.attributes && typeof ref.attributes.unitless !== 'boolean') {
    unknown.push(`${written}: unitless takes no value: write it bare, <Stat … unitless />.`);
  }
  if (ref.component === 'Figure' && 'print' in ref.attributes && ref.attributes.print !== true) {
    unknown.push(`${written}: print takes no value: write it bare, <Figure … print />.`);
  }
  if (ref.component === 'Figure' && 'web' in ref.attributes && ref.attributes.web !== true) {
    unknown.push(`${written}: web takes no value: write it bare, <Figure … web />.`);
  }
  if (ref.component === 'Figure' && 'web' in ref.attributes && 'print' in ref.attributes) {
    unknown.push(
      `${written}: web and print together place the figure nowhere; write one of them, or neither to place it in both.`,
    );
  }
  return [...unknown, ...knownAttributeProblems(series, ref)];
}

function knownAttributeProblems(series: SeriesContent, ref: ComponentRef): string[] {
  const attr = (name: string) => ref.attributes[name];
  const text = (name: string) => (typeof attr(name) === 'string' ? (attr(name) as string) : undefined);
  switch (ref.component) {
    case 'Figure': {
      const id = text('id');
      if (!id) return ['<Figure> needs an id attribute, e.g. <Figure id="io-decision-makers" />.'];
      const problem = refProblem(series, id);
      return problem ? [`<Figure id="${id}">: ${problem}`] : [];
    }
    case 'Stat': {
      const id = text('figure');
      const label = text('label');
      if (!id || !label)
        return ['<Stat> needs figure and label attributes, e.g. <Stat figure="io-decision-makers" label="CTOs" />.'];
      const segment = attr('segment');
      const written = `<Stat figure="${id}" label="${label}"${typeof segment === 'string' ? ` segment="${segment}"` : ''}>`;
      const problem =
        refProblem(series, id, label, attr('previous') === true) ??
        (segment === undefined || series.unreadFigures === 'all' || series.unreadFigures?.includes(id)
          ? undefined
          : typeof segment !== 'string'
            ? 'segment takes a segment id, e.g. segment="size-1000".'
            : attr('previous') === true
              ? 'a segment has no previous-edition value: remove previous or segment.'
              : segmentProblem(getFigure(series.figures, id), segment, label));
      return problem ? [`${written}: ${problem}`] : [];
    }
    case 'Ratio': {
      const id = text('figure');
      if (!id) return ['<Ratio> needs a figure attribute, e.g. <Ratio figure="deploys-by-platform" />.'];
      const problem = refProblem(series, id);
      if (problem) return [`<Ratio figure="${id}">: ${problem}`];
      if (series.unreadFigures === 'all' || series.unreadFigures?.includes(id)) return [];
      return getFigure(series.figures, id).survey?.ratio
        ? []
        : [
            `<Ratio figure="${id}">: the figure declares no ratio: add "ratio": { "of": group, "over": [groups] } under its "survey".`,
          ];
    }
    case 'Numbers': {
      const ids = text('figures');
      if (!ids)
        return [
          '<Numbers> needs a figures attribute, e.g. <Numbers figures="model-deployment-time deployment-time-share" />.',
        ];
      const unread = series.unreadFigures;
      if (unread === 'all' || ids.split(/\s+/).some((id) => unread?.includes(id))) return [];
      const { problems } = numbersRow(series.figures, ids);
      return problems.map((problem) => `<Numbers figures="${ids}">: ${problem}`);
    }
    case 'Gap': {
      const id = text('figure');
      const [a, b, claim] = [text('a'), text('b'), text('claim')];
      const written = `<Gap figure="${id ?? ''}" a="${a ?? ''}" b="${b ?? ''}">`;
      if (!id || !a || !b || !claim)
        return [
          `${written}: needs figure, a, b and claim attributes, e.g. <Gap figure="satisfaction-scale" a="Neither satisfied nor dissatisfied" b="Satisfied" claim="within" />.`,
        ];
      const problem = refProblem(series, id);
      if (problem) return [`${written}: ${problem}`];
      if (series.unreadFigures === 'all' || series.unreadFigures?.includes(id)) return [];
      try {
        figureGap(getFigure(series.figures, id), { a, b, label: text('label') }, claim);
        return [];
      } catch (error) {
        return [`${written}: ${(error as Error).message}`];
      }
    }
    case 'Survey': {
      const fact = text('fact');
      if (fact && series.surveyFacts.includes(fact)) return [];
      return [
        `<Survey fact="${fact ?? ''}">: fact must be one of ${series.surveyFacts.map((f) => `"${f}"`).join(', ')}.`,
      ];
    }
  }
}

/**
 * Warnings, not errors: sentences that compare two bound values of one figure ("more than", "leads") whose
 * 95% intervals overlap, or that describe a change between editions ("rose", "up from") within the combined
 * margin of the two samples. Each names the file, the line and both values with their intervals. Values
 * whose base (n) is not published have no interval and are not checked.
 */
export function marginWarnings(series: SeriesContent, words: MarginWords): string[] {
  const articles = [...series.trends, ...(series.sections ?? [])];
  return articles.flatMap(({ file, source }) =>
    findStatSentences(source).flatMap((sentence) =>
      sentence.stats.flatMap((a, i) =>
        sentence.stats.slice(i + 1).flatMap((b) => {
          const warning = pairWarning(series, sentence.text, a, b, words);
          return warning ? [`${file}:${a.line}: ${warning}`] : [];
        }),
      ),
    ),
  );
}

type Known = Extract<ValueInterval, { known: true }>;

function statInterval(series: SeriesContent, stat: StatMention): Known | undefined {
  // A reference that does not resolve (or a figure that could not be read) is reported as a problem instead.
  const figure = series.figures.find((f) => f.id === stat.figure);
  if (!figure || rowProblem(figure, stat.label, stat.previous)) return undefined;
  const interval = rowInterval(figure, stat.label, stat.previous);
  return interval?.known ? interval : undefined;
}

/**
 * A value as the warning names it: `"CTOs" (39%, 95% interval 34–44%)`, with the edition where it is the
 * previous; a computed figure's value in its unit (`"Mean" (11 days, 95% interval 10.4–11.8 days)`).
 */
function described(series: SeriesContent, stat: StatMention, interval: Known): string {
  const edition = stat.previous ? 'previous edition, ' : '';
  const unit = series.figures.find((f) => f.id === stat.figure)?.unit;
  return `"${stat.label}" (${edition}${describeInterval(interval, unit)})`;
}

function pairWarning(
  series: SeriesContent,
  text: string,
  a: StatMention,
  b: StatMention,
  words: MarginWords,
): string | undefined {
  if (a.figure !== b.figure || (a.label === b.label && a.previous === b.previous)) return undefined;
  const [first, second] = [statInterval(series, a), statInterval(series, b)];
  if (!first || !second) return undefined;
  const figure = `figure "${a.figure}"`;
  if (a.previous === b.previous) {
    const [word] = wordsIn(text, words.comparison);
    if (!word || !overlaps(first, second)) return undefined;
    return `the sentence compares ${described(series, a, first)} and ${described(series, b, second)} of ${figure} ("${word}"), but their intervals overlap: the difference is within the margin of error. Say that the two are close, or compare them without a direction.`;
  }
  // Two editions are two samples: the change counts when the interval of the difference leaves out zero.
  const [word] = wordsIn(text, [...words.change, ...words.comparison]);
  const [earlier, current] = a.previous ? [first, second] : [second, first];
  if (!word || !changeWithinMargin(current, earlier)) return undefined;
  const change = a.label === b.label ? 'describes a change in' : 'compares across editions';
  return `the sentence ${change} ${described(series, a, first)} and ${described(series, b, second)} of ${figure} ("${word}"), but the difference is within the combined margin of error of the two editions. Say that the share held about steady, or leave the direction out.`;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * The first day a source's free-text date can mean ("11 February 2021", "August 2021", "2022"), as UTC
 * midnight; undefined where the text is not one of those forms (it is then not compared).
 */
export function earliestDay(text: string): Date | undefined {
  const m = /^(?:(\d{1,2}) )?(?:([A-Za-z]+) )?(\d{4})$/.exec(text.trim());
  if (!m) return undefined;
  const month = m[2] === undefined ? 0 : MONTHS.indexOf(m[2].toLowerCase());
  if (month < 0 || (m[1] !== undefined && m[2] === undefined)) return undefined;
  return new Date(Date.UTC(Number(m[3]), month, m[1] === undefined ? 1 : Number(m[1])));
}

/** An article cannot cite what was published after it, unless its "updated" date says it was revised since. */
function chronologyProblems(series: SeriesContent, trend: TrendSource): string[] {
  const { file, data } = trend;
  const written = data.updated ?? data.published;
  const day = (date: Date) => date.toISOString().slice(0, 10);
  const cited = [
    ...data.sources.map((source) => ({ source, by: 'it' })),
    ...data.figures.flatMap((id) => {
      const figure = series.figures.find((f) => f.id === id);
      if (!figure) return [];
      const sources = [figure.source, ...figure.rows.flatMap((row) => (row.source ? [row.source] : []))];
      return sources.map((source) => ({ source, by: `figure "${id}"` }));
    }),
  ];
  const seen = new Set<string>();
  return cited.flatMap(({ source, by }) => {
    const from = source.date === undefined ? undefined : earliestDay(source.date);
    if (!from || from.getTime() <= written.getTime() || seen.has(source.key)) return [];
    seen.add(source.key);
    const field = data.updated ? 'updated' : 'published';
    return [
      `${file}: field "${field}" is ${day(written)}, but ${by} cites "${source.title}", dated ${source.date}, after it; set "updated" to the day the article was revised to cite it.`,
    ];
  });
}
