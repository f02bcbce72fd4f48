import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import KeyNumbers from '../../src/components/KeyNumbers.astro';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { keyNumberOf } from '../../src/lib/series-summary.ts';

/**
 * The report page's key numbers (review of issue 21): a contrast shows both groups' values, the groups named once
 * (by the label), their intervals and n; a demonstration's source line says its data are synthetic.
 */
let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const { data, figures } = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
const numbers = data!.report.keyNumbers.map((ref) => keyNumberOf(figures, ref));
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the report page’s key numbers', () => {
  it('name the two groups a contrast shows once, in its label, then both intervals and both n (round 2)', async () => {
    const html = text(await container.renderToString(KeyNumbers, { props: { numbers, synthetic: true } }));
    expect(html).toMatch(
      /\d+% vs \d+% Say their company runs a platform, at 1,000\+ vs under 100 employees 95% intervals \d+–\d+% and \d+–\d+% · n = \d+ and \d+/,
    );
    expect(html).toMatch(
      /\+\d+ vs −\d+ Net Promoter Score, platform engineers vs application developers 95% intervals/,
    );
    // The line under the label does not name them again, in the data's words.
    expect(html).not.toContain('1,000+ employees vs 1–99 employees');
    expect(html).not.toMatch(/platform engineer vs application developer/i);
  });

  it('say under a demonstration’s numbers that its data are synthetic, and not under a real series’', async () => {
    const demo = text(await container.renderToString(KeyNumbers, { props: { numbers, synthetic: true } }));
    expect(demo).toMatch(/Source: Survey of 500 [^.]*2024\. Synthetic data: no real respondents\./);
    const real = text(await container.renderToString(KeyNumbers, { props: { numbers } }));
    expect(real).not.toContain('Synthetic data');
  });
});
