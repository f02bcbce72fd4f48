import { mdxComponents } from '../mdx/index.ts';
import H3 from './H3.astro';
import H4 from './H4.astro';

/** MDX components for the printed report: the editors' components, headings one level down. */
export const reportComponents = { ...mdxComponents, h2: H3, h3: H4 };
