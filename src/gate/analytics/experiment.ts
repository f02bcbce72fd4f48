import { createHash } from 'node:crypto';
import type { Experiment } from '../../lib/schema/series.ts';
import type { DeclaredExperiment } from './counter.ts';

export type Variant = Experiment['variants'][number];

/** Each variant's share in percent, in order: the declared split, or equal shares. */
export const sharesOf = (experiment: Experiment): number[] =>
  experiment.split ?? experiment.variants.map(() => 100 / experiment.variants.length);

/**
 * The variant a visitor sees: from SHA-256 of the experiment's id and the day's visitor hash, a point in
 * [0, 100) placed along the split. The same visitor gets the same variant all day (the hash is the day's);
 * a new experiment id reshuffles everyone. A visitor who cannot be counted (Global Privacy Control, Do Not
 * Track) sees the control, the first variant, and is not counted.
 */
export function assignVariant(experiment: Experiment, visitor: string | undefined): Variant {
  const control = experiment.variants[0]!;
  if (!visitor) return control;
  const digest = createHash('sha256').update(`${experiment.id}\n${visitor}`).digest();
  const point = (digest.readUInt32BE(0) / 2 ** 32) * 100;
  let edge = 0;
  const shares = sharesOf(experiment);
  for (const [i, variant] of experiment.variants.entries()) {
    edge += shares[i]!;
    if (point < edge) return variant;
  }
  return experiment.variants.at(-1)!;
}

/** The variant of this id the experiment declares, if any. */
export const declaredVariant = (experiment: Experiment | undefined, id: string): Variant | undefined =>
  experiment?.variants.find((v) => v.id === id);

/** The experiment each page runs, as the counter needs it: a series' report page runs the series' one. */
export const experimentOnPage =
  (declared: () => readonly { series: string; experiment: Experiment }[]) =>
  (page: string): DeclaredExperiment | undefined => {
    const found = declared().find((e) => page === `/${e.series}/report/`)?.experiment;
    return found ? { id: found.id, variants: found.variants.map((v) => v.id) } : undefined;
  };
