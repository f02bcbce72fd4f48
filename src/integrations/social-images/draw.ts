import { Resvg } from '@resvg/resvg-js';
import satori from 'satori';
import { CARD_SIZE, cardElement, type Card } from '../../lib/social-image/card.ts';
import { cardFonts } from './fonts.ts';

/** Draws a card: Satori lays it out as SVG (text as paths), resvg rasterises it to a 1200×630 PNG. */
export async function drawCard(card: Card): Promise<Buffer> {
  const svg = await satori(cardElement(card), { ...CARD_SIZE, fonts: cardFonts() });
  const png = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render().asPng();
  return png;
}
