/**
 * `npm run check:content`: validates every series without building the site: MDX syntax, schemas of series.yaml,
 * figures.json and the trend frontmatter, references from articles into the dataset, series order, and
 * percentages typed by hand; then the editorial rules: content/STYLE.md's banned spelling variants and sourcing
 * phrases, section-heading sequences repeated across articles, key-number labels that are not sentences. Prints one
 * line per problem (file:line: message) and exits 1 on any.
 *
 * Then the warnings, which do not fail the check: sentences that compare two values of one figure, or a change
 * between editions, within the margin of error (the word lists are in content/STYLE.md's style-rules block); chart
 * titles that say again the sentence above the chart (tests/unit/editorial-checks.test.ts fails on them for the ML
 * trends series); in a series computed from its own responses, quantity words no bound value carries (a series
 * resting on published sources fails on them).
 */
import { readSeriesFromDisk, seriesContent, seriesIdsOnDisk, seriesProblems } from '../src/lib/content/series-files.ts';
import { buildNow } from '../src/lib/content/build-now.ts';
import { editorialProblems } from '../src/lib/content/style-sheet.ts';
import { figureEchoes, quantityWordChecks } from '../src/lib/content/editorial-checks.ts';
import { readStyleRules } from '../src/lib/content/style-sheet.ts';
import { isOwnSurvey } from '../src/lib/schema/source.ts';
import { mdxSyntaxProblems } from '../src/lib/content/mdx-syntax.ts';
import { readMarginWords } from '../src/lib/stats/margin-words.ts';
import { marginWarnings } from '../src/lib/validate-series.ts';

const all = seriesIdsOnDisk(process.cwd()).map((id) => readSeriesFromDisk(process.cwd(), id));
// MDX syntax (a tag left open, an HTML comment) here only: the build meets it in its compiler.
const syntax = all.flatMap((series) =>
  [...series.trends, ...series.sections].flatMap(({ file, source }) => mdxSyntaxProblems(file, source)),
);
const margin = readMarginWords(process.cwd());
// What a production build at this moment (or at BUILD_NOW) would refuse: a figure that waits for a draft.
const now = buildNow();
const problems = [
  ...syntax,
  ...all.flatMap((series) => seriesProblems(series, now)),
  ...editorialProblems(process.cwd(), all),
  ...margin.problems,
];
const trendCount = all.reduce((sum, series) => sum + series.trends.length, 0);
const warnings = all.flatMap((series) => [
  ...marginWarnings(seriesContent(series), margin.words),
  ...figureEchoes(series),
  // A series computed from its own responses: its quantity words are advice (see quantityWordChecks).
  ...(series.figures.some((figure) => isOwnSurvey(figure.source))
    ? quantityWordChecks(series, readStyleRules(process.cwd()).rules?.['sourced-quantity-phrases'] ?? [])
    : []),
]);

// Warnings go to standard output: they are advice to editors, and the check passes with them.
if (warnings.length > 0) {
  console.log(
    `Content check: ${warnings.length} warning(s), which do not fail the check (see "Margins of error" and "The editor's rules" in docs/authoring.md):`,
  );
  for (const warning of warnings) console.log(`  warning: ${warning}`);
}
if (all.length === 0) problems.push('content/series/: no series found; add content/series/<series>/series.yaml');
if (problems.length > 0) {
  console.error(`Content check failed with ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(
  `Content check passed: ${trendCount} trends, every figure sourced, every percentage from the dataset, house style kept.`,
);
