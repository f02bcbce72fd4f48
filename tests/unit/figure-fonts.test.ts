import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { figureFontSources, toTrueType, vendoredFont } from '../../src/integrations/figure-images.ts';

describe('the figure images’ TrueType fonts', () => {
  it('are kept in the repository, converted from the WOFF files the project installs', async () => {
    const sources = figureFontSources(process.cwd());
    expect(sources).toHaveLength(3);
    for (const { woff, digest, name } of sources) {
      const kept = vendoredFont(digest);
      // After a Fontsource upgrade: copy .astro/figure-images/fonts/<digest>.ttf from a build into
      // src/integrations/figure-fonts/ and remove the old file (a build converts and caches it meanwhile).
      expect(kept, `${name} (${digest}) has no TrueType copy in src/integrations/figure-fonts/`).toBeDefined();
      expect(readFileSync(kept!).equals(await toTrueType(woff)), name).toBe(true);
    }
  });
});
