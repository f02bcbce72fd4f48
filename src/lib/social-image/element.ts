/**
 * The element tree Satori lays out: `{ type, props }` objects, as React would make, built without React.
 * Styles are Satori's subset of CSS (flexbox only), in camelCase.
 */

export type Style = Record<string, string | number>;

export interface CardNode {
  type: 'div';
  props: { style: Style; children?: CardChild | CardChild[] };
}

export type CardChild = CardNode | string;

/** A flex box: `box(style, ...children)`. */
export function box(style: Style, ...children: CardChild[]): CardNode {
  return { type: 'div', props: { style: { display: 'flex', ...style }, children } };
}

/** A block of text cut to `lines` lines with an ellipsis. */
export function text(content: string, style: Style, lines = 1): CardNode {
  return {
    type: 'div',
    props: { style: { display: 'block', lineClamp: lines, ...style }, children: content },
  };
}
