import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CARD_FONT, CARD_HEADING_FONT } from '../../lib/social-image/card.ts';

/**
 * The fonts the social images are set in, the site's own: Source Sans 3 (text, two weights) and Source
 * Serif 4 (headings and big numbers, bold), from Fontsource's static WOFF files of the Latin subset
 * (Satori reads TTF, OTF and WOFF, not WOFF2 or the variable fonts the pages use).
 */

export interface CardFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

const FACES = [
  { name: CARD_FONT, weight: 400, file: '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff' },
  { name: CARD_FONT, weight: 700, file: '@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff' },
  {
    name: CARD_HEADING_FONT,
    weight: 700,
    file: '@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff',
  },
] as const;

let loaded: CardFont[] | undefined;

/** The fonts, read once per build from the project's node_modules. */
export function cardFonts(root: string = process.cwd()): CardFont[] {
  if (!loaded) {
    const require = createRequire(join(root, 'package.json'));
    loaded = FACES.map(({ name, weight, file }) => ({
      name,
      data: readFileSync(require.resolve(file)),
      weight,
      style: 'normal' as const,
    }));
  }
  return loaded;
}
