/** A metric-compatible system family standing in for a web font, by weight, as `local()` names. */
const system = (measuredWith: string, regular: readonly string[], bold: readonly string[]) =>
  ({ measuredWith, local: { 400: regular, 700: bold } }) as const;

const ARIAL = system(
  'Liberation Sans',
  ['Arial', 'ArialMT', 'Liberation Sans', 'LiberationSans'],
  ['Arial Bold', 'Arial-BoldMT', 'Liberation Sans Bold', 'LiberationSans-Bold'],
);

const TIMES = system(
  'Liberation Serif',
  ['Times New Roman', 'TimesNewRomanPSMT', 'Liberation Serif', 'LiberationSerif'],
  ['Times New Roman Bold', 'TimesNewRomanPS-BoldMT', 'Liberation Serif Bold', 'LiberationSerif-Bold'],
);

/**
 * The site's two web fonts and the system fonts that stand in for them until they load, measured at each
 * weight the site uses and a typical px size for it (scripts/font-fallbacks.ts).
 */
export const FONT_FACES = [
  {
    family: 'Source Sans 3',
    file: '@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2',
    system: ARIAL,
    sizes: { 400: 17, 700: 17 },
  },
  {
    family: 'Source Serif 4',
    file: '@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2',
    system: TIMES,
    sizes: { 400: 20, 700: 32 },
  },
] as const;
