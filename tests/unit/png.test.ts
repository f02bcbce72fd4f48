import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { encodePng, isOpaque } from '../../src/integrations/png.ts';
import { cardSvg } from '../../src/integrations/social-images/draw.ts';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';

const require = createRequire(import.meta.url);
const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
const sharp = require('sharp') as typeof import('sharp').default;

/** An opaque picture, as the figures and cards are, and one with soft, half-transparent edges. */
const OPAQUE =
  '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120"><rect width="240" height="120" fill="#fbfaf7"/>' +
  '<rect x="20" y="30" width="150" height="24" fill="#1f5f8b"/><circle cx="200" cy="80" r="25" fill="#c8463c"/></svg>';
const TRANSLUCENT =
  '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"><circle cx="30" cy="25" r="20" fill="rgba(200,30,60,0.5)"/>' +
  '<rect x="50" y="5" width="40" height="40" fill="#123456" opacity="0.3"/></svg>';

const pixels = (png: Buffer) => sharp(png).raw().toBuffer({ resolveWithObject: true });

describe('encodePng', () => {
  it('keeps every pixel of an opaque picture as resvg encodes it', async () => {
    const image = new Resvg(OPAQUE).render();
    const [a, b] = [await pixels(await encodePng(image)), await pixels(image.asPng())];
    expect(a.info).toMatchObject({ width: 240, height: 120, channels: 4 });
    expect(a.data.equals(b.data)).toBe(true);
  });

  it('writes a social card with the same pixels as resvg, in a smaller file', async () => {
    const image = new Resvg(await cardSvg(siteCards(process.cwd())[0]!.card), {
      font: { loadSystemFonts: false },
    }).render();
    const [ours, theirs] = [await encodePng(image), image.asPng()];
    expect((await pixels(ours)).data.equals((await pixels(theirs)).data)).toBe(true);
    expect(ours.length).toBeLessThan(0.9 * theirs.length);
  });

  it('writes an opaque picture byte for byte as sharp does from premultiplied pixels', async () => {
    const image = new Resvg(OPAQUE).render();
    const premultiplied = await sharp(image.pixels, {
      raw: { width: image.width, height: image.height, channels: 4, premultiplied: true },
    })
      .png()
      .toBuffer();
    expect((await encodePng(image)).equals(premultiplied)).toBe(true);
  });

  it('keeps half-transparent pixels within one step of 255 (resvg hands over premultiplied colour)', async () => {
    const image = new Resvg(TRANSLUCENT).render();
    const [a, b] = [await pixels(await encodePng(image)), await pixels(image.asPng())];
    let most = 0;
    for (let i = 0; i < a.data.length; i++) most = Math.max(most, Math.abs(a.data[i]! - b.data[i]!));
    expect(most).toBeLessThanOrEqual(1);
  });
});

describe('isOpaque', () => {
  it('tells an opaque picture from one with a single translucent pixel, at any byte offset', () => {
    const image = new Resvg(OPAQUE).render();
    expect(isOpaque(image.pixels)).toBe(true);
    expect(isOpaque(new Resvg(TRANSLUCENT).render().pixels)).toBe(false);
    const last = Buffer.from(image.pixels);
    last[last.length - 1] = 254;
    expect(isOpaque(last)).toBe(false);
    // The same bytes one byte into a larger buffer: not on a four-byte boundary.
    const shifted = Buffer.alloc(last.length + 1);
    last.copy(shifted, 1);
    expect(isOpaque(shifted.subarray(1))).toBe(false);
    image.pixels.copy(shifted, 1);
    expect(isOpaque(shifted.subarray(1))).toBe(true);
  });
});
