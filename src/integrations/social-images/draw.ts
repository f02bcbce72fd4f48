import { createRequire } from 'node:module';
import { CARD_SIZE, cardElement, type Card } from '../../lib/social-image/card.ts';
import { cardFonts } from './fonts.ts';
import { cardOverflow, cardVariants, unclamped, type LaidOutNode } from '../../lib/social-image/fit.ts';
import { encodePng } from '../png.ts';
import { slashesJoined } from '../../lib/social-image/element.ts';

/**
 * Satori and resvg, loaded with the first card drawn: a build whose cards all come from the cache never
 * pays for loading them. (`require`, not `import()`: the config's module runner is closed by the time the
 * build is done.)
 */
const require = createRequire(import.meta.url);
let libraries: { satori: typeof import('satori').default; resvg: typeof import('@resvg/resvg-js') } | undefined;
const load = () =>
  (libraries ??= {
    satori: (require('satori') as typeof import('satori')).default,
    resvg: require('@resvg/resvg-js') as typeof import('@resvg/resvg-js'),
  });

/** A card's text that does not fit: the build stops on it, naming the card and the text. */
export class CardOverflowError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`text does not fit: ${problems.join('; ')}`);
    this.problems = problems;
  }
}

/**
 * A card laid out by Satori: an SVG with its text as paths and its boxes as rects in concrete colours.
 * Every text is laid out whole (no ellipsis) and measured where Satori put it: a text that runs out of its
 * lines, over the footer or off the card makes it try the card's next layout (`cardVariants`: fewer chart
 * rows), and throws a `CardOverflowError` naming the texts when none fits.
 */
export async function cardSvg(card: Card): Promise<string> {
  let first: string[] | undefined;
  for (const variant of cardVariants(card)) {
    const nodes: LaidOutNode[] = [];
    const svg = await load().satori(slashesJoined(unclamped(cardElement(variant))), {
      ...CARD_SIZE,
      fonts: cardFonts(),
      onNodeDetected: (node) => nodes.push(node),
    });
    const problems = cardOverflow(nodes);
    if (problems.length === 0) return svg;
    first ??= problems;
  }
  throw new CardOverflowError(first ?? []);
}

/** Draws a card: the SVG rasterised by resvg and encoded by sharp (both on worker threads) to a 1200×630 PNG. */
export async function drawCard(card: Card): Promise<Buffer> {
  const svg = await cardSvg(card);
  const image = await load().resvg.renderAsync(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  return encodePng(image);
}
