import type { ChartKind } from '../../schema/figure.ts';
import { bars } from './bars.ts';
import { bySegment } from './by-segment.ts';
import { nested } from './nested.ts';
import { number } from './number.ts';
import { paired } from './paired.ts';
import { stacked } from './stacked.ts';
import type { ChartKindModule } from './types.ts';

/**
 * The chart kinds, one module each. A kind added to the schema's enum without an entry here (or an entry
 * whose `kind` is not its key) is a compile error.
 */
export const chartKinds = { bars, paired, stacked, number, nested, 'by-segment': bySegment } satisfies {
  [K in ChartKind]: ChartKindModule<K>;
};

/** The module drawing `kind`; throws rather than draw an unknown kind as something else. */
export function chartKind(kind: string): ChartKindModule {
  if (!Object.hasOwn(chartKinds, kind)) {
    throw new Error(`Unknown chart kind "${kind}": use one of ${Object.keys(chartKinds).join(', ')}`);
  }
  return chartKinds[kind as ChartKind];
}

export type { ChartKindModule } from './types.ts';
