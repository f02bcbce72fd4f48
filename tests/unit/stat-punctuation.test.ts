import { describe, expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkStringify from 'remark-stringify';
import remarkStatPunctuation from '../../src/lib/remark-stat-punctuation.ts';

/**
 * A bound number keeps the punctuation after it on its line (review: "…it is 11.0 days" / ". Each group's…"
 * at 1280 px): the MDX pipeline wraps a <Stat> and the punctuation right after it in one unbreakable span.
 */
const run = (mdx: string) =>
  String(
    unified().use(remarkParse).use(remarkMdx).use(remarkStatPunctuation).use(remarkStringify).processSync(mdx),
  ).trim();

describe('remark-stat-punctuation', () => {
  it('wraps a <Stat> with the full stop after it, leaving the rest of the sentence', () => {
    expect(run('Across everyone it is <Stat figure="f" label="Mean" />. Each group')).toBe(
      'Across everyone it is <span class="mt-stat-keep"><Stat figure="f" label="Mean" />.</span> Each group',
    );
  });

  it('keeps commas, colons, closing brackets and quotes, several together', () => {
    expect(
      run('(<Stat figure="f" label="A" />), then <Stat figure="f" label="B" />: and “<Stat figure="f" label="C" />.”'),
    ).toBe(
      '(<span class="mt-stat-keep"><Stat figure="f" label="A" />),</span> then <span class="mt-stat-keep"><Stat figure="f" label="B" />:</span> and “<span class="mt-stat-keep"><Stat figure="f" label="C" />.”</span>',
    );
  });

  it('leaves a <Stat> followed by a word or a space, and other elements, as they are', () => {
    const text = 'It is <Stat figure="f" label="A" /> in use and <Survey fact="respondents" />.';
    expect(run(text)).toBe(text);
  });
});
