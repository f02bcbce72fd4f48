/**
 * The editor's rules from content/STYLE.md that a program can check (docs/authoring.md, "What the check
 * refuses"), run by `npm run check:content` with the house style:
 *
 * - length follows the evidence: the prose of a trend runs within a range set by the number of distinct figures
 *   it binds (`<Figure id>` or `<Stat figure>`);
 * - a deck (`summary`) does not repeat its headline (`title`);
 * - at most three articles of a series open with a scene, each flagged `opening: scene` and recognizably
 *   hypothetical in its first paragraph;
 * - a sentence that binds values of two different figures says that they come from different questions;
 * - a quantity in words ("almost a third", "almost always") is a value the sentence binds, or the sources' own
 *   words (content/quantity-words.ts);
 * - no article draws a single value (`kind: number`) as a chart: the sentence states it (a print-only
 *   placement, `<Figure id print />`, is the report's, and the web draws nothing there).
 *
 * And, as warnings (`figureEchoes`): a chart's title adds to the passage above the chart rather than saying one of its sentences again, and a single
 *   number (`number`) is not stated in the paragraph just above the bar that draws it.
 *
 * Every problem names the file and the field (or line).
 */
import { findComponentRefs } from '../mdx-refs.ts';
import { blank, maskCodeAndComments, maskFrontmatter, maskUrls } from '../mdx-source.ts';
import { findStatSentences } from '../prose-check.ts';
import type { TrendSource } from '../validate-series.ts';
import type { Figure } from '../schema/figure.ts';
import { isOwnSurvey } from '../schema/source.ts';
import { quantityWordProblems } from './quantity-words.ts';

/** Word ranges by the number of distinct figures an article binds: [fewest, most] words of prose. */
export const WORD_RANGES = [
  { figures: 0, min: 0, max: 450, says: 'binds no figure' },
  { figures: 1, min: 450, max: 650, says: 'binds one figure' },
  { figures: 2, min: 550, max: 850, says: 'binds 2 figures' },
] as const;

/** The range for an article binding `count` figures (two or more share one range). */
export function wordRange(count: number): { min: number; max: number; says: string } {
  const range = WORD_RANGES[Math.min(count, 2)]!;
  return count > 2 ? { ...range, says: `binds ${count} figures` } : range;
}

