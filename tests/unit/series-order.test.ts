import { describe, expect, it } from 'vitest';
import { missingOrders, neighbours, sortBySeriesOrder } from '../../src/lib/series-order.ts';

const trend = (order: number, title: string) => ({ order, title });
const first = trend(1, 'Budgets');
const second = trend(2, 'Teams');
const third = trend(3, 'Use cases');
/** Deliberately not in series order, as a file listing or a date sort might return them. */
const shuffled = [third, first, second];

describe('sortBySeriesOrder', () => {
  it('puts trends in series order, whatever order they were read in', () => {
    expect(sortBySeriesOrder(shuffled).map((t) => t.title)).toEqual(['Budgets', 'Teams', 'Use cases']);
  });

  it('leaves the list it was given untouched', () => {
    sortBySeriesOrder(shuffled);
    expect(shuffled).toEqual([third, first, second]);
  });
});

describe('neighbours', () => {
  it('gives the first trend a next link but no previous one', () => {
    expect(neighbours(shuffled, first)).toEqual({ position: 1, total: 3, previous: undefined, next: second });
  });

  it('gives a middle trend both neighbours in series order', () => {
    expect(neighbours(shuffled, second)).toEqual({ position: 2, total: 3, previous: first, next: third });
  });

  it('gives the last trend a previous link but no next one', () => {
    expect(neighbours(shuffled, third)).toEqual({ position: 3, total: 3, previous: second, next: undefined });
  });

  it('refuses a trend that is not part of the series', () => {
    expect(() => neighbours(shuffled, trend(4, 'Elsewhere'))).toThrow(/not part of the series/);
  });
});

describe('missingOrders', () => {
  it('reports nothing when orders run 1..N', () => {
    expect(missingOrders(shuffled)).toEqual([]);
  });

  it('names the position left empty by a gap', () => {
    expect(missingOrders([trend(1, 'a'), trend(2, 'b'), trend(4, 'd')])).toEqual([3]);
  });

  it('names the position left empty when two trends share an order', () => {
    expect(missingOrders([trend(1, 'a'), trend(1, 'b'), trend(2, 'c')])).toEqual([3]);
  });

  it('notices a series that does not start at 1', () => {
    expect(missingOrders([trend(2, 'a'), trend(3, 'b')])).toEqual([1]);
  });
});
