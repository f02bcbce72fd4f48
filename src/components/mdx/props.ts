/** Prop checks for the components editors use in MDX: failures name the component and the prop. */
import { AstroError } from 'astro/errors';
import type { Series } from '../../data/series.ts';
import { getFigure, getRow, segmentProblem } from '../../lib/figures.ts';
import { ratioRangeText, ratioValueText } from '../../lib/survey/compute.ts';
import { figureGap, gapText } from '../../lib/stats/gap.ts';

export function requireProp(component: string, prop: string, value: unknown, example: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value;
  throw new AstroError(
    `<${component}>: the "${prop}" prop is required and must be text, e.g. ${prop}="${example}".`,
    `Write the ${prop} attribute on <${component}> in the MDX file, as in the example.`,
  );
}

/** The series of the page (set by its route); the components are for series articles only. */
export function pageSeries(component: string, series: Series | undefined): Series {
  if (series) return series;
  throw new AstroError(
    `<${component}> is used on a page that belongs to no series.`,
    `Use <${component}> in an article or report section under content/series/<series>/.`,
  );
}

/** Runs a dataset lookup, rethrowing its problem prefixed with the component as written in the MDX. */
export function lookUp<T>(written: string, look: () => T): T {
  try {
    return look();
  } catch (error) {
    throw new AstroError(
      `${written}: ${(error as Error).message}`,
      "Figure ids and row labels must match the series' figures.json exactly; run `npm run check:content` to see every such problem with its file and line.",
    );
  }
}

/** What an editor writes on `<Ratio>` (the site's and the print's components take the same). */
export interface RatioProps {
  /** Figure id in the series' figures.json, with "survey.ratio". */
  figure: string;
  /** What the ratio counts ("as often"): then the value is written first, its 95% interval in brackets. */
  times?: string;
}

/** What an editor writes on `<Gap>` (the site's and the print's components take the same). */
export interface GapProps {
  /** Figure id in the series' figures.json. */
  figure: string;
  /** Two row labels; with `label`, two segment ids whose values of that row are compared. */
  a: string;
  b: string;
  label?: string;
  /** What the sentence says: "within" or "beyond" the margin of error of the difference. */
  claim: 'within' | 'beyond';
}

/**
 * What `<Ratio figure>` shows, on the site and in the report: the 95% interval of the ratio the figure's
 * "survey.ratio" declares ("1.9 to 2.4"), computed from the responses by a bootstrap, never typed.
 */
export function ratioText(props: { figure?: unknown; times?: unknown }, pageOf: Series | undefined) {
  const id = requireProp('Ratio', 'figure', props.figure, 'deploys-by-platform');
  const series = pageSeries('Ratio', pageOf);
  const written = `<Ratio figure="${id}">`;
  const figure = lookUp(written, () => getFigure(series.figures, id));
  const ratio = figure.survey?.ratio;
  if (!ratio?.interval) {
    throw new AstroError(
      `${written}: the figure declares no ratio.`,
      'Add "ratio": { "of": group, "over": [groups] } under the figure\'s "survey" in figures.json (docs/authoring.md).',
    );
  }
  const { language } = series.data;
  // With `times` ("as often"): "2.2 times as often (95% interval 1.9–2.4)"; else the interval alone, "1.9 to 2.4".
  const text =
    typeof props.times === 'string' && ratio.value !== undefined
      ? ratioValueText({ value: ratio.value, interval: ratio.interval }, props.times, language)
      : ratioRangeText(ratio.interval, language);
  return { id, ratio, text };
}

/** What `<Survey fact>` shows, on the site and in the report: the fact's value from series.yaml. */
export function surveyFact(props: { fact?: unknown }, series: Series | undefined) {
  const fact = requireProp('Survey', 'fact', props.fact, 'respondents');
  const { survey } = pageSeries('Survey', series).data;
  if (!(fact in survey)) {
    throw new AstroError(
      `<Survey fact="${fact}">: unknown fact; use one of ${Object.keys(survey).join(', ')}.`,
      'Survey facts are the fields under "survey:" in the series.yaml of this series.',
    );
  }
  return { fact, value: survey[fact as keyof typeof survey] };
}

/**
 * What `<Stat figure label previous segment>` quotes, on the site and in the report: its figure, row and
 * value; with `segment` (e.g. "size-1000"), the value among that segment's respondents, never a suppressed one.
 */
export function statValue(
  props: { figure?: unknown; label?: unknown; previous?: unknown; segment?: unknown },
  pageOf: Series | undefined,
) {
  const id = requireProp('Stat', 'figure', props.figure, 'io-decision-makers');
  const label = requireProp('Stat', 'label', props.label, 'CTOs');
  const previous = props.previous === true;
  const series = pageSeries('Stat', pageOf);
  const written = `<Stat figure="${id}" label="${label}"${typeof props.segment === 'string' ? ` segment="${props.segment}"` : ''}>`;
  const figure = lookUp(written, () => getFigure(series.figures, id));
  const row = lookUp(written, () => getRow(figure, label, previous));
  if (props.segment === undefined) {
    return { id, label, previous, series, figure, row, value: previous ? row.previous! : row.value };
  }
  const segmentId = requireProp('Stat', 'segment', props.segment, 'size-1000');
  lookUp(written, () => {
    const problem = previous
      ? 'a segment has no previous-edition value: remove previous or segment.'
      : segmentProblem(figure, segmentId, label);
    if (problem) throw new Error(problem);
  });
  const segment = figure.segments!.find((s) => s.id === segmentId)!;
  const cell = segment.rows.find((r) => r.label === label)!;
  return { id, label, previous, series, figure, row, value: cell.value!, segment, cell };
}

/**
 * What `<Gap figure a b label? claim>` says, on the site and in the report: how far apart two values of the
 * figure are and whether that is within the margin of error of their difference ("6 points apart, within the
 * 7-point margin of error of their difference"), computed; the build fails where the data contradict `claim`.
 */
export function gapValue(
  props: { figure?: unknown; a?: unknown; b?: unknown; label?: unknown; claim?: unknown },
  pageOf: Series | undefined,
) {
  const id = requireProp('Gap', 'figure', props.figure, 'satisfaction-scale');
  const a = requireProp('Gap', 'a', props.a, 'Neither satisfied nor dissatisfied');
  const b = requireProp('Gap', 'b', props.b, 'Satisfied');
  const claim = requireProp('Gap', 'claim', props.claim, 'within');
  const label = props.label === undefined ? undefined : requireProp('Gap', 'label', props.label, 'Satisfied');
  const series = pageSeries('Gap', pageOf);
  const written = `<Gap figure="${id}" a="${a}" b="${b}"${label === undefined ? '' : ` label="${label}"`}>`;
  const figure = lookUp(written, () => getFigure(series.figures, id));
  const gap = lookUp(written, () => figureGap(figure, { a, b, label }, claim));
  return { id, gap, text: gapText(gap) };
}
