import { describe, expect, it } from 'vitest';
import { brokenLinks, linksOf } from '../../src/integrations/link-check.ts';
import { scanPage } from '../../src/lib/inline-scripts.ts';

const SITE = 'https://reports.example.com';

describe('linksOf', () => {
  it('finds the site paths a page links to or loads, resolved against the page', () => {
    const html = `<html><head><link rel="stylesheet" href="/_astro/a.css"><link rel="canonical" href="${SITE}/s/t/">
      <script src="/pagefind/pagefind-ui.js"></script></head><body>
      <a href="../other/">Other</a> <a href="/s/missing/#part">Missing</a> <a href="#top">Top</a>
      <a href="https://elsewhere.example/x">Out</a> <a href="mailto:a@b.example">Mail</a>
      <img src="fig.png" alt=""> <a href="/s/figures/x.csv?download=1">CSV</a> <a href="/s/r&amp;d/">R&amp;D</a>
      <input value='<a href="/not-a-link/">'></body></html>`;
    expect(linksOf(html, '/s/t/', SITE)).toEqual([
      '/_astro/a.css',
      '/s/t/',
      '/pagefind/pagefind-ui.js',
      '/s/other/',
      '/s/missing/',
      '/s/t/fig.png',
      '/s/figures/x.csv',
      '/s/r&d/',
    ]);
  });
});

describe('brokenLinks', () => {
  const files = new Set(['/s/t/index.html', '/s/other/index.html', '/_astro/a.css', '/s/figures/x.csv']);
  const exists = (file: string) => files.has(file);
  const onDemand = [/^\/([^/]+?)\/report\/?$/];

  it('names each link whose target no page, file or on-demand route has, with the page it is on', () => {
    const pages = new Map([
      ['/s/t/', '<a href="/s/other/">ok</a><a href="/s/othr/">typo</a><img src="/images/chart.png" alt="">'],
      [
        '/s/other/',
        '<a href="/s/report/">report</a><a href="/s/t">no slash</a><link rel="stylesheet" href="/_astro/a.css">',
      ],
    ]);
    const links = new Map([...pages].map(([page, html]) => [page, scanPage(html).links]));
    expect(brokenLinks(links, exists, onDemand, SITE)).toEqual([
      { page: '/s/t/', target: '/s/othr/' },
      { page: '/s/t/', target: '/images/chart.png' },
    ]);
  });
});
