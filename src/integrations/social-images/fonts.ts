import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CARD_FONT } from '../../lib/social-image/card.ts';

/**
 * The fonts the social images are set in: Inter from Fontsource, static WOFF files of the Latin subset
 * (Satori reads TTF, OTF and WOFF, not WOFF2 or variable fonts), in the two weights the cards use.
 */

export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

const FILES = { 400: 'inter-latin-400-normal.woff', 700: 'inter-latin-700-normal.woff' } as const;

let loaded: CardFont[] | undefined;

/** The fonts, read once per build from the project's node_modules. */
export function cardFonts(root: string = process.cwd()): CardFont[] {
  if (!loaded) {
    const require = createRequire(join(root, 'package.json'));
    loaded = ([400, 700] as const).map((weight) => ({
      name: CARD_FONT,
      data: readFileSync(require.resolve(`@fontsource/inter/files/${FILES[weight]}`)),
      weight,
      style: 'normal' as const,
    }));
  }
  return loaded;
}
