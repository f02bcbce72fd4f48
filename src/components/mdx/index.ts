/** The components editors use in MDX, passed to every rendered article: no import needed. */
import Figure from './Figure.astro';
import Stat from './Stat.astro';
import Survey from './Survey.astro';

export const mdxComponents = { Figure, Stat, Survey };
export { Figure, Stat, Survey };
