import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

describe('astro.config.mjs', () => {
  it('is imported by Node itself, with the TypeScript it imports', () => {
    // Where Node cannot import it, Astro falls back to a Vite loader without a word: 0.4 s more per build,
    // and the integrations' lazy imports (the report printer, subset-font) fail once that loader is closed.
    const result = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "const c = (await import('./astro.config.mjs')).default; console.log(c.site);"],
      { cwd: root, encoding: 'utf8', env: { ...process.env, SITE_URL: 'https://reports.example' } },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('https://reports.example');
  });

  it("without SITE_URL, builds for the server's own address: localhost and PORT", () => {
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !['SITE_URL', 'HOST'].includes(name)),
    );
    const result = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', "const c = (await import('./astro.config.mjs')).default; console.log(c.site);"],
      { cwd: root, encoding: 'utf8', env: { ...env, PORT: '4600' } },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('http://localhost:4600');
  });
});
