import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import TrendSources from '../../src/components/TrendSources.astro';
import { getAllSeries, type Series } from '../../src/data/series.ts';

/**
 * An article's "Sources" section lists every source its numbers come from: the sources its frontmatter
 * names, and those of every figure it binds, whether drawn as a chart or quoted with <Stat>, once each.
 */
let container: AstroContainer;
let series: Series;
beforeAll(async () => {
  container = await AstroContainer.create();
  series = (await getAllSeries()).find((s) => s.id === 'ml-trends-2021')!;
});

/** The titles the section lists, in order, as a reader sees them. */
async function listed(slug: string): Promise<string[]> {
  const trend = series.trends.find((t) => t.slug === slug)!;
  const html = await container.renderToString(TrendSources, {
    props: { series, trend },
    request: new Request(`http://localhost${trend.href}`),
  });
  expect(html).toContain('<h2 id="trend-sources-title"');
  return [...html.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
}

describe('an article\'s "Sources" section', () => {
  it('lists the sources of the numbers an article only quotes in sentences (early adopters)', async () => {
    const items = await listed('early-adopters');
    expect(items.join('\n')).toContain('Enterprises plan to spend more on AI in 2021');
    expect(items.join('\n')).toContain('Designing Machine Learning Systems, chapter 7');
  });

  it('lists the sources the text names though no figure carries them (the report in trend 4, Arize in 2)', async () => {
    const early = (await listed('early-adopters')).join('\n');
    expect(early).toContain('2021 enterprise trends in machine learning');
    // Round 14: the text no longer credits MVYL with the model counts (no source says it carried them), so the
    // list does not name it either.
    expect(early).not.toContain('Big AI Trends for 2021');
    expect((await listed('early-adopters')).length).toBe(3);
    // Round 15: trend 2 keeps one sentence on the Arize AI post's reading of its share, so the list names the post;
    // trend 1 no longer retells which outlet led with a share, so Forbes, which carries none of its figures, is gone.
    expect((await listed('teams')).join('\n')).toContain('Post on Arize AI’s partnership with Algorithmia');
    expect((await listed('investment')).join('\n')).not.toMatch(/Forbes|Louis Columbus/);
  });

  it('says how to get a source without an address (the report itself: from its publisher)', async () => {
    // Trend 7 lists the report in its frontmatter (trend 1 no longer names it: round 13).
    const report = (await listed('alignment')).find((item) =>
      item.includes('2021 enterprise trends in machine learning'),
    );
    // A full stop closes the title and its brackets before the access sentence: "(report text). Available…".
    expect(report).toMatch(
      /Algorithmia: 2021 enterprise trends in machine learning(?: \([^)]*\))?\. Available from its publisher\.$/,
    );
  });

  it('lists the source of a lone quoted number (integration)', async () => {
    expect((await listed('integration')).join('\n')).toContain('Big AI Trends for 2021');
  });

  it("lists the frontmatter's own source, each figure's and the report its text names, once each (deployment)", async () => {
    const items = await listed('deployment');
    expect(items).toHaveLength(5);
    const text = items.join('\n');
    for (const title of [
      'Post on Arize AI’s partnership with Algorithmia',
      'The Framework for ML Governance, chapter 1',
      'Creating machine learning models takes too much time',
      'Article on the 2021 enterprise trends in machine learning survey',
      '2021 enterprise trends in machine learning',
    ]) {
      expect(text).toContain(title);
    }
  });

  it('lists a source used by several figures of one article once (teams)', async () => {
    const items = await listed('teams');
    expect(new Set(items).size).toBe(items.length);
  });
});

describe('a demonstration article’s "Sources" section', () => {
  it('says the survey it cites has synthetic data, as every chart’s source line does (review of issue 21)', async () => {
    const demo = (await getAllSeries()).find((s) => s.id === 'platform-engineering-2024')!;
    for (const trend of demo.trends) {
      const html = await container.renderToString(TrendSources, {
        props: { series: demo, trend },
        request: new Request(`http://localhost${trend.href}`),
      });
      const items = [...html.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
      expect(items, trend.slug).toEqual([
        expect.stringMatching(
          /^Survey of 500 .*, fielded 2–27 September 2024\. Synthetic data: no real respondents\.$/,
        ),
      ]);
    }
    // A real series' own entries do not say it.
    for (const trend of series.trends) {
      const html = await container.renderToString(TrendSources, { props: { series, trend } });
      expect(html, trend.slug).not.toContain('Synthetic data');
    }
  });
});
