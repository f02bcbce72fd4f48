import { CARD_SIZE, CARD_PADDING } from './card.ts';
import { FOOTER_KEY, type CardChild, type CardNode, type Style } from './element.ts';
import { MAX_ROWS } from './chart.ts';
import type { Card } from './card.ts';

/**
 * Whether a card's text fits, read from Satori's own layout (its `onNodeDetected` boxes), not estimated:
 * every text inside the card's margins, the body's text clear of the footer's rule, and no text longer than
 * the lines it is given. The build fails on any of these, naming the card (`src/integrations/social-images`).
 */

/** A box as Satori laid it out. */
export interface LaidOutNode {
  key?: string | number | undefined;
  left: number;
  top: number;
  width: number;
  height: number;
  textContent?: string | undefined;
  props: { style?: Style | undefined; lines?: number | undefined };
}

/** The body's text ends at least this far above the footer's rule. */
export const FOOTER_CLEARANCE = 12;
/** Line height of a text without its own: the `text()` default. */
export const DEFAULT_LINE_HEIGHT = 1.25;

const short = (text: string) => `“${text.length > 48 ? `${text.slice(0, 47)}…` : text}”`;

/** What does not fit on a laid-out card, in words (empty when everything fits). */
export function cardOverflow(nodes: readonly LaidOutNode[]): string[] {
  const problems: string[] = [];
  const footer = nodes.find((n) => n.key === FOOTER_KEY);
  const right = CARD_SIZE.width - CARD_PADDING.x;
  const bottom = CARD_SIZE.height - CARD_PADDING.y;
  for (const node of nodes) {
    const text = node.textContent?.trim();
    if (!text) continue;
    const end = Math.round(node.top + node.height);
    if (node.left < CARD_PADDING.x - 0.5 || node.left + node.width > right + 0.5 || end > bottom)
      problems.push(`${short(text)} runs outside the card’s margins`);
    const inFooter = footer !== undefined && node.top >= footer.top;
    const gap = footer ? Math.round(footer.top) - end : Infinity;
    if (!inFooter && gap < FOOTER_CLEARANCE)
      problems.push(
        gap < 0
          ? `${short(text)} runs ${-gap} px over the footer’s rule`
          : `${short(text)} ends ${gap} px above the footer’s rule (${FOOTER_CLEARANCE} px at least)`,
      );
    const style = node.props.style ?? {};
    const room = node.props.lines;
    if (room !== undefined) {
      const line = Number(style.fontSize) * Number(style.lineHeight ?? DEFAULT_LINE_HEIGHT);
      const lines = Math.round(node.height / line);
      if (lines > room) problems.push(`${short(text)} takes ${lines} lines where it has room for ${room}`);
    }
  }
  return problems;
}

/**
 * The element tree with each text's line clamp moved to `props.lines`: laid out whole, never cut with an
 * ellipsis, so that a text longer than its lines shows in the layout and `cardOverflow` names it.
 */
export function unclamped(node: CardNode): CardNode {
  const { lineClamp, ...style } = node.props.style;
  const lines = typeof lineClamp === 'number' ? { lines: lineClamp } : {};
  const { children } = node.props;
  const inner = (child: CardChild) => (typeof child === 'string' ? child : unclamped(child));
  const kept =
    children === undefined ? {} : { children: Array.isArray(children) ? children.map(inner) : inner(children) };
  return { ...node, props: { ...node.props, ...lines, style, ...kept } };
}

/**
 * The layouts a card is tried in, in order, until one fits: as built, then a trend's chart compact (thinner
 * bars, wider labels), then compact with one category fewer at a time, down to one (the article has them all; the chart says how many it leaves out); a nested
 * chart drops its brackets from the first of these. A card of several numbers is tried with them side by side,
 * then one a row.
 */
export function cardVariants(card: Card): Card[] {
  // Numbers side by side, then one a row, each label beside its number (`compact`); the report's contents under
  // a title at its smallest size.
  if (card.kind === 'overview' && (card.numbers || card.contents) && !card.figure)
    return [card, { ...card, compact: true }];
  if (!card.figure) return [card];
  const variants: Card[] = [card, { ...card, compact: true }];
  for (let rows = (card.maxRows ?? MAX_ROWS) - 1; rows >= 1; rows -= 1)
    variants.push(withRows({ ...card, compact: true, maxRows: rows }, rows));
  return variants;
}

/** Footnote marks a chart's labels end with ("Increased it by more than 50%¹"). */
const MARK = /[¹²³⁴⁵⁶⁷⁸⁹]$/u;

/**
 * A card drawing its first `rows` categories, its credit without the note of a mark no drawn row carries (social
 * cards round 2: "; ¹ trade press" under a chart whose row ¹ was left out).
 */
function withRows(card: Card, rows: number): Card {
  const labels = card.kind === 'trend' || card.kind === 'overview' ? card.labels : undefined;
  if (!labels || !card.credit) return card;
  const drawn = new Set(labels.slice(0, rows).flatMap((label) => MARK.exec(label)?.[0] ?? []));
  const left = new Set(labels.slice(rows).flatMap((label) => MARK.exec(label)?.[0] ?? []));
  let credit = card.credit;
  for (const mark of left) {
    if (drawn.has(mark)) continue;
    credit = credit.replace(new RegExp(`; ${mark}\u00a0[^;]*?(?=;|\\.(?:\\s|$))`, 'u'), '');
  }
  return { ...card, credit };
}
