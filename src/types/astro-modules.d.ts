/**
 * `.astro` imports seen from plain TypeScript (ESLint's typed rules, Vitest files). `astro check` resolves
 * the real component types itself; this only keeps other tools from reading them as `any`.
 */
declare module '*.astro' {
  import type { AstroComponentFactory } from 'astro/runtime/server/index.js';

  const component: AstroComponentFactory;
  export default component;
}
