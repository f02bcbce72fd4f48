import type { Options } from 'retext-smartypants';

/**
 * The options of remark-smartypants in astro.config.mjs and of `typeset` (src/lib/typography.ts), so
 * articles and the text outside Markdown read alike. A module of its own: the config imports it without
 * loading retext.
 */
export const SMARTYPANTS: Options = { dashes: 'oldschool' };
