/** The characters of Fontsource's latin subset, the one file of each web font the site loads. */
export const LATIN_RANGE =
  'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD';

/** The `@font-face` rule of a variable web font (weights 200 to 900) served from `url`. */
export function webFontFace(family: string, url: string): string {
  return (
    `@font-face{font-family:'${family}';font-style:normal;font-display:swap;font-weight:200 900;` +
    `src:url(${url}) format('woff2');unicode-range:${LATIN_RANGE}}`
  );
}

/**
 * The fallback faces of the web fonts: the metric-compatible system fonts resized and re-spaced to the web
 * font, measured by `node scripts/font-fallbacks.ts` into font-fallbacks.json, so the swap moves no line.
 */
export interface FallbackFace {
  /** The web font's family; the face is named `<family> fallback`. */
  family: string;
  weight: number;
  /** `local()` names of the system font, in order of preference. */
  local: string[];
  sizeAdjust: string;
  ascentOverride: string;
  descentOverride: string;
  lineGapOverride: string;
}

/** The `@font-face` rules of the fallback faces. */
export function fallbackFontFaces(faces: readonly FallbackFace[]): string {
  return faces
    .map(
      (face) =>
        `@font-face{font-family:'${face.family} fallback';src:${face.local.map((name) => `local('${name}')`).join(',')};` +
        `font-weight:${face.weight};size-adjust:${face.sizeAdjust};ascent-override:${face.ascentOverride};` +
        `descent-override:${face.descentOverride};line-gap-override:${face.lineGapOverride}}`,
    )
    .join('');
}
