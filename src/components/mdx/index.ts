/** The components editors use in MDX, passed to every rendered article: no import needed. */
import ArticleFigure from './ArticleFigure.astro';
import Figure from './Figure.astro';
import Stat from './Stat.astro';
import Survey from './Survey.astro';
import Ratio from './Ratio.astro';
import Numbers from './Numbers.astro';
import Gap from './Gap.astro';
import type { ComponentName } from '../../lib/mdx-refs.ts';

/** Exactly the components the content check knows (MDX_COMPONENTS in src/lib/mdx-refs.ts), no more, no fewer. */
export const mdxComponents = { Figure: ArticleFigure, Stat, Survey, Ratio, Numbers, Gap } satisfies Record<
  ComponentName,
  unknown
>;
export { Figure, Stat, Survey, Ratio, Numbers, Gap };
