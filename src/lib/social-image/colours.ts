/**
 * Concrete colours of the social images: an image has no theme, so it cannot read the site's custom
 * properties. Light ground, near-black text, and the site's light-theme chart colours
 * (`src/styles/tokens.css`): the Okabe–Ito blue for the finding, the grey `--mt-color-chart-mid` for the
 * bars and segments beside it, the neutral grey of a previous edition, and the light grey a derived segment's
 * hatching is drawn on. Each fill has at least 3:1 against the ground; white labels on the blue and dark labels on the
 * greys and tints have at least 4.5:1.
 */
export const CARD_COLOURS = {
  ground: '#ffffff',
  text: '#16181d',
  muted: '#4a5060',
  rule: '#d9dce3',
  accent: '#0072b2',
  onFill: '#ffffff',
  /** A paired figure's previous edition: the site's neutral grey. */
  neutral: '#808a94',
  /** Bars and segments beside the finding (`--mt-color-chart-mid`), dark text on it. */
  mid: '#8a8f94',
  /** A derived segment, whatever its colour: white hatching on this light grey (`--mt-color-chart-mid-tint`). */
  hatch: '#e6e9ec',
} as const;
