import { describe, expect, it } from 'vitest';
import {
  bibtexKey,
  citationBibtex,
  citationPlain,
  datasetVersion,
  scholarMeta,
  type CitedWork,
} from '../../src/lib/citation.ts';
import { contentSecurityPolicy, frameable, headersFile } from '../../src/lib/http-headers.ts';
import { embedHref, embedSnippet, HEIGHT_MESSAGE, oembedRich, type OembedRich } from '../../src/lib/reuse.ts';

const article: CitedWork = {
  author: 'The ML Trends editorial team',
  title: 'Budgets grew: 76% spend more & faster',
  kind: 'article',
  series: '2021 enterprise trends in machine learning',
  publisher: 'ML Trends',
  published: new Date('2021-01-12T00:00:00Z'),
  url: 'https://example.org/ml-trends-2021/investment/',
  datasetVersion: '2021.3f9a1c2e',
};
const figure: CitedWork = {
  ...article,
  kind: 'figure',
  title: 'More organizations grew their AI/ML budgets',
  article: 'Budgets grew',
  url: 'https://example.org/ml-trends-2021/investment/#figure-budget-growth',
};

describe('citing an article or a figure', () => {
  it('gives an APA-like line with author, date, title, series, publisher, address and dataset version', () => {
    expect(citationPlain(article)).toBe(
      'The ML Trends editorial team. (2021, January 12). Budgets grew: 76% spend more & faster. ' +
        '2021 enterprise trends in machine learning. ML Trends. ' +
        'https://example.org/ml-trends-2021/investment/ (dataset version 2021.3f9a1c2e)',
    );
    expect(citationPlain(figure)).toBe(
      'The ML Trends editorial team. (2021, January 12). More organizations grew their AI/ML budgets [Chart]. ' +
        'In Budgets grew. 2021 enterprise trends in machine learning. ML Trends. ' +
        'https://example.org/ml-trends-2021/investment/#figure-budget-growth (dataset version 2021.3f9a1c2e)',
    );
  });

  it('writes BibTeX with the group author kept whole and its special characters escaped', () => {
    const bib = citationBibtex(article, 'ML Trends 2021/investment');
    expect(bib.split('\n')[0]).toBe('@misc{ml-trends-2021-investment,');
    expect(bib).toContain('author       = {{The ML Trends editorial team}}');
    expect(bib).toContain('title        = {{Budgets grew: 76\\% spend more \\& faster}}');
    expect(bib).toContain('year         = {2021}');
    expect(bib).toContain('month        = jan');
    expect(bib).toContain('url          = {https://example.org/ml-trends-2021/investment/}');
    expect(bib).toContain('version      = {2021.3f9a1c2e}');
    expect(bib).toContain('publisher    = {ML Trends}');
    expect(bib.endsWith('\n}')).toBe(true);
    // Balanced braces: BibTeX reads the entry to its end.
    expect(bib.replace(/\\[{}]/g, '').split('{').length).toBe(bib.replace(/\\[{}]/g, '').split('}').length);
    // "[Chart]" is APA's marker; a BibTeX title is the title alone.
    expect(citationBibtex(figure, 'x')).toContain('title        = {{More organizations grew their AI/ML budgets}}');
    expect(citationBibtex(figure, 'x')).not.toContain('[Chart]');
  });

  it('keys entries with lower-case letters, digits and hyphens', () => {
    expect(bibtexKey('ml-trends-2021/Investment_X')).toBe('ml-trends-2021-investment-x');
  });

  it('versions the dataset by edition and content: the same data, the same version; any change, a new one', () => {
    const data = [{ id: 'a', rows: [{ label: 'Yes', value: 64 }] }];
    expect(datasetVersion(2021, data)).toMatch(/^2021\.[0-9a-f]{8}$/);
    expect(datasetVersion(2021, structuredClone(data))).toBe(datasetVersion(2021, data));
    expect(datasetVersion(2021, [{ id: 'a', rows: [{ label: 'Yes', value: 65 }] }])).not.toBe(
      datasetVersion(2021, data),
    );
  });

  it("gives Google Scholar's citation_* tags, dates as YYYY/MM/DD", () => {
    const tags = Object.fromEntries(scholarMeta(article, 'en').map((t) => [t.name, t.content]));
    expect(tags).toMatchObject({
      citation_title: article.title,
      citation_author: 'The ML Trends editorial team',
      citation_publication_date: '2021/01/12',
      citation_publisher: 'ML Trends',
      citation_public_url: article.url,
    });
  });
});

