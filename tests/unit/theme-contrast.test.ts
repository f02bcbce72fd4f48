import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** WCAG 2 contrast of the chart colours against the page background, in both themes. */
const css = readFileSync(new URL('../../src/styles/global.css', import.meta.url), 'utf8');
const light = css.slice(css.indexOf(':root {'), css.indexOf('}', css.indexOf(':root {')));
const darkStart = css.indexOf(':root {', css.indexOf('prefers-color-scheme: dark'));
const dark = css.slice(darkStart, css.indexOf('}', darkStart));

function token(block: string, name: string): string {
  const match = new RegExp(`--mt-color-${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(block);
  if (!match) throw new Error(`--mt-color-${name} is not a 6-digit hex colour in this theme`);
  return match[1]!;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe.each([
  ['light', light],
  ['dark', dark],
])('the %s theme', (_name, theme) => {
  it.each(['chart-1', 'chart-2', 'chart-3'])('draws %s with at least 3:1 contrast against the page', (fill) => {
    expect(contrast(token(theme, fill), token(theme, 'bg'))).toBeGreaterThanOrEqual(3);
  });

  it.each(['chart-1', 'chart-2', 'chart-3'])('writes values on %s with at least 4.5:1 contrast', (fill) => {
    expect(contrast(token(theme, fill), token(theme, 'chart-on'))).toBeGreaterThanOrEqual(4.5);
  });

  it('writes text and muted text with at least 4.5:1 contrast', () => {
    expect(contrast(token(theme, 'text'), token(theme, 'bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrast(token(theme, 'muted'), token(theme, 'bg'))).toBeGreaterThanOrEqual(4.5);
  });
});
