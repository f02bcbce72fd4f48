import { createHash } from 'node:crypto';

/** `<script ...attributes>body</script>`, as Astro writes it (no `>` inside attribute values). */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;
/** Types a browser runs; anything else (`application/ld+json`, `application/json`) is a data block CSP ignores. */
const EXECUTABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

function typeOf(attributes: string): string {
  return (/\btype\s*=\s*["']?([^"'\s>]*)/i.exec(attributes)?.[1] ?? '').toLowerCase();
}

/**
 * The CSP sources (`'sha256-…'`) of the inline scripts a browser would run in `html`, in order and without
 * repeats: scripts with `src` and data blocks such as JSON-LD need none.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, attributes = '', body = ''] of html.matchAll(SCRIPT)) {
    if (/\bsrc\s*=/i.test(attributes) || !EXECUTABLE.has(typeOf(attributes))) continue;
    hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** The build's map from page path (`/`, `/series/trend/`) to its inline script hashes, beside dist/client. */
export const SCRIPT_HASHES_FILE = 'script-hashes.json';

/** The path a page is served at, from its file under dist/client (`a/index.html` is `/a/`). */
export function pagePath(file: string): string {
  const path = `/${file.split('\\').join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}
