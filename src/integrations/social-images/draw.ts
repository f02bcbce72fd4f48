import { createRequire } from 'node:module';
import { CARD_SIZE, cardElement, type Card } from '../../lib/social-image/card.ts';
import { cardFonts } from './fonts.ts';
import { encodePng } from '../png.ts';

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

/** A card laid out by Satori: an SVG with its text as paths and its boxes as rects in concrete colours. */
export function cardSvg(card: Card): Promise<string> {
  return load().satori(cardElement(card), { ...CARD_SIZE, fonts: cardFonts() });
}

/** Draws a card: the SVG rasterised by resvg and encoded by sharp (both on worker threads) to a 1200×630 PNG. */
export async function drawCard(card: Card): Promise<Buffer> {
  const svg = await cardSvg(card);
  const image = await load().resvg.renderAsync(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  return encodePng(image);
}
