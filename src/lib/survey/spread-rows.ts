/**
 * The rows of a "spread" (a number's answers as percentiles, quartiles and the mean), in order along the axis
 * but for the mean (where it falls depends on the answers): what the computation writes and the strip reads.
 */
export const SPREAD_ROWS: [label: string, at: number | 'mean'][] = [
  ['10th percentile', 0.1],
  ['Lower quartile', 0.25],
  ['Median', 0.5],
  ['Mean', 'mean'],
  ['Upper quartile', 0.75],
  ['90th percentile', 0.9],
];
