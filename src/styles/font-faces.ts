/**
 * The site's two web fonts and the system fonts that stand in for them until they load, each measured at the
 * weight and a typical px size the site sets it in (scripts/font-fallbacks.ts).
 */
export const FONT_FACES = [
  {
    family: 'Source Sans 3',
    file: '@fontsource-variable/source-sans-3/files/source-sans-3-latin-wght-normal.woff2',
    fallbacks: [
      {
        weight: 400,
        size: 17,
        measuredWith: 'Liberation Sans',
        local: ['Arial', 'ArialMT', 'Liberation Sans', 'LiberationSans'],
      },
      {
        weight: 700,
        size: 17,
        measuredWith: 'Liberation Sans',
        local: ['Arial Bold', 'Arial-BoldMT', 'Liberation Sans Bold', 'LiberationSans-Bold'],
      },
    ],
  },
  {
    family: 'Source Serif 4',
    file: '@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2',
    fallbacks: [
      {
        weight: 400,
        size: 20,
        measuredWith: 'Liberation Serif',
        local: ['Times New Roman', 'TimesNewRomanPSMT', 'Liberation Serif', 'LiberationSerif'],
      },
      {
        weight: 700,
        size: 32,
        measuredWith: 'Liberation Serif',
        local: ['Times New Roman Bold', 'TimesNewRomanPS-BoldMT', 'Liberation Serif Bold', 'LiberationSerif-Bold'],
      },
    ],
  },
] as const;
