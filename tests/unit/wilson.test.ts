import { describe, expect, it } from 'vitest';
import { overlaps, wilsonInterval } from '../../src/lib/stats/wilson.ts';

/**
 * Checked against values computed independently (R: `prop.test(x, n, correct = FALSE)$conf.int` gives the
 * Wilson interval; the figures below are from the closed form by hand, to four decimals).
 */
describe('wilsonInterval', () => {
  it('gives about ±4.9 points for a half of 403', () => {
    const { low, high } = wilsonInterval(50, 403);
    expect(low).toBeCloseTo(45.141, 2);
    expect(high).toBeCloseTo(54.859, 2);
  });

  it('is asymmetric near the edges and stays inside 0–100', () => {
    const small = wilsonInterval(6, 403);
    expect(small.low).toBeGreaterThan(0);
    expect(6 - small.low).toBeLessThan(small.high - 6);
    const none = wilsonInterval(0, 50);
    expect(none.low).toBeCloseTo(0, 9);
    expect(none.high).toBeCloseTo(7.135, 2);
    const all = wilsonInterval(100, 50);
    expect(all.high).toBeCloseTo(100, 9);
    expect(all.low).toBeCloseTo(92.865, 2);
  });

  it('widens as the base shrinks: about ±9.8 points for a half of 100', () => {
    const { low, high } = wilsonInterval(50, 100);
    expect(high - low).toBeCloseTo(19.226, 1);
  });

  it('refuses an n or a share it cannot use, naming the value', () => {
    expect(() => wilsonInterval(50, 0)).toThrow(/n must be a positive count, not 0/);
    expect(() => wilsonInterval(120, 10)).toThrow(/percentage from 0 to 100, not 120/);
  });
});

describe('overlaps', () => {
  it('says whether two shares differ by more than their margins', () => {
    expect(overlaps(wilsonInterval(64, 403), wilsonInterval(57, 403))).toBe(true);
    expect(overlaps(wilsonInterval(83, 403), wilsonInterval(57, 403))).toBe(false);
  });
});