describe('oEmbed', () => {
  const answer = oembedRich({
    embedUrl: 'https://example.org/ml-trends-2021/investment/embed/budget-growth/',
    title: 'More organizations grew their "AI/ML" budgets',
    chartHeight: 200,
    author: 'The ML Trends editorial team',
    articleUrl: 'https://example.org/ml-trends-2021/investment/',
    siteName: 'ML Trends',
    siteUrl: 'https://example.org/',
  });

  it('answers a valid rich response: the fields oembed.com section 2.3 requires, with their types', () => {
    // 2.3.4: every response has `type` and `version` ("1.0"); 2.3.4.4 `rich` requires html, width and height.
    const required: Record<string, 'string' | 'number'> = {
      type: 'string',
      version: 'string',
      html: 'string',
      width: 'number',
      height: 'number',
    };
    for (const [field, type] of Object.entries(required)) expect(typeof answer[field as keyof OembedRich]).toBe(type);
    expect(answer.version).toBe('1.0');
    expect(answer.type).toBe('rich');
    expect(Number.isInteger(answer.width) && answer.width > 0).toBe(true);
    expect(Number.isInteger(answer.height) && answer.height > 200).toBe(true);
    // Optional fields that, when given, are strings, and URLs where the spec says URL.
    for (const field of ['title', 'author_name', 'provider_name'] as const) expect(answer[field]).toBeTruthy();
    for (const field of ['author_url', 'provider_url'] as const) expect(() => new URL(answer[field]!)).not.toThrow();
    expect(Number.isInteger(answer.cache_age)).toBe(true);
    // JSON round trip: only JSON types.
    expect(JSON.parse(JSON.stringify(answer))).toEqual(answer);
  });

  it('gives HTML with the frame, its title attribute escaped, then the resize script of the Embed snippet', () => {
    expect(answer.html).toMatch(
      /^<iframe src="https:\/\/example\.org\/ml-trends-2021\/investment\/embed\/budget-growth\/"/,
    );
    expect(answer.html).toContain('title="More organizations grew their &quot;AI/ML&quot; budgets"');
    expect(answer.html).toContain(`height="${answer.height}"`);
    // A host that pastes the answer's HTML gets a frame that follows its page's height, as with the snippet.
    expect(answer.html).toBe(
      embedSnippet(
        'https://example.org/ml-trends-2021/investment/embed/budget-growth/',
        'More organizations grew their "AI/ML" budgets',
        answer.height,
      ),
    );
    expect(answer.html).toContain(HEIGHT_MESSAGE);
    expect(answer.html.match(/<script>/g)).toHaveLength(1);
  });
});

describe('the embed snippet', () => {
  it('is the frame plus a three-line script that resizes it from its height message', () => {
    const snippet = embedSnippet('https://example.org/s/t/embed/f/', 'A chart', 350);
    const lines = snippet.split('\n');
    expect(lines[0]).toMatch(/^<iframe /);
    expect(lines.slice(1)).toHaveLength(3);
    expect(snippet).toContain(HEIGHT_MESSAGE);
    expect(snippet.trim().endsWith('</script>')).toBe(true);
  });

  it('lives at /<series>/<trend>/embed/<figure>/', () => {
    expect(embedHref('/ml-trends-2021/investment/', 'budget-growth')).toBe(
      '/ml-trends-2021/investment/embed/budget-growth/',
    );
  });
});

describe('who may frame a page', () => {
  it('lets any site frame an embed page and no site frame another page', () => {
    expect(frameable('/ml-trends-2021/investment/embed/budget-growth/')).toBe(true);
    expect(frameable('/ml-trends-2021/investment/')).toBe(false);
    expect(frameable('/ml-trends-2021/investment/embed/')).toBe(false);
    expect(frameable('/ml-trends-2021/report/')).toBe(false);
    expect(contentSecurityPolicy([], false, { frameable: true })).toContain('frame-ancestors *');
    expect(contentSecurityPolicy([], false)).toContain("frame-ancestors 'none'");
  });

  it("writes _headers where the embed page's block alone allows framing and no rule adds DENY to it", () => {
    const file = headersFile(
      { '/ml-trends-2021/investment/': [], '/ml-trends-2021/investment/embed/budget-growth/': [] },
      true,
    );
    const blocks: Record<string, string> = Object.fromEntries(
      file
        .trim()
        .split('\n\n')
        .map((block) => [block.split('\n')[0]!, block]),
    );
    expect(blocks['/*']).not.toContain('X-Frame-Options');
    expect(blocks['/ml-trends-2021/investment/']).toContain('X-Frame-Options: DENY');
    expect(blocks['/ml-trends-2021/investment/']).toContain("frame-ancestors 'none'");
    expect(blocks['/ml-trends-2021/investment/embed/budget-growth/']).not.toContain('X-Frame-Options');
    expect(blocks['/ml-trends-2021/investment/embed/budget-growth/']).toContain('frame-ancestors *');
  });
});
