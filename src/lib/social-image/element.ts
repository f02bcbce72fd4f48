/**
 * The element tree Satori lays out: `{ type, props }` objects, as React would make, built without React.
 * Styles are Satori's subset of CSS (flexbox only), in camelCase.
 */

/** The `key` of a card's footer box (its rule is its top border), which `fit.ts` measures against. */
export const FOOTER_KEY = 'footer';

export type Style = Record<string, string | number>;

export interface CardNode {
  type: 'div';
  /** Names a box in Satori's layout (the footer's, which `fit.ts` measures against). */
  key?: string;
  props: { style: Style; children?: CardChild | CardChild[] };
}

export type CardChild = CardNode | string;

/** A flex box: `box(style, ...children)`. */
export function box(style: Style, ...children: CardChild[]): CardNode {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}

/**
 * A block of text given `lines` lines (its line clamp; the renderer lays it out whole and fails the card
 * when it takes more: `fit.ts`), at a line height of 1.25 unless the style sets one.
 */
export function text(content: string, style: Style, lines = 1): CardNode {
  return {
    type: 'div',
    props: { style: { display: 'block', lineClamp: lines, lineHeight: 1.25, ...style }, children: content },
  };
}

/**
 * The tree with a word joiner after each slash between two letters ("AI/ML"), so that Satori never breaks a
 * line after the slash ("AI/" at a line's end, "ML" on the next: round 10). The card's texts stay as written.
 */
export function slashesJoined(node: CardNode): CardNode {
  const join = (child: CardChild): CardChild =>
    typeof child === 'string' ? child.replace(/(?<=\p{L})\/(?=\p{L})/gu, '/\u2060') : slashesJoined(child);
  const { children } = node.props;
  if (children === undefined) return node;
  return {
    ...node,
    props: { ...node.props, children: Array.isArray(children) ? children.map(join) : join(children) },
  };
}