const STAT_OR_SURVEY = /<(?:Stat|Survey)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const OTHER_TAG = /<\/?[A-Za-z][\w.]*(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/**
 * Words of the prose a reader reads: the body without frontmatter, code, comments, URLs or component markup.
 * A `<Stat>` or `<Survey>` reads as one word (the number it prints); a `<Figure>` as none. A word is a run of
 * characters holding a letter or a digit ("AI/ML" and "25,000" are one word each).
 */
export function proseWordCount(source: string): number {
  const text = maskUrls(maskCodeAndComments(maskFrontmatter(source)))
    .replace(/^(?:import|export)\b.*$/gm, blank)
    .replace(STAT_OR_SURVEY, ' number ')
    .replace(OTHER_TAG, blank);
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

/** Distinct figure ids an MDX body binds with `<Figure id>` or `<Stat figure>`, in order of first use. */
export function boundFigures(source: string): string[] {
  const ids = findComponentRefs(source).flatMap((ref) => {
    const id = ref.component === 'Figure' ? ref.attributes.id : ref.component === 'Stat' ? ref.attributes.figure : '';
    return typeof id === 'string' && id !== '' ? [id] : [];
  });
  return [...new Set(ids)];
}

/** A trend whose prose is outside the range for the figures it binds. Drafts are left alone. */
export function wordRangeProblems(trend: TrendSource): string[] {
  if (trend.data.draft) return [];
  const count = boundFigures(trend.source).length;
  const { min, max, says } = wordRange(count);
  const words = proseWordCount(trend.source);
  if (words >= min && words <= max) return [];
  const range = min === 0 ? `at most ${max}` : `${min} to ${max}`;
  const fix =
    words > max
      ? 'cut what the evidence does not carry (content/STYLE.md, "Length follows the evidence")'
      : 'say more about what the figures show, or bind fewer figures';
  return [`${trend.file}: the prose runs ${words} words; an article that ${says} runs ${range} words: ${fix}.`];
}

/** Words too common to say whether a deck repeats its headline. */
const STOP_WORDS = new Set(
  (
    'a an the and or but of in on at to for from by with as is are was were be been it its this that these those ' +
    'than then so not no more most less their they them there which who what how why when where into over about ' +
    'after before while at one'
  ).split(' '),
);

/** Lower case, letters, digits and "/" only, a plural "s" dropped: "Models," and "model" are one word. */
function contentWords(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’']/g, '')
    .split(/[^\p{L}\p{N}/]+/u)
    .filter((word) => word.length > 1 && !STOP_WORDS.has(word))
    .map((word) => (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word));
}

const normalised = (text: string) => contentWords(text).join(' ');

/** Share of the headline's content words a deck's first sentence must hold to count as repeating it. */
export const REPEAT_SHARE = 0.7;

/**
 * True when the deck says again what the headline says: the two are equal once case, punctuation and small words
 * are set aside, or the deck's first sentence holds at least 70% of the headline's content words (words other than
 * articles, prepositions and the like, a plural counted as its singular).
 */
export function headlineRepeated(title: string, deck: string): boolean {
  if (normalised(title) === normalised(deck)) return true;
  const headline = [...new Set(contentWords(title))];
  if (headline.length < 3) return false;
  const first = new Set(contentWords(deck.split(/(?<=[.!?;:])\s/)[0] ?? deck));
  const shared = headline.filter((word) => first.has(word)).length;
  return shared / headline.length >= REPEAT_SHARE;
}

/** A trend whose deck (`summary`) repeats its headline (`title`). */
export function deckProblems(trend: TrendSource): string[] {
  const { title, summary } = trend.data;
  if (!headlineRepeated(title, summary)) return [];
  return [
    `${trend.file}: field "summary" repeats the headline ("title"); a deck adds what the headline does not say: a second number, the caveat or the why.`,
  ];
}

/** Words that make an opening scene recognizably invented. */
const HYPOTHETICAL =
  /\b(?:Picture|Imagine|Suppose|Supposing|Say that|Consider a|Take a|hypothetical|invented|for illustration)\b/i;

/** An opening that is a scene beyond doubt: the paragraph starts by asking the reader to imagine one. */
const SCENE_START = /^\s*(?:Picture|Imagine|Suppose)\b/;

/** The first paragraph of the body: prose up to the first blank line or heading, tags kept as they are. */
function firstParagraph(source: string): string {
  const body = maskCodeAndComments(maskFrontmatter(source)).replace(/^\s+/, '');
  return body.split(/\n[ \t]*\n|\n(?=#)/)[0] ?? '';
}

/** At most this many articles of a series open with a scene. */
export const MAX_SCENES = 3;

/**
 * Articles flagged `opening: scene` whose first paragraph does not say the scene is hypothetical; articles whose
 * first paragraph opens on a hypothetical without the flag (so the count stays honest); a fourth scene.
 */
export function sceneProblems(trends: readonly TrendSource[]): string[] {
  const problems: string[] = [];
  const scenes: string[] = [];
  for (const trend of trends) {
    const paragraph = firstParagraph(trend.source);
    const marker = HYPOTHETICAL.exec(paragraph)?.[0];
    if (trend.data.opening === 'scene') {
      if (!marker)
        problems.push(
          `${trend.file}: field "opening" is "scene", but the first paragraph does not say the scene is hypothetical; open it with "Picture a…", "Suppose…" or "Imagine…".`,
        );
      if (scenes.length >= MAX_SCENES)
        problems.push(
          `${trend.file}: field "opening": a fourth article opens with a scene (${scenes.join(', ')}); at most three per series: open this one on its strongest finding.`,
        );
      scenes.push(trend.file);
    } else if (marker && SCENE_START.test(paragraph)) {
      problems.push(
        `${trend.file}: the first paragraph opens on a hypothetical scene ("${marker}"); add "opening: scene" to the frontmatter so the series counts it.`,
      );
    }
  }
  return problems;
}

/** Words that say two values in one sentence answer different questions. */
const DIFFERENT_QUESTIONS = /\b(?:different|separate|another|other)\s+questions?\b/i;

/**
 * Sentences that bind values of two different figures without saying they come from different questions: set
 * side by side, two answers to different questions read as a comparison that no question measured.
 */
export function crossQuestionProblems(file: string, source: string): string[] {
  // Bold markup after a period ("….** Next") would hide the end of the sentence: mask it, keeping offsets.
  return findStatSentences(source.replace(/\*\*|__/g, '  ')).flatMap((sentence) => {
    const figures = [...new Set(sentence.stats.map((stat) => stat.figure))];
    if (figures.length < 2 || DIFFERENT_QUESTIONS.test(sentence.text)) return [];
    const named = figures.map((id) => `"${id}"`).join(' and ');
    const count = figures.length === 2 ? 'two figures' : `${figures.length} figures`;
    return [
      `${file}:${sentence.line}: the sentence binds ${named}, ${count} from different questions, side by side; split it, or say that they come from "different questions".`,
    ];
  });
}

/**
 * A sentence that opens on a bound number ("… year. 64% of …"): the house style recasts it ("At 38% of
 * organizations, …") or puts it after a colon, so that no sentence starts with a figure a reader cannot parse as a
 * word. A paragraph, a bold lead-in ("**64% …") and a sentence after a full stop, question or exclamation mark count.
 */
export function statOpeningProblems(file: string, source: string): string[] {
  const text = maskUrls(maskCodeAndComments(maskFrontmatter(source)));
  const problems: string[] = [];
  for (const match of text.matchAll(/(?:^|\n\s*\n|[.!?][”’")]?[ \t]+)(?:\*\*|__)?\s*(<Stat\b[^>]*>)/g)) {
    const at = match.index + match[0].length - match[1]!.length;
    const line = text.slice(0, at).split('\n').length;
    problems.push(
      `${file}:${line}: a sentence opens with a <Stat>; recast it ("At 38% of organizations, …", "Two in three respondents, 67%, …") or put the number after a colon.`,
    );
  }
  return problems;
}

/** Share of a chart title's content words that a sentence above the chart must hold to count as saying it again. */
export const ECHO_SHARE = 0.5;

/** What the echo check needs of a figure. */
export interface TitledFigure {
  id: string;
  kind: string;
  title: string;
}

const ASKED = /\b(?:asked|question|questions)\b/i;
const FIGURE_TAG = /<Figure\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const STAT_TAG = /<Stat\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;

/** The prose of a passage with each `<Stat>` read as the row it binds (its label): what the sentence states. */
function statedText(passage: string): { text: string; figures: string[] } {
  const figures: string[] = [];
  const text = passage.replace(STAT_TAG, (tag) => {
    const [ref] = findComponentRefs(tag);
    const { figure, label } = ref?.attributes ?? {};
    if (typeof figure === 'string') figures.push(figure);
    return typeof label === 'string' ? ` ${label} ` : ' ';
  });
  return { text: text.replace(OTHER_TAG, ' '), figures };
}

/**
 * Charts whose title says again what the prose just said (content/STYLE.md, "Values from different questions":
 * around a chart the prose makes the argument and the figure carries the number). For each `<Figure id>`:
 *
 * - a sentence of the passage above it (back to the heading, the previous chart or the start of the body) holds
 *   at least half of the title's content words, a `<Stat>` read as the row label it binds; a sentence that says
 *   what was asked ("asked", "question") is left out, since it sets the chart up;
 * - for a single number (`kind: number`), the paragraph just above binds a `<Stat>` of the same figure: the
 *   sentence states the number, and the bar under it draws it again.
 */
export function figureEchoProblems(file: string, source: string, figures: readonly TitledFigure[]): string[] {
  const text = maskUrls(maskCodeAndComments(maskFrontmatter(source)));
  const byId = new Map(figures.map((figure) => [figure.id, figure]));
  const problems: string[] = [];
  let from = 0;
  for (const match of text.matchAll(FIGURE_TAG)) {
    const before = text.slice(from, match.index);
    from = match.index + match[0].length;
    const [ref] = findComponentRefs(match[0]);
    const figure = byId.get(String(ref?.attributes.id ?? ''));
    // A print-only placement draws nothing under the web's paragraph; the report says the value in words.
    if (!figure || ref?.attributes.print !== undefined) continue;
    const line = text.slice(0, match.index).split('\n').length;
    // The passage: back to the last heading above the chart.
    const passage = before.split(/^#{1,6}\s.*$/m).at(-1) ?? '';
    const paragraphs = passage.split(/\n[ \t]*\n/).filter((p) => p.trim() !== '');
    const title = [...new Set(contentWords(figure.title))];
    if (title.length >= 3) {
      // A sentence that says what was asked sets the chart up; it does not state its finding.
      const sentences = paragraphs
        .flatMap((p) => statedText(p).text.split(/(?<=[.!?])\s+/))
        .filter((sentence) => !ASKED.test(sentence));
      const echo = sentences.find((sentence) => {
        const words = new Set(contentWords(sentence));
        return title.filter((word) => words.has(word)).length / title.length >= ECHO_SHARE;
      });
      if (echo)
        problems.push(
          `${file}:${line}: the title of figure "${figure.id}" ("${figure.title}") says again the sentence above it ("${echo.replace(/\s+/g, ' ').trim()}"); make the title add the comparison or the consequence, or let the prose make the argument.`,
        );
    }
    const last = paragraphs.at(-1);
    if (figure.kind === 'number' && last && statedText(last).figures.includes(figure.id))
      problems.push(
        `${file}:${line}: the paragraph just above figure "${figure.id}" states the number the figure draws; let the figure carry it, and the paragraph say what it means.`,
      );
  }
  return problems;
}

/** What the checks need of a series: its trends and its report sections. */
export interface EditorialSeries {
  trends: readonly TrendSource[];
  sections: readonly { file: string; source: string }[];
  /** The dataset: the quantity-word check reads the values the articles bind. */
  figures?: readonly Figure[];
}

/**
 * The chart titles of a series' articles that echo the prose above them (`figureEchoProblems`). `npm run
 * check:content` prints them as warnings; tests/unit/editorial-checks.test.ts holds the ML trends series to none.
 */
export function figureEchoes(series: { trends: readonly TrendSource[]; figures: readonly TitledFigure[] }): string[] {
  return series.trends
    .filter((trend) => !trend.data.draft)
    .flatMap((trend) => figureEchoProblems(trend.file, trend.source, series.figures));
}

/**
 * Every problem the editorial checks find in a series, in file order. `sourcedPhrases`: quantity phrases the
 * sources themselves use (content/STYLE.md's `sourced-quantity-phrases`), which need no bound value.
 */
export function editorialChecks(series: EditorialSeries, sourcedPhrases: readonly string[] = []): string[] {
  const figures = series.figures ?? [];
  return [
    ...series.trends.flatMap((trend) => [...wordRangeProblems(trend), ...deckProblems(trend)]),
    ...(figures.some((figure) => isOwnSurvey(figure.source)) ? [] : quantityWordChecks(series, sourcedPhrases)),
    ...sceneProblems(series.trends.filter((trend) => !trend.data.draft)),
    ...series.trends.flatMap(({ file, source }) => singleValueChartProblems(file, source, figures)),
    ...[...series.trends, ...series.sections].flatMap(({ file, source }) => [
      ...crossQuestionProblems(file, source),
      ...statOpeningProblems(file, source),
    ]),
  ];
}

/**
 * `<Figure>`s of a single value (`kind: number`): a dot on a line adds nothing the sentence does not say
 * (content/STYLE.md, "Numbers"), so the value belongs in the sentence as a `<Stat>`.
 */
export function singleValueChartProblems(file: string, source: string, figures: readonly TitledFigure[]): string[] {
  const text = maskUrls(maskCodeAndComments(maskFrontmatter(source)));
  return [...text.matchAll(FIGURE_TAG)].flatMap((match) => {
    const attributes = findComponentRefs(match[0])[0]?.attributes ?? {};
    const figure = figures.find((f) => f.id === attributes.id);
    // A print-only placement (`print`): the web states the value; the printed chapter draws it with the other
    // single shares of its trend as one exhibit (docs/report-pdf.md, decision B).
    if (figure?.kind !== 'number' || attributes.print !== undefined) return [];
    const line = text.slice(0, match.index).split('\n').length;
    return [
      `${file}:${line}: <Figure id="${figure.id}"> draws a single value, which adds nothing the sentence does not say; state it with <Stat> and drop the chart, or chart a comparison the sources support.`,
    ];
  });
}

/**
 * Quantity words no bound value carries (content/quantity-words.ts), in every published article and report
 * section. `editorialChecks` fails on them where a series rests on published sources, whose words a quantity
 * would put in their mouth; for a series computed from its own responses, `npm run check:content` prints them as
 * warnings.
 */
export function quantityWordChecks(series: EditorialSeries, sourcedPhrases: readonly string[] = []): string[] {
  const figures = series.figures ?? [];
  return [
    ...series.trends
      .filter((trend) => !trend.data.draft)
      .flatMap((trend) =>
        quantityWordProblems(trend.file, trend.source, figures, sourcedPhrases, {
          title: trend.data.title,
          summary: trend.data.summary,
          figureIds: [
            ...boundFigures(trend.source),
            ...trend.data.figures,
            ...(trend.data.keyFigure ? [trend.data.keyFigure.figure] : []),
          ],
        }),
      ),
    ...series.sections.flatMap(({ file, source }) => quantityWordProblems(file, source, figures, sourcedPhrases)),
  ];
}
