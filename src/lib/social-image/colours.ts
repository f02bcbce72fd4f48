/**
 * Concrete colours of the social images: an image has no theme, so it cannot read the site's custom
 * properties. Light ground, near-black text, and the Okabe–Ito blue, vermillion and bluish green for
 * the chart's series (distinguishable with every common colour-vision deficiency); each fill has at
 * least 3:1 against the ground, and white value labels at least 3:1 against the fill at the bold size used.
 */
export const CARD_COLOURS = {
  ground: '#ffffff',
  text: '#16181d',
  muted: '#4a5060',
  rule: '#d9dce3',
  accent: '#0072b2',
  onFill: '#ffffff',
  fills: ['#0072b2', '#c44e00', '#007a5a'],
} as const;
