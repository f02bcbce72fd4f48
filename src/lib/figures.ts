import type { Figure, FigureRow } from './schema/figure.ts';
import type { Source } from './schema/source.ts';

/** Lookups into the dataset shared by components, validation and the report. */

/** Closest candidate by edit distance, for "did you mean" hints; undefined when nothing is close. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(3, Math.floor(word.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

function hint(word: string, candidates: readonly string[]): string {
  const guess = closest(word, candidates);
  return guess ? ` Did you mean "${guess}"?` : ` Known: ${candidates.map((c) => `"${c}"`).join(', ')}.`;
}

/** Why a figure id does not resolve, or undefined when it does. */
export function figureProblem(figures: readonly Figure[], id: string): string | undefined {
  if (figures.some((figure) => figure.id === id)) return undefined;
  return `there is no figure "${id}" in the dataset.${hint(
    id,
    figures.map((f) => f.id),
  )}`;
}

/** Why a row reference does not resolve, or undefined when it does. */
export function rowProblem(figure: Figure, label: string, previous = false): string | undefined {
  const row = figure.rows.find((r) => r.label === label);
  if (!row)
    return `figure "${figure.id}" has no row labelled "${label}".${hint(
      label,
      figure.rows.map((r) => r.label),
    )}`;
  if (previous && row.previous === undefined) {
    return `row "${label}" of figure "${figure.id}" has no previous-edition value.`;
  }
  return undefined;
}

export function getFigure(figures: readonly Figure[], id: string): Figure {
  const figure = figures.find((f) => f.id === id);
  if (!figure) throw new Error(figureProblem(figures, id));
  return figure;
}

export function getRow(figure: Figure, label: string, previous = false): FigureRow {
  const problem = rowProblem(figure, label, previous);
  if (problem) throw new Error(problem);
  return figure.rows.find((r) => r.label === label)!;
}

/** Every distinct source of a figure: its own, then those of its rows. */
export function figureSources(figure: Figure): Source[] {
  const all = [figure.source, ...figure.rows.flatMap((row) => (row.source ? [row.source] : []))];
  return all.filter((source, i) => all.findIndex((s) => s.key === source.key) === i);
}

/** Every source of a set of figures, once each (by key, first seen first), with the figures that cite it. */
export function sourceIndex(figures: readonly Figure[]): { source: Source; figures: Figure[] }[] {
  const index = new Map<string, { source: Source; figures: Figure[] }>();
  for (const figure of figures) {
    for (const source of figureSources(figure)) {
      const entry = index.get(source.key) ?? { source, figures: [] };
      entry.figures.push(figure);
      index.set(source.key, entry);
    }
  }
  return [...index.values()];
}
