import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import KeyFigure from '../../src/components/KeyFigure.astro';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import type { Figure } from '../../src/lib/schema/figure.ts';
import { baseShort } from '../../src/lib/chart/summary.ts';

/**
 * Round 13: a computed key number carried its interval on one line and its base in brackets on the next
 * ("95% interval 9 to 10 days" over "(respondents who answered, of 500 asked, n = 451)"). One short qualifier now.
 */
let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const { figures } = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
const keyValue = (id: string, label: string) => {
  const figure: Figure = figures.find((f) => f.id === id)!;
  return { figure, row: label, label, value: figure.rows.find((r) => r.label === label)!.value };
};
const text = (html: string) => html.replace(/<[^>]+>/g, '|').replace(/\|+/g, '|');

describe('a computed key number’s qualifier', () => {
  it('is one line, its interval with its n, where its base is not the page’s', async () => {
    const value = keyValue('onboarding-median', 'Median');
    const html = await container.renderToString(KeyFigure, { props: { value, pageBase: 'survey of 500' } });
    expect(html.match(/class="key-interval"/g)).toHaveLength(1);
    expect(html).not.toContain('key-base');
    expect(text(html)).toMatch(/\|95% interval \d+ to \d+ days, n = 451\|/);
  });

  it('is the interval alone where the base is the page’s', async () => {
    const value = keyValue('platform-by-size', 'Yes, in use');
    const html = await container.renderToString(KeyFigure, { props: { value, pageBase: baseShort(value.figure) } });
    expect(text(html)).toMatch(/\|95% interval \d+–\d+%\|/);
    expect(html).not.toMatch(/n = \d+/);
  });
});
