/** Pagefind's Node API over a folder of built pages: index them, write the bundle, stop the service. */
import { close, createIndex } from 'pagefind';

/** Indexes the HTML under `siteDir` into `outputDir`; resolves to the number of pages indexed. */
export async function buildSearchIndex(siteDir: string, outputDir: string): Promise<number> {
  try {
    const { index, errors } = await createIndex({});
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${siteDir}: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: outputDir });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write ${outputDir}: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await close();
  }
}
