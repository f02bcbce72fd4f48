import { spawnSync } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';

/**
 * Component tests render through `astro:content`, which under Vitest (a Vite dev server) reads the
 * content layer's store from `.astro/`. `astro sync` writes it to the cache directory (`.astro/cache/`,
 * see astro.config.mjs), so sync the real content once and put the store where the dev-mode module
 * looks for it.
 */
export default async function syncContentStore(): Promise<void> {
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`astro sync failed:\n${result.stdout}${result.stderr}`);
  await mkdir('.astro', { recursive: true });
  await copyFile('.astro/cache/data-store.json', '.astro/data-store.json');
}
