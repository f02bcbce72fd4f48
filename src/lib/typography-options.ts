import type { Options } from 'retext-smartypants';

/**
 * The options of retext-smartypants for Markdown (remarkTypography, in astro.config.mjs) and for `typeset`
 * (src/lib/typography.ts), so articles and the text outside Markdown read alike. A module of its own: the
 * config imports it without loading retext.
 */
export const SMARTYPANTS: Options = { dashes: 'oldschool' };
