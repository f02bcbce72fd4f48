import type { Figure } from './schema/figure.ts';
import type { RowRef } from './schema/trend.ts';
import { figureProblem } from './figures.ts';

/**
 * The rows a `<Numbers figures="a b c" />` tag shows: the one row of each named figure, in the order written.
 * Each figure must hold a single value (a "number" figure): the tag sets several answers to separate questions
 * side by side, each with its own question and base, never on a shared axis. A problem is said in the editor's
 * words, naming the figure.
 */
export function numbersRow(figures: readonly Figure[], written: string): { refs: RowRef[]; problems: string[] } {
  const ids = written.split(/\s+/).filter(Boolean);
  const problems: string[] = [];
  if (ids.length < 2 || ids.length > 3)
    problems.push(`figures takes two or three figure ids separated by spaces; it names ${ids.length}.`);
  const refs = ids.flatMap((id) => {
    const missing = figureProblem(figures, id);
    if (missing) {
      problems.push(missing);
      return [];
    }
    const figure = figures.find((f) => f.id === id)!;
    if (figure.rows.length !== 1) {
      problems.push(
        `"${id}" has ${figure.rows.length} rows: <Numbers> shows figures of a single value; draw this one with <Figure id="${id}" />.`,
      );
      return [];
    }
    return [{ figure: id, label: figure.rows[0]!.label }];
  });
  if (new Set(ids).size !== ids.length) problems.push('figures names a figure twice.');
  return { refs, problems };
}
