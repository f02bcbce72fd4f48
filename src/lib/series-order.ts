/** Series order: trends are read by their `order`, never by date. */

export interface Ordered {
  order: number;
}

export interface Neighbours<T> {
  /** 1-based position in the series. */
  position: number;
  total: number;
  previous: T | undefined;
  next: T | undefined;
}

export function sortBySeriesOrder<T extends Ordered>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.order - b.order);
}

/** Previous and next items around `current` in series order; the first has no previous, the last no next. */
export function neighbours<T extends Ordered>(items: readonly T[], current: T): Neighbours<T> {
  const sorted = sortBySeriesOrder(items);
  const index = sorted.indexOf(current);
  if (index === -1) throw new Error('neighbours: the current item is not part of the series');
  return {
    position: index + 1,
    total: sorted.length,
    previous: sorted[index - 1],
    next: sorted[index + 1],
  };
}

/** Orders that are missing from 1..N, where N is the number of items. */
export function missingOrders(items: readonly Ordered[]): number[] {
  const present = new Set(items.map((item) => item.order));
  return Array.from({ length: items.length }, (_, i) => i + 1).filter((order) => !present.has(order));
}
