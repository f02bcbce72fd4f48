/**
 * `node scripts/font-fallbacks.ts`: prints the fallback `@font-face` rules of src/styles/fonts.css.
 * Each web font is measured against its metric-compatible system font (Arial = Liberation Sans, Times New
 * Roman = Liberation Serif) in Chromium, at the weights the site uses: `size-adjust` makes a sample of English
 * prose as wide in both, and the vertical overrides give the web font's ascent, descent and line gap (read with
 * @capsizecss/unpack) at that size. With them the swap to the web font moves no line.
 */
import { readFileSync } from 'node:fs';
import { fromFile } from '@capsizecss/unpack/fs';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, findChromium, INSTALL_HELP } from '../src/integrations/browser.ts';
import { FONT_FACES } from '../src/styles/font-faces.ts';

const SAMPLE =
  'Most enterprises that use machine learning now run more than one model in production, and 57% of the ' +
  'respondents said that governance, not tooling, was the hardest part. Budgets grew in 2021; the teams did not. ' +
  'THE QUICK BROWN FOX JUMPS OVER THE LAZY DOG 0123456789 (“quoted”), hyphen-ated: £$€ — end.';

const browserPath = findChromium();
if (!browserPath) {
  console.error(INSTALL_HELP);
  process.exit(1);
}
const browser = await chromium.launch({ executablePath: browserPath.path, args: CHROMIUM_ARGS });
const page = await browser.newPage();
const pct = (n: number) => `${(n * 100).toFixed(2)}%`;

for (const face of FONT_FACES) {
  const file = `node_modules/${face.file}`;
  const metrics = await fromFile(file);
  const data = readFileSync(file).toString('base64');
  await page.setContent(
    `<style>@font-face{font-family:W;src:url(data:font/woff2;base64,${data}) format('woff2');font-weight:100 900}</style>`,
  );
  for (const fallback of face.fallbacks) {
    const ratio = await page.evaluate(
      async ({ sample, weight, system }) => {
        await document.fonts.load(`${weight} 100px W`);
        const ctx = document.createElement('canvas').getContext('2d')!;
        const width = (family: string) => {
          ctx.font = `${weight} 100px ${family}`;
          return ctx.measureText(sample).width;
        };
        return width('W') / width(`'${system}'`);
      },
      { sample: SAMPLE, weight: fallback.weight, system: fallback.measuredWith },
    );
    const em = metrics.unitsPerEm * ratio;
    console.log(`@font-face {
  font-family: '${face.family} fallback';
  src: ${fallback.local.map((name) => `local('${name}')`).join(', ')};
  font-weight: ${fallback.weight};
  size-adjust: ${pct(ratio)};
  ascent-override: ${pct(metrics.ascent / em)};
  descent-override: ${pct(Math.abs(metrics.descent) / em)};
  line-gap-override: ${pct(metrics.lineGap / em)};
}`);
  }
}
await browser.close();
