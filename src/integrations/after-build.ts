import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { forgetBuiltFiles } from './built-files.ts';

/**
 * An integration of one step over the built client files (`dist/client/`), run when `astro build` is done;
 * `root` is the project, for a cache under its `.astro/`.
 */
export function afterBuild(
  name: string,
  step: (clientDir: string, logger: AstroIntegrationLogger, root: string) => Promise<void> | void,
): AstroIntegration {
  let root = process.cwd();
  return {
    name,
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:build:start': forgetBuiltFiles,
      'astro:build:done': ({ dir, logger }) => step(fileURLToPath(dir), logger, root),
    },
  };
}
