import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { figureSummary, figureTable } from '../../src/lib/chart/describe.ts';
import { FigureSchema } from '../../src/lib/schema/figure.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { nestedFigure } from './fixtures/figures.ts';
import { contrast } from './colour.ts';

describe('the "nested" kind', () => {
  it('accepts answers that contain one another, each no larger than the one before', () => {
    expect(nestedFigure().rows.map((r) => r.value)).toEqual([76, 27]);
  });

  it('tells the editor which nested value is larger than its parent, and what to use instead', () => {
    const result = FigureSchema.safeParse({
      ...nestedFigure(),
      rows: [
        { label: 'Did not reduce their AI/ML team', value: 27 },
        { label: 'Increased their AI/ML team', value: 76 },
      ],
    });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'rows.1.value',
        '(76) is larger than the answer it is nested in, "Did not reduce their AI/ML team" (27): in a "nested" figure each row is part of the row before it, so its share cannot be larger; if the answers do not contain one another, use "bars"',
      ],
    ]);
  });

  it('refuses a single value and a previous-edition value, naming the field', () => {
    const one = FigureSchema.safeParse({ ...nestedFigure(), rows: [{ label: 'A', value: 40 }] });
    expect(one.error?.issues.map((i) => i.path.join('.'))).toEqual(['rows']);
    expect(one.error?.issues[0]?.message).toContain('use "number" for one value');
    const paired = FigureSchema.safeParse({
      ...nestedFigure(),
      rows: [
        { label: 'A', value: 40, previous: 30 },
        { label: 'B', value: 20 },
      ],
    });
    expect(paired.error?.issues.map((i) => i.path.join('.'))).toEqual(['rows.0.previous']);
  });

  it('says in its summary that the shares contain one another and do not add up', () => {
    expect(figureSummary(nestedFigure())).toBe(
      'Nested bar of respondents (base not published): 76% did not reduce their AI/ML team; 27% increased their AI/ML team, all of them within “Did not reduce their AI/ML team”. The shares contain one another and do not add up.',
    );
    // The table: the published shares, then the parts the bar derives from them, marked derived.
    expect(figureTable(nestedFigure()).rows.map((r) => [r.label, r.cells[0], r.derived])).toEqual([
      ['Did not reduce their AI/ML team', '76%', false],
      ['Increased their AI/ML team', '27%', false],
      ['Not increased', '49%', true],
      ['Other answers', '24%', true],
    ]);
  });
});

describe('a part whose name goes under the bar (issue 20 round 10: /teams/ at 390)', () => {
  it('sets it under its own part, ending where the part ends, wrapped rather than moved to the left end', () => {
    const svg = figureToSvg(nestedFigure());
    const below = [
      ...svg.matchAll(
        /<text class="mt-chart-value mt-chart-segment-label" x="([^"]+)"[^>]*text-anchor="(\w+)"[^>]*>(.*?)<\/text>/g,
      ),
    ].map((m) => ({ x: m[1], anchor: m[2], text: m[3]!.replace(/<[^>]+>/g, ' ') }));
    const last = below.find((b) => b.text.includes('24%'))!;
    expect(last).toMatchObject({ x: '100%', anchor: 'end' });
    // Each line of it fits the 244 px bar of a 320 px screen (13 px text, about 6.5 px a character).
    const lines = [...svg.matchAll(/<tspan [^>]*class="mt-chart-below-line"[^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1]!);
    expect(lines.join(' ')).toContain('24% (derived)');
    for (const line of lines) expect(line.length * 6.5).toBeLessThanOrEqual(244);
  });
});

