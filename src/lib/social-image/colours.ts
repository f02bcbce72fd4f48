/**
 * Concrete colours of the social images: an image has no theme, so it cannot read the site's custom
 * properties. Light ground, near-black text, and the site's light-theme chart colours: the Okabe–Ito blue
 * for the finding, a neutral grey for a previous edition, and for a stacked bar's ordered parts blue, a grey
 * middle and a muted brown; each fill has at least 3:1 against the ground, and white value labels at least
 * 3:1 against the fill at the bold size used.
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
  fills: ['#0072b2', '#8a8f94', '#a65628'],
} as const;
