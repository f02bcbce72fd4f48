/**
 * `node scripts/font-fallbacks.ts`: writes the metrics of the fallback faces to src/styles/font-fallbacks.json
 * (rendered as `@font-face` rules by src/styles/font-fallbacks.ts).
 * Each web font is measured against its metric-compatible system font (Arial = Liberation Sans, Times New
 * Roman = Liberation Serif) in Chromium, at the weights the site uses: `size-adjust` makes a sample of English
 * the site's own text (the articles' prose for regular, their headlines and headings for bold) as wide in both, and the vertical overrides give the web font's ascent, descent and line gap (read with
 * @capsizecss/unpack) at that size. With them the swap to the web font moves no line.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromFile } from '@capsizecss/unpack/fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HELP } from '../src/integrations/browser.ts';
import { FONT_FACES } from '../src/styles/font-faces.ts';
import { fallbackFontFaces, type FallbackFace } from '../src/styles/font-fallbacks.ts';

/** The site's own prose: every article's text without frontmatter, imports and tags. */
const SAMPLE = readdirSync('content/series', { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.mdx'))
  .map((path) => readFileSync(join('content/series', path), 'utf8'))
  .map((text) =>
    text
      .replace(/^---[\s\S]*?---/, '')
      .replace(/^import .*$/gm, '')
      .replace(/<[^>]*>|[#*_`]/g, ''),
  )
  .join(' ')
  .replace(/\s+/g, ' ');

/** What the site sets bold: the articles' headlines and section headings. */
const HEADINGS = readdirSync('content/series', { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.mdx'))
  .map((path) => readFileSync(join('content/series', path), 'utf8'))
  .flatMap((text) => [
    ...[...text.matchAll(/^title: "?(.+?)"?$/gm)].map((m) => m[1]!),
    ...[...text.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1]!),
  ])
  .join(' ')
  .replace(/<[^>]*>|[#*_`]/g, '')
  .replace(/\s+/g, ' ');

const browserPath = findChromium();
if (!browserPath) {
  console.error(INSTALL_HELP);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath: browserPath.path, args: CHROMIUM_ARGS });
const page = await browser.newPage();
const pct = (n: number) => `${(n * 100).toFixed(2)}%`;
const faces: FallbackFace[] = [];

for (const face of FONT_FACES) {
  const file = `node_modules/${face.file}`;
  const metrics = await fromFile(file);
  const data = readFileSync(file).toString('base64');
  await page.setContent(
    `<style>@font-face{font-family:W;src:url(data:font/woff2;base64,${data}) format('woff2');font-weight:100 900}</style>`,
  );
  for (const weight of [400, 700] as const) {
    const ratio = await page.evaluate(
      async ({ sample, weight, system, size }) => {
        await document.fonts.load(`${weight} ${size}px W`);
        const ctx = document.createElement('canvas').getContext('2d')!;
        const width = (family: string) => {
          ctx.font = `${weight} ${size}px ${family}`;
          return ctx.measureText(sample).width;
        };
        return width('W') / width(`'${system}'`);
      },
      // Regular text is tuned on the prose, bold on the headings it sets.
      {
        sample: weight === 700 ? HEADINGS : SAMPLE,
        weight,
        system: face.system.measuredWith,
        size: face.sizes[weight],
      },
    );
    const em = metrics.unitsPerEm * ratio;
    faces.push({
      family: face.family,
      weight,
      local: [...face.system.local[weight]],
      sizeAdjust: pct(ratio),
      ascentOverride: pct(metrics.ascent / em),
      descentOverride: pct(Math.abs(metrics.descent) / em),
      lineGapOverride: pct(metrics.lineGap / em),
    });
  }
}
await browser.close();

writeFileSync('src/styles/font-fallbacks.json', `${JSON.stringify(faces, null, 2)}\n`);
console.log(fallbackFontFaces(faces));
