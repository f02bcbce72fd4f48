import { figureProblem, getFigure, getRow, rowProblem } from './figures.ts';
import { figureValue } from './chart/unit.ts';
import type { Figure } from './schema/figure.ts';
import { typeset } from './typography.ts';

/**
 * The finding the home page opens on (`home.lead` in series.yaml): a headline, written by the editor with
 * its number as a placeholder, and the figure that shows it. `{value}` is the row's share in this edition,
 * `{previous}` the previous edition's; both are read from the dataset, so the claim and the chart under
 * it cannot disagree.
 */

export interface HomeLeadRef {
  figure: string;
  label: string;
  headline: string;
}

export interface HomeLead {
  figure: Figure;
  /** The headline with its numbers in place, typeset. */
  headline: string;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDERS = ['value', 'previous'] as const;
/** A share typed by hand, which the dataset would not keep in step. */
const TYPED_PERCENT = /(?<![\w.])\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b|pct\b)/i;

/** Why `lead` cannot lead the home page, one problem a line (without the file and field); none when it can. */
export function homeLeadProblems(lead: HomeLeadRef, figures: readonly Figure[]): string[] {
  const problems: string[] = [];
  const missing = figureProblem(figures, lead.figure);
  if (missing) return [`field "home.lead.figure": ${missing}`];
  const figure = getFigure(figures, lead.figure);
  const row = rowProblem(figure, lead.label);
  if (row) return [`field "home.lead.label": ${row}`];
  const names = [...lead.headline.matchAll(PLACEHOLDER)].map((m) => m[1]!);
  for (const name of names.filter((n) => !(PLACEHOLDERS as readonly string[]).includes(n))) {
    problems.push(`field "home.lead.headline": {${name}} is not a placeholder; use {value} or {previous}.`);
  }
  if (!names.includes('value')) {
    problems.push(
      `field "home.lead.headline": has no {value}; the headline is a claim with its number, written as {value} so that the dataset supplies it.`,
    );
  }
  const previous = names.includes('previous') && rowProblem(figure, lead.label, true);
  if (previous) problems.push(`field "home.lead.headline": {previous} cannot be filled: ${previous}`);
  const typed = lead.headline.replace(PLACEHOLDER, '').match(TYPED_PERCENT);
  if (typed) {
    problems.push(
      `field "home.lead.headline": "${typed[0]}" is typed by hand; write {value} or {previous} so that the number comes from figures.json.`,
    );
  }
  return problems;
}

/** The lead with its numbers in place; undefined when its figure is not in this build (an unpublished trend's). */
export function homeLead(lead: HomeLeadRef | undefined, figures: readonly Figure[]): HomeLead | undefined {
  if (!lead || !figures.some((f) => f.id === lead.figure)) return undefined;
  const figure = getFigure(figures, lead.figure);
  const row = getRow(figure, lead.label);
  const headline = lead.headline.replace(PLACEHOLDER, (_, name: string) => {
    const value = name === 'previous' ? row.previous : row.value;
    if (value === undefined) throw new Error(`home.lead.headline: row "${lead.label}" has no previous-edition value`);
    return figureValue(figure, value);
  });
  return { figure, headline: typeset(headline) };
}
