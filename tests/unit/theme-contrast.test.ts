import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contrast, difference, type Vision } from './colour.ts';

/** WCAG 2.2 AA contrast of every colour pair the site draws, and chart fills colour-blind readers can tell apart. */
const css = readFileSync(new URL('../../src/styles/tokens.css', import.meta.url), 'utf8');
const pairs = [...css.matchAll(/--mt-color-([\w-]+):\s*light-dark\((#[0-9a-f]{6}),\s*(#[0-9a-f]{6})\)/gi)];
const themes = {
  light: new Map(pairs.map((m) => [m[1]!, m[2]!])),
  dark: new Map(pairs.map((m) => [m[1]!, m[3]!])),
};

/** Text on a background: body-size text needs 4.5:1. */
const TEXT: [string, string][] = [
  ['text', 'bg'],
  ['text', 'surface'],
  ['text', 'accent-soft'],
  ['muted', 'bg'],
  ['muted', 'surface'],
  ['accent', 'bg'],
  ['accent', 'surface'],
  ['accent-contrast', 'accent'],
  ['error', 'bg'],
  ['chart-on', 'chart-1'],
  ['chart-on', 'chart-2'],
  ['chart-on', 'chart-3'],
  ['chart-on-neutral', 'chart-neutral'],
  ['chart-on', 'chart-last'],
  ['chart-on-neutral', 'chart-mid'],
  ['text', 'chart-first-tint'],
  ['text', 'chart-mid-tint'],
  ['text', 'chart-last-tint'],
];
/** Large text (24 px, or 19 px bold) and graphics: 3:1. */
const LARGE_AND_MARKS: [string, string][] = [
  ['chart-1', 'bg'],
  ['chart-2', 'bg'],
  ['chart-3', 'bg'],
  ['chart-neutral', 'bg'],
  ['chart-tint', 'bg'],
  ['chart-last', 'bg'],
  ['chart-mid', 'bg'],
  // A nested answer's inset inside the outer answer's bar.
  ['chart-first-tint', 'chart-1'],
  // A derived segment's dashed outline, on the page and on its own tint (round 7: barely visible in dark mode).
  ['chart-derived-first', 'bg'],
  ['chart-derived-first', 'chart-first-tint'],
  ['chart-derived-mid', 'bg'],
  ['chart-derived-mid', 'chart-mid-tint'],
  ['focus', 'bg'],
  ['focus', 'surface'],
];
const FILLS = ['chart-1', 'chart-2', 'chart-3'];
/** The ordered scale of a stacked bar, segments side by side. */
const STACK = ['chart-1', 'chart-mid', 'chart-last'];
const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
/** CIEDE2000 difference two bars side by side need to read as different colours at a glance. */
const MIN_DELTA_E = 20;

describe.each(Object.entries(themes))('the %s theme', (_name, theme) => {
  const token = (name: string) => {
    const value = theme.get(name);
    if (!value) throw new Error(`tokens.css: --mt-color-${name} is not a light-dark(#rrggbb, #rrggbb) pair`);
    return value;
  };

  it.each(TEXT)('writes %s on %s with at least 4.5:1 contrast', (fg, bg) => {
    expect(contrast(token(fg), token(bg))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(LARGE_AND_MARKS)('draws %s on %s with at least 3:1 contrast', (fg, bg) => {
    expect(contrast(token(fg), token(bg))).toBeGreaterThanOrEqual(3);
  });

  it.each(VISIONS)('keeps every two chart fills apart for %s colour vision', (vision) => {
    for (const [i, a] of FILLS.entries()) {
      for (const b of FILLS.slice(i + 1)) {
        expect(difference(token(a), token(b), vision), `${a} / ${b}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
      }
    }
  });

  it.each(VISIONS)('keeps the segments of a stacked bar apart for %s colour vision', (vision) => {
    for (const [a, b] of [STACK.slice(0, 2), STACK.slice(1, 3)] as [string, string][]) {
      expect(difference(token(a), token(b), vision), `${a} / ${b}`).toBeGreaterThanOrEqual(MIN_DELTA_E);
    }
  });
});

/**
 * A derived segment's fill in the dark theme: a tint lighter than the page, 2:1 or more, so the segment reads
 * as part of the bar and not as a hole in it (round 12: "Reduced, or another answer" on the team-size bar was
 * a dark grey nearly invisible on the dark page). The light theme's tints are pale on white by design; their
 * dashed outline carries them there.
 */
describe('the dark theme', () => {
  it.each(['chart-first-tint', 'chart-mid-tint', 'chart-last-tint'])(
    'fills a derived segment in %s at 2:1 or more on the page',
    (tint) => {
      expect(contrast(themes.dark.get(tint)!, themes.dark.get('bg')!)).toBeGreaterThanOrEqual(2);
    },
  );
});

describe('the colour-vision check', () => {
  it('finds red and green indistinguishable for a deuteranope, and not for normal vision', () => {
    expect(difference('#d62728', '#2ca02c', 'normal')).toBeGreaterThan(MIN_DELTA_E);
    expect(difference('#d62728', '#2ca02c', 'deuteranopia')).toBeLessThan(MIN_DELTA_E);
  });
});
