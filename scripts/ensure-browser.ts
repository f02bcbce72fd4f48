/** `npm run setup:browser`: makes sure a Chromium is available, installing one where it can. */
import { findChromium, installChromium, INSTALL_HELP } from '../src/integrations/browser.ts';

const found = findChromium() ?? installChromium();
if (!found) {
  console.error(INSTALL_HELP);
  process.exit(1);
}
console.log(`Chromium: ${found.path} (${found.origin})`);