describe('the derived part inside the outer answer (issue 20 round 13: /teams/ drew it as the boldest part)', () => {
  it('is hatched in neutral grey, not the finding blue, with a pattern the chart defines', () => {
    const svg = figureToSvg(nestedFigure());
    const rects = [...svg.matchAll(/<rect class="mt-chart-segment ([^"]+)"([^>]*)\/>/g)].map((m) => [
      m[0],
      m[1],
      / fill="([^"]+)"/.exec(m[2]!)?.[1],
    ]);
    // The published innermost answer, then the derived "not increased" part, then the derived rest.
    expect(rects).toHaveLength(3);
    expect(rects[0]![1]).toContain('mt-chart-fill-first');
    expect(rects[1]![1]).toContain('mt-chart-derived-hatched');
    expect(rects[1]![1]).not.toContain('mt-chart-derived-first');
    const pattern = /url\(#([^)]+)\)/.exec(rects[1]![2] ?? '')?.[1];
    expect(pattern).toBeDefined();
    expect(svg).toMatch(new RegExp(`<pattern id="${pattern}"[^>]*>.*?mt-chart-hatch-neutral.*?</pattern>`));
  });

  it('labels it smaller and lighter than the published part, so the published share reads first', () => {
    const svg = figureToSvg(nestedFigure());
    const inside = [
      ...svg.matchAll(/<text class="mt-chart-inside mt-chart-segment-label ([^"]+)"[^>]*>(.*?)<\/text>/g),
    ];
    const derived = inside.find((m) => m[2]!.includes('(derived)') && !m[2]!.includes('24%'));
    expect(derived?.[1]).toBe('mt-chart-on-hatched');
    const published = inside.find((m) => m[2]!.includes('27%'));
    expect(published?.[1]).toBe('mt-chart-on-fill');
  });
});

describe('the label of a derived part (round 15: "Neither cut nor grew 49% (derived)" weak over the hatching)', () => {
  const figureCss = readFileSync(new URL('../../src/components/mdx/Figure.astro', import.meta.url), 'utf8');
  const tokens = readFileSync(new URL('../../src/styles/tokens.css', import.meta.url), 'utf8');
  /** The colour token a rule of Figure.astro's stylesheet gives `property` (`fill: var(--mt-color-bg)` -> "bg"). */
  const tokenOf = (selector: string, property: string) => {
    const rule = new RegExp(`${selector.replace(/[.]/g, '\\.')}\\s*\\{([^}]*)\\}`).exec(figureCss)?.[1] ?? '';
    return new RegExp(`${property}:\\s*var\\(--mt-color-([\\w-]+)\\)`).exec(rule)?.[1];
  };
  const colour = (token: string, theme: 0 | 1) => {
    const m = new RegExp(`--mt-color-${token}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`, 'i').exec(
      tokens,
    )!;
    return m[theme + 1]!;
  };

  it('sits on a chip of the page’s ground inside its segment, never straight on the stripes', () => {
    const svg = figureToSvg(nestedFigure());
    // Each derived label written inside its segment follows a chip; the published part's label has none.
    const chips = [...svg.matchAll(/<rect class="mt-chart-label-chip"[^>]*\/>\s*<text [^>]*mt-chart-(on-\w+)"/g)];
    expect(chips.length).toBeGreaterThan(0);
    for (const chip of chips) expect(chip[1]).toMatch(/^on-(hatched|derived)$/);
    expect(svg).not.toMatch(/<rect class="mt-chart-label-chip"[^>]*\/>\s*<text [^>]*mt-chart-on-fill"/);
  });

  it('reads at 4.5:1 or more on its chip, in the light and the dark theme, at 13 px', () => {
    const ground = tokenOf('.mt-chart-svg .mt-chart-label-chip', 'fill');
    expect(ground).toBe('bg');
    for (const selector of ['.mt-chart-svg .mt-chart-on-hatched', '.mt-chart-svg .mt-chart-on-derived']) {
      const text = tokenOf(selector, 'fill')!;
      for (const theme of [0, 1] as const)
        expect(
          contrast(colour(text, theme), colour(ground!, theme)),
          `${selector}, theme ${theme}`,
        ).toBeGreaterThanOrEqual(4.5);
    }
    expect(/\.mt-chart-svg \.mt-chart-on-hatched\s*\{[^}]*font-size:\s*(\d+)px/.exec(figureCss)?.[1]).toBe('13');
  });
});
