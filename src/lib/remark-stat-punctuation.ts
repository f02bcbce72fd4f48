/**
 * Keeps a bound number (`<Stat>`) on one line with the punctuation that follows it: "it is 11.0 days." never
 * ends a line on "days" and starts the next on ".". The number is a button (laid out as an inline block,
 * after which a browser may break even before a full stop) followed by its hidden interval text; this plugin
 * wraps the `<Stat>` and the punctuation right after it in `<span class="mt-stat-keep">`, which does not
 * break inside (see `Stat.astro`). The wrapper has no other effect: the PDF reads a span's children.
 */
import type { Parent, PhrasingContent, Text } from 'mdast';
import type { MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import type { RemarkPlugin } from '@astrojs/markdown-remark';
import { visit } from 'unist-util-visit';

/** The class of the wrapper. */
export const STAT_KEEP_CLASS = 'mt-stat-keep';

/** Punctuation that may not start a line: full stop, comma, colon, semicolon, marks, closing brackets and quotes. */
const TRAILING = /^[.,:;!?)\]}’”…]+/;

const isStat = (node: unknown): node is MdxJsxTextElement =>
  (node as { type?: string }).type === 'mdxJsxTextElement' && (node as { name?: string }).name === 'Stat';

const remarkStatPunctuation: RemarkPlugin = function () {
  return (tree) => {
    const wrappers = new WeakSet<object>();
    visit(tree, (node) => {
      const children = (node as Parent).children as PhrasingContent[] | undefined;
      if (!children || wrappers.has(node)) return;
      for (let i = 0; i < children.length - 1; i++) {
        const stat = children[i];
        const next = children[i + 1];
        if (!isStat(stat) || next?.type !== 'text') continue;
        const punctuation = TRAILING.exec(next.value)?.[0];
        if (!punctuation) continue;
        const rest = next.value.slice(punctuation.length);
        const kept: Text = { type: 'text', value: punctuation };
        const wrapper: MdxJsxTextElement = {
          type: 'mdxJsxTextElement',
          name: 'span',
          attributes: [{ type: 'mdxJsxAttribute', name: 'class', value: STAT_KEEP_CLASS }],
          children: [stat, kept],
        };
        wrappers.add(wrapper);
        children.splice(i, 2, wrapper as PhrasingContent, ...(rest ? [{ ...next, value: rest }] : []));
      }
    });
  };
};

export default remarkStatPunctuation;
