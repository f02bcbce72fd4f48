import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';

/** Types a browser runs; anything else (`application/ld+json`, `application/json`) is a data block CSP ignores. */
const EXECUTABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** The attribute of each element that names another page or file: what a page links to or loads. */
const LINKING: Record<string, string> = { a: 'href', link: 'href', script: 'src', img: 'src', source: 'src' };

/** What the build's steps need of a page's structure, from one tokenizing pass. */
export interface PageScan {
  /** The CSP sources (`'sha256-…'`) of its inline scripts a browser would run, in order, no repeats. */
  scripts: string[];
  /** Every address it links to or loads, as written (`a`, `link`, `script`, `img`, `source`), in order. */
  links: string[];
}

/**
 * Tokenizes `html` as HTML (htmlparser2), so that text which only looks like a tag (a `<script>` in an
 * attribute value a reader typed, in a comment, in a text area) is neither hashed, and so never allowed to
 * run, nor taken for a link. Scripts with `src` and data blocks such as JSON-LD need no hash.
 */
export function scanPage(html: string): PageScan {
  const hashes = new Set<string>();
  const links: string[] = [];
  let script: { runs: boolean; body: string } | undefined;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const link = LINKING[name] && attributes[LINKING[name]];
        if (link) links.push(link);
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
    // Attribute values decoded (`&amp;` in a link is `&`); a script's text is raw text in HTML, never
    // decoded, so its hash is of the bytes between the tags.
    { decodeEntities: true },
  );
  parser.end(html);
  return { scripts: [...hashes], links };
}

/** The CSP sources of the inline scripts a browser would run in `html` (see `scanPage`). */
export function inlineScriptHashes(html: string): string[] {
  return scanPage(html).scripts;
}

/** The build's map from page path (`/`, `/series/trend/`) to its inline script hashes, beside dist/client. */
export const SCRIPT_HASHES_FILE = 'script-hashes.json';

/** The path a page is served at, from its file under dist/client (`a/index.html` is `/a/`). */
export function pagePath(file: string): string {
  const path = `/${file.split('\\').join('/')}`;
  return path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path;
}
