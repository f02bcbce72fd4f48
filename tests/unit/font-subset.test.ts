import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charactersIn, subsetSiteFonts } from '../../src/integrations/font-subset.ts';

const FONT = 'node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2';

/** A built site in miniature: a font, a stylesheet naming it, a page and a server module naming the stylesheet. */
function site() {
  const root = mkdtempSync(join(tmpdir(), 'mt-fonts-'));
  const client = join(root, 'client');
  const server = join(root, 'server');
  mkdirSync(join(client, '_astro'), { recursive: true });
  mkdirSync(server);
  copyFileSync(FONT, join(client, '_astro', 'serif.Ab12Cd34.woff2'));
  writeFileSync(join(client, '_astro', 'Base.Xy98Zw76.css'), '@font-face{src:url(/_astro/serif.Ab12Cd34.woff2)}');
  writeFileSync(
    join(client, 'index.html'),
    '<link rel="stylesheet" href="/_astro/Base.Xy98Zw76.css"><link rel="preload" href="/_astro/serif.Ab12Cd34.woff2"><h1>Hello&#x2122;</h1>',
  );
  writeFileSync(join(server, 'page.mjs'), 'const css = "/_astro/Base.Xy98Zw76.css";');
  return { client, server };
}

describe('subsetting the site fonts', () => {
  it('makes the font smaller and renames it and its stylesheet by content, everywhere they are named', async () => {
    const { client, server } = site();
    const renamed = await subsetSiteFonts(client, [client, server]);
    const font = renamed.get('serif.Ab12Cd34.woff2')!;
    const css = renamed.get('Base.Xy98Zw76.css')!;
    expect(font).toMatch(/^serif\.[\w-]{8}\.woff2$/);
    expect(css).toMatch(/^Base\.[\w-]{8}\.css$/);
    expect(statSync(join(client, '_astro', font)).size).toBeLessThan(statSync(FONT).size * 0.75);
    expect(readdirSync(join(client, '_astro')).sort()).toEqual([css, font].sort());
    expect(readFileSync(join(client, '_astro', css), 'utf8')).toContain(`/_astro/${font}`);
    const page = readFileSync(join(client, 'index.html'), 'utf8');
    expect(page).toContain(`/_astro/${font}`);
    expect(page).toContain(`/_astro/${css}`);
    expect(readFileSync(join(server, 'page.mjs'), 'utf8')).toContain(`/_astro/${css}`);
  });

  it('gives the same names to the same input, so an unchanged site keeps its cached fonts', async () => {
    const a = site();
    const b = site();
    expect([...(await subsetSiteFonts(a.client, [a.client, a.server]))]).toEqual([
      ...(await subsetSiteFonts(b.client, [b.client, b.server])),
    ]);
  });

  it('leaves a site without fonts alone', async () => {
    const { client, server } = site();
    const empty = join(client, '..', 'empty');
    mkdirSync(join(empty, '_astro'), { recursive: true });
    expect((await subsetSiteFonts(empty, [empty, server])).size).toBe(0);
    expect(existsSync(join(client, '_astro', 'serif.Ab12Cd34.woff2'))).toBe(true);
  });
});

describe('the characters of a page', () => {
  it('include those written as character references', () => {
    expect(charactersIn('a&#x2122;&#8364;')).toEqual(new Set(['a', '™', '€']));
  });
});
