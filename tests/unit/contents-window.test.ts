import { describe, expect, it } from 'vitest';
import { contentsWindow, type WindowSlot } from '../../src/lib/contents-window.ts';

const trends = (n: number) => Array.from({ length: n }, (_, i) => `t${i + 1}`);
/** "t1 …(3) t5" style: positions shown, gaps with the number left out. */
const show = (slots: WindowSlot<string>[]) =>
  slots.map((s) => ('gap' in s ? `…(${s.gap})` : `${s.item}@${s.position}`)).join(' ');

describe('contentsWindow', () => {
  it('lists every trend of a ten-trend series, whichever is current', () => {
    expect(contentsWindow(trends(10), 4)).toHaveLength(10);
    expect(contentsWindow(trends(15), 14)).toHaveLength(15);
  });

  it('shows the first, the last and three on each side of the current trend in a long series', () => {
    expect(show(contentsWindow(trends(1000), 499))).toBe(
      't1@1 …(495) t497@497 t498@498 t499@499 t500@500 t501@501 t502@502 t503@503 …(496) t1000@1000',
    );
  });

  it('leaves no gap where the neighbourhood reaches the start or the end', () => {
    expect(show(contentsWindow(trends(100), 1))).toBe('t1@1 t2@2 t3@3 t4@4 t5@5 …(94) t100@100');
    expect(show(contentsWindow(trends(100), 99))).toBe('t1@1 …(95) t97@97 t98@98 t99@99 t100@100');
  });

  it('keeps a page the same size whether the series has a hundred trends or a thousand', () => {
    expect(contentsWindow(trends(1000), 500)).toHaveLength(contentsWindow(trends(100), 50).length);
  });
});
