/**
 * Collects, when `astro build` is done, the hash of every inline script of every built page into
 * dist/script-hashes.json, so the server's Content-Security-Policy allows exactly those scripts and no
 * other inline script: a script added to a layout is covered by the next build, with no list to keep.
 * It also writes dist/client/_headers, the same headers for a static host.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { filesIn, writeWhole } from '../built-files.ts';
import { pagePath, SCRIPT_HASHES_FILE } from '../../lib/inline-scripts.ts';
import { savePageScans, scanBuiltPage } from '../page-scan.ts';
import { headersFile } from '../../lib/http-headers.ts';

/** Page path to the hashes of its inline scripts, for every HTML file under `clientDir`. */
export function collectScriptHashes(root: string, clientDir: string): Record<string, string[]> {
  const pages = filesIn(clientDir).filter((f) => f.endsWith('.html'));
  return Object.fromEntries(pages.map((file) => [pagePath(file), scanBuiltPage(root, join(clientDir, file)).scripts]));
}

export function scriptHashes(): AstroIntegration {
  let https = false;
  let root = process.cwd();
  return {
    name: 'script-hashes',
    hooks: {
      'astro:config:done': ({ config }) => {
        https = config.site?.startsWith('https:') ?? false;
        root = fileURLToPath(config.root);
      },
      'astro:build:done': ({ dir, logger }) => {
        const started = performance.now();
        const map = collectScriptHashes(root, fileURLToPath(dir));
        // The last step that reads the pages' structure: their scans are kept for the next build.
        savePageScans();
        // Whole files (written beside, then renamed): a running server reads the map again when it changes.
        writeWhole(fileURLToPath(new URL(`../${SCRIPT_HASHES_FILE}`, dir)), JSON.stringify(map, null, 1));
        writeWhole(fileURLToPath(new URL('_headers', dir)), headersFile(map, https));
        const scripts = new Set(Object.values(map).flat()).size;
        const ms = Math.round(performance.now() - started);
        logger.info(
          `${Object.keys(map).length} pages, ${scripts} distinct inline scripts hashed for the CSP (${ms} ms)`,
        );
      },
    },
  };
}
