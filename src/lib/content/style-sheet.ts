/**
 * `npm run check`'s editorial checks, over every series on disk: the house style sheet
 * (content/STYLE.md's ```style-rules block) applied to articles, report sections and datasets; hedges counted per
 * trend; editors' notes counted per trend and per series; section headings that repeat from article to article; key-number labels that do not read as sentences, and the rules of
 * editorial-checks.ts (word ranges by figures bound, decks that repeat headlines, scene openings, values of two
 * figures in one sentence).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatIssues } from '../schema/issues.ts';
import { keyNumberLabelProblem } from '../key-number-label.ts';
import { repeatedHeadingSequences } from '../heading-sequence.ts';
import {
  editorsNoteProblems,
  hedgeProblem,
  mdxProse,
  styleProblems,
  styleRulesBlock,
  StyleRulesSchema,
  type StyleRules,
} from '../style-rules.ts';
import { maskUrls } from '../mdx-source.ts';
import type { SeriesOnDisk } from './series-files.ts';
import { parseYaml } from './files.ts';
import { editorialChecks } from './editorial-checks.ts';

/** Where the style sheet is, relative to the project root. */
export const STYLE_FILE = 'content/STYLE.md';

/** The rules of the style sheet at `root`, or the problems that keep it from being read. */
export function readStyleRules(root: string): { rules?: StyleRules; problems: string[] } {
  const path = join(root, STYLE_FILE);
  if (!existsSync(path)) return { problems: [`${STYLE_FILE}: is missing; it holds the house style's rules`] };
  const block = styleRulesBlock(readFileSync(path, 'utf8'));
  if (block === undefined) {
    return { problems: [`${STYLE_FILE}: has no \`\`\`style-rules block (YAML with "prefer" and "banned-phrases")`] };
  }
  let data: unknown;
  try {
    data = parseYaml(block);
  } catch (error) {
    return { problems: [`${STYLE_FILE}: the style-rules block is not valid YAML (${(error as Error).message})`] };
  }
  const result = StyleRulesSchema.safeParse(data);
  if (result.success) return { rules: result.data, problems: [] };
  return { problems: formatIssues(result.error.issues).map((issue) => `${STYLE_FILE}: style-rules ${issue}`) };
}

/** Every editorial problem of the series at `root`, as `file:line: message` lines. */
export function editorialProblems(root: string, all: readonly SeriesOnDisk[]): string[] {
  const { rules, problems } = readStyleRules(root);
  for (const series of all) {
    if (rules) {
      const texts = [
        ...[...series.trends, ...series.sections].map(({ file, source }) => ({ file, text: mdxProse(source) })),
        { file: series.figuresFile, text: maskUrls(readFileSync(join(root, series.figuresFile), 'utf8')) },
      ];
      for (const { file, text } of texts) {
        problems.push(...styleProblems(text, rules).map(({ line, message }) => `${file}:${line}: ${message}`));
      }
      for (const { file, source } of series.trends) {
        const problem = hedgeProblem(mdxProse(source), rules);
        if (problem) problems.push(`${file}: ${problem}`);
      }
      const trends = series.trends.map(({ file, source }) => ({ file, text: mdxProse(source) }));
      problems.push(...editorsNoteProblems(trends, rules));
    }
    problems.push(
      ...repeatedHeadingSequences(series.trends),
      ...keyNumberLabelProblems(series),
      ...editorialChecks(series, rules?.['sourced-quantity-phrases'] ?? []),
    );
  }
  return problems;
}

/** Labels shown after a key number: trends' key figures, the report's key numbers, single-value figures. */
function keyNumberLabelProblems(series: SeriesOnDisk): string[] {
  const labels = [
    ...series.trends.flatMap(({ file, data }) =>
      data.keyFigure
        ? [{ where: `${file}: field "keyFigure"`, label: data.keyFigure.says ?? data.keyFigure.label, ref: true }]
        : [],
    ),
    ...(series.data?.report.keyNumbers ?? []).map((ref, i) => ({
      where: `${series.seriesFile}: field "report.keyNumbers[${i}]"`,
      label: ref.says ?? ref.label,
      ref: true,
    })),
    ...series.figures
      .filter((figure) => figure.kind === 'number')
      .flatMap((figure) =>
        figure.rows.map((row, i) => ({
          where: `${series.figuresFile}: figure "${figure.id}": field "rows[${i}].label"`,
          label: row.label,
          ref: false,
        })),
      ),
  ];
  return labels.flatMap(({ where, label, ref }) => {
    const problem = keyNumberLabelProblem(label);
    const hint = ref ? '; keep the row label and give the reference a "says" sentence' : '';
    return problem ? [`${where}: ${problem}${hint}`] : [];
  });
}
