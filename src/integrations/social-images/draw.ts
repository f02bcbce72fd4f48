import { renderAsync } from '@resvg/resvg-js';
import satori from 'satori';
import { CARD_SIZE, cardElement, type Card } from '../../lib/social-image/card.ts';
import { cardFonts } from './fonts.ts';

/** A card laid out by Satori: an SVG with its text as paths and its boxes as rects in concrete colours. */
export function cardSvg(card: Card): Promise<string> {
  return satori(cardElement(card), { ...CARD_SIZE, fonts: cardFonts() });
}

/** Draws a card: the SVG rasterised by resvg (on a worker thread) to a 1200×630 PNG. */
export async function drawCard(card: Card): Promise<Buffer> {
  const svg = await cardSvg(card);
  const image = await renderAsync(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } });
  return image.asPng();
}
