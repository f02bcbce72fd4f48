import { LATIN_RANGE } from './font-fallbacks.ts';

/**
 * The site's two typefaces for the printed report, in their static cuts (Fontsource, latin): Chromium
 * embeds a variable font in a PDF as Type 3 outlines with no name, a static one as a real TrueType font.
 * Named apart ("… Print") so they never compete with the site's variable faces. The printer serves them
 * under `PRINT_FONT_PATH` from node_modules (src/integrations/report-pdf/print.ts), so they never reach
 * the public output; `astro dev` shows the print page in the site's variable faces instead.
 */
export const PRINT_FONTS = [
  {
    family: 'Source Sans 3 Print',
    weight: 400,
    style: 'normal',
    file: '@fontsource/source-sans-3/files/source-sans-3-latin-400-normal.woff2',
  },
  {
    family: 'Source Sans 3 Print',
    weight: 400,
    style: 'italic',
    file: '@fontsource/source-sans-3/files/source-sans-3-latin-400-italic.woff2',
  },
  {
    family: 'Source Sans 3 Print',
    weight: 600,
    style: 'normal',
    file: '@fontsource/source-sans-3/files/source-sans-3-latin-600-normal.woff2',
  },
  {
    family: 'Source Sans 3 Print',
    weight: 700,
    style: 'normal',
    file: '@fontsource/source-sans-3/files/source-sans-3-latin-700-normal.woff2',
  },
  {
    family: 'Source Serif 4 Print',
    weight: 400,
    style: 'normal',
    file: '@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2',
  },
  {
    family: 'Source Serif 4 Print',
    weight: 600,
    style: 'normal',
    file: '@fontsource/source-serif-4/files/source-serif-4-latin-600-normal.woff2',
  },
  {
    family: 'Source Serif 4 Print',
    weight: 700,
    style: 'normal',
    file: '@fontsource/source-serif-4/files/source-serif-4-latin-700-normal.woff2',
  },
] as const;

/** Where the print page asks for a print font: this path, then the font's package path. */
export const PRINT_FONT_PATH = '/_report-fonts/';

/** The `@font-face` rules of the report's print fonts. */
export const printFontFaces = PRINT_FONTS.map(
  ({ family, weight, style, file }) =>
    `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};font-display:block;` +
    `src:url(${PRINT_FONT_PATH}${file}) format('woff2');unicode-range:${LATIN_RANGE}}`,
).join('');
