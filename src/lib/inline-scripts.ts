import { createHash } from 'node:crypto';

import { Parser } from 'htmlparser2';

/** Types a browser runs; anything else (`application/ld+json`, `application/json`) is a data block CSP ignores. */
const EXECUTABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/**
 * The CSP sources (`'sha256-…'`) of the inline scripts a browser would run in `html`, in order and without
 * repeats: scripts with `src` and data blocks such as JSON-LD need none. The page is tokenized as HTML
 * (htmlparser2), so text that only looks like a script (in an attribute value a reader typed, a comment,
 * a text area) is never hashed and so never allowed to run.
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  let script: { runs: boolean; body: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name !== 'script') return;
        const type = (attributes.type ?? '').trim().toLowerCase();
        script = { runs: attributes.src === undefined && EXECUTABLE.has(type), body: '' };
      },
      ontext(text) {
        if (script) script.body += text;
      },
      onclosetag(name) {
        if (name !== 'script' || !script) return;
        if (script.runs) hashes.add(`'sha256-${createHash('sha256').update(script.body, 'utf8').digest('base64')}'`);
        script = undefined;
      },
    },
    // The script's text exactly as written: the hash is of the bytes between the tags.
    { decodeEntities: false },
  );
  parser.end(html);
  return [...hashes];
}

/** The build's map from page path (`/`, `/series/trend/`) to its inline script hashes, beside dist/client. */
export const SCRIPT_HASHES_FILE = 'script-hashes.json';

/** The path a page is served at, from its file under dist/client (`a/index.html` is `/a/`). */
export function pagePath(file: string): string {
  const path = `/${file.split('\\').join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}
