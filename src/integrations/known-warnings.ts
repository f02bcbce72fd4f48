import type { AstroIntegration } from 'astro';

/**
 * Build warnings that say nothing about this project, left out of the build log so that a real warning
 * stands out to the editor. Each names its upstream issue: remove the entry when the fix lands.
 */
const KNOWN_WARNINGS: readonly { code: string; message: RegExp }[] = [
  // One per MDX file and build: Astro marks every MDX module with a directive that rolldown does not know.
  // Astro injects the head itself; the warning is harmless (withastro/astro#18087).
  { code: 'MODULE_LEVEL_DIRECTIVE', message: /"use astro:head-inject"/ },
];

/** Whether a bundler log is one of the known, harmless warnings. */
export function isKnownWarning(level: string, log: { code?: string; message: string }): boolean {
  return level === 'warn' && KNOWN_WARNINGS.some(({ code, message }) => log.code === code && message.test(log.message));
}

/** Drops the known, harmless warnings from every bundle's log (prerender, server and client). */
export function knownWarnings(): AstroIntegration {
  return {
    name: 'known-warnings',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              { name: 'known-warnings', onLog: (level, log) => (isKnownWarning(level, log) ? false : undefined) },
            ],
          },
        });
      },
    },
  };
}
