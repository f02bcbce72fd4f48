/**
 * Curly quotes and real dashes in Markdown and MDX, with retext-smartypants and the options in
 * `typography-options.ts`. The method is remark-smartypants' (version 3): quotes are paired over the text of
 * the whole document, so a quote around a link or emphasis closes where it should, then dashes and
 * ellipses are set in each text node. One change: that second pass parses only the text nodes that hold
 * something it could set (a dash pair, three dots, two backticks or apostrophes); the rest are left as
 * they are, which is what it would have returned. remark-smartypants parses every text node again, which
 * took 1.5 s of CPU in a build of 1,000 articles. `tests/unit/typography.test.ts` checks that both give the same tree.
 */
import type { Nodes, Parent } from 'mdast';
import { retext } from 'retext';
import retextSmartypants, { type Options } from 'retext-smartypants';
import type { RemarkPlugin } from '@astrojs/markdown-remark';
import { visit } from 'unist-util-visit';

/** Parents whose text starts afresh: a quote at their start opens. */
const BLOCKS = new Set(['paragraph', 'heading', 'tableCell']);
const VISITED = new Set(['text', 'inlineCode', ...BLOCKS]);
/** Raw HTML elements whose text is code, not prose. */
const IGNORED_ELEMENTS = new Set(['style', 'script']);
/**
 * Text the second pass may change (a superset, read from retext-smartypants 6): `--` and `---`, a dash before
 * a hyphen, `...` and dots spaced by whitespace (parse-latin's, which includes U+0085), two backticks or
 * apostrophes; with `backticks: 'all'`, any backtick or apostrophe.
 */
const SECOND_PASS = /--|[–—]-|\.\.\.|\.[\s\u0085]+\.+[\s\u0085]+\.|``|''/;
const SECOND_PASS_ALL = /--|[–—]-|\.\.\.|\.[\s\u0085]+\.+[\s\u0085]+\.|[`']/;

type Literal = Extract<Nodes, { value: string }>;
const isLiteral = (node: Nodes): node is Literal => 'value' in node && typeof node.value === 'string';

function visited(node: Nodes, parent: Parent | undefined): boolean {
  if (!parent || !VISITED.has(node.type)) return false;
  if (parent.type === 'mdxJsxTextElement') {
    const name = (parent as { name?: unknown }).name;
    if (typeof name !== 'string' || IGNORED_ELEMENTS.has(name)) return false;
  }
  return isLiteral(node) || BLOCKS.has(node.type);
}

const remarkTypography: RemarkPlugin<[Options?]> = function (options = {}) {
  // Quotes first, over the whole text: the replacements keep its length, so it splits back into the nodes.
  const quotes = retext().use(retextSmartypants, { ...options, ellipses: false, dashes: false, backticks: false });
  const rest = retext().use(retextSmartypants, { ...options, quotes: false });
  const mayChange = options.backticks === 'all' ? SECOND_PASS_ALL : SECOND_PASS;
  return (tree) => {
    const nodes: Nodes[] = [];
    let all = '';
    visit(tree, (node, _index, parent) => {
      if (!visited(node, parent)) return;
      // Code counts as letters, so a quote beside it pairs as it would beside a word; a block starts with a space.
      if (isLiteral(node)) all += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
      else all += ' ';
      nodes.push(node);
    });
    all = quotes.processSync(all).toString();
    let start = 0;
    for (const node of nodes) {
      if (!isLiteral(node)) {
        start += 1;
        continue;
      }
      const end = start + node.value.length;
      if (node.type === 'text') {
        const text = all.slice(start, end);
        node.value = mayChange.test(text) ? rest.processSync(text).toString() : text;
      }
      start = end;
    }
  };
};

export default remarkTypography;
