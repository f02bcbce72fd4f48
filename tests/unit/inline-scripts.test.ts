import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, pagePath } from '../../src/lib/inline-scripts.ts';

const sha = (body: string) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`;

describe('inlineScriptHashes', () => {
  it('hashes the exact text of each inline script a browser runs, once', () => {
    const theme = "\n  document.documentElement.dataset.theme = localStorage.getItem('theme') ?? 'auto';\n";
    const html = `<head><script>${theme}</script><script type="module">import('/x.js')</script></head>
      <body><script is:inline>${theme}</script></body>`;
    expect(inlineScriptHashes(html)).toEqual([sha(theme), sha("import('/x.js')")]);
  });

  it('leaves out scripts with src and data blocks such as JSON-LD, which CSP does not run', () => {
    const html = `<script type="module" src="/_astro/a.js"></script>
      <script type="application/ld+json">{"@type":"Article"}</script>
      <script type="application/json" data-chart-data>{"a":1}</script>`;
    expect(inlineScriptHashes(html)).toEqual([]);
  });

  it('matches the hash Chromium reports for a known script', () => {
    // The CSP level 3 example: the hash of `alert('Hello, world.');`.
    expect(inlineScriptHashes("<script>alert('Hello, world.');</script>")).toEqual([
      "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='",
    ]);
  });
});

describe('pagePath', () => {
  it('gives the path a built file is served at', () => {
    expect(pagePath('index.html')).toBe('/');
    expect(pagePath('ml-trends-2021/governance/index.html')).toBe('/ml-trends-2021/governance/');
    expect(pagePath('404.html')).toBe('/404.html');
  });
});

describe('inlineScriptHashes and text that only looks like a script', () => {
  it('hashes no script written inside an attribute value, a comment or a text area', () => {
    const html = [
      '<input name="firstName" value="<script>alert(1)</script>">',
      "<img alt='<script>alert(2)</script>' src=x.png>",
      '<!-- <script>alert(3)</script> -->',
      '<textarea><script>alert(4)</script></textarea>',
      '<script>real()</script>',
    ].join('\n');
    expect(inlineScriptHashes(html)).toEqual([sha('real()')]);
    // A script's text is hashed as written: entities in it are not decoded (HTML does not decode them).
    expect(inlineScriptHashes('<script>if (a &amp;&amp; b) go()</script>')).toEqual([sha('if (a &amp;&amp; b) go()')]);
  });
});
