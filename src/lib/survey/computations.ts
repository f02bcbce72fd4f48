/**
 * The computations a figure may name in `"survey": { "compute" }`, what each gives is in compute.ts; kept apart so
 * the figure schema can list them without loading the statistics.
 */
export const COMPUTATIONS = [
  'shares',
  'mean',
  'median',
  'quartiles',
  'spread',
  'histogram',
  'tail-share',
  'top2box',
  'nps',
  'nps-groups',
] as const;
export type Computation = (typeof COMPUTATIONS)[number];
