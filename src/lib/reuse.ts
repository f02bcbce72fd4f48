/**
 * The addresses and texts a figure is reused through: its image downloads, its embed page, its oEmbed
 * answer and the `<iframe>` snippet readers paste into their own pages. Pure functions, shared by the
 * pages, the build integration that writes the images and the tests.
 */

/**
 * A figure's image: /<series>/figures/<id>.png or .svg (beside its CSV and JSON), or with `@2x` the PNG
 * drawn twice as wide (2400 px), the one readers download; the 1200 px PNG is the social image's.
 */
export const figureImageHref = (seriesId: string, figureId: string, format: 'png' | 'svg', scale: '' | '@2x' = '') =>
  `/${seriesId}/figures/${figureId}${scale}.${format}`;

/** A figure's element id in its article, and so its permalink's fragment: figure-<id>. */
export const figureAnchor = (figureId: string) => `figure-${figureId}`;

/** A figure's place in its article: the address a figure is cited and linked by (`<article>#figure-<id>`). */
export const figurePermalink = (articleUrl: string, figureId: string) => `${articleUrl}#${figureAnchor(figureId)}`;

/** A figure's embed page: /<series>/<trend>/embed/<figure>/ */
export const embedHref = (trendHref: string, figureId: string) => `${trendHref}embed/${figureId}/`;

/** A figure's oEmbed answer, a static JSON file: /oembed/<series>/<figure>.json */
export const oembedHref = (seriesId: string, figureId: string) => `/oembed/${seriesId}/${figureId}.json`;

/** The paths embed pages are served at, and only those: they alone may be framed by other sites. */
export const EMBED_PATH = /^\/[^/]+\/[^/]+\/embed\/[^/]+\/(index\.html)?$/;

/** The width an embed is announced with; the frame fills the width it is given and reports its height. */
export const EMBED_WIDTH = 640;

/**
 * The height an embed frame starts at before its page reports its own: the chart plus the title above it
 * and the source line and link below it.
 */
export const embedHeight = (chartHeight: number) => Math.ceil(chartHeight + 150);

/** The message an embed page posts to its parent: `{ "mt-embed-height": { [figureId]: pixels } }`. */
export const HEIGHT_MESSAGE = 'mt-embed-height';

const escapeAttribute = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `<iframe>` alone: the first line of the snippet. */
export function embedIframe(src: string, title: string, height: number): string {
  return `<iframe src="${escapeAttribute(src)}" title="${escapeAttribute(title)}" width="100%" height="${height}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}

/**
 * The snippet of the "Embed" control: the frame, then a three-line script (as Datawrapper's responsive
 * embed) that sets each of our frames to the height its page reports.
 */
export function embedSnippet(src: string, title: string, height: number): string {
  return [
    embedIframe(src, title, height),
    `<script>window.addEventListener("message",function(e){var h=e.data&&e.data["${HEIGHT_MESSAGE}"];if(!h)return;`,
    `document.querySelectorAll("iframe").forEach(function(f){if(f.contentWindow===e.source)`,
    `for(var k in h)f.style.height=h[k]+"px";});});</script>`,
  ].join('\n');
}

/** An oEmbed 1.0 `rich` response (https://oembed.com/, section 2.3.4). */
export interface OembedRich {
  version: '1.0';
  type: 'rich';
  html: string;
  width: number;
  height: number;
  title: string;
  author_name: string;
  author_url?: string;
  provider_name: string;
  provider_url: string;
  cache_age?: number;
  thumbnail_url?: string;
  thumbnail_width?: number;
  thumbnail_height?: number;
}

export interface OembedInput {
  /** Absolute address of the embed page. */
  embedUrl: string;
  title: string;
  chartHeight: number;
  author: string;
  /** Absolute address of the article (the author's page for this work). */
  articleUrl: string;
  siteName: string;
  /** Absolute address of the site's home page. */
  siteUrl: string;
  /** Absolute address and size of the figure's PNG. */
  thumbnail?: { url: string; width: number; height: number };
}

/**
 * The oEmbed answer of a figure: the Embed snippet (the frame, sized to start right, and its resize script),
 * so a host that pastes the HTML gets a frame that follows the chart's height. A consumer that strips
 * scripts keeps the frame at its starting height.
 */
export function oembedRich(input: OembedInput): OembedRich {
  const height = embedHeight(input.chartHeight);
  return {
    version: '1.0',
    type: 'rich',
    html: embedSnippet(input.embedUrl, input.title, height),
    width: EMBED_WIDTH,
    height,
    title: input.title,
    author_name: input.author,
    author_url: input.articleUrl,
    provider_name: input.siteName,
    provider_url: input.siteUrl,
    cache_age: 86400,
    ...(input.thumbnail
      ? {
          thumbnail_url: input.thumbnail.url,
          thumbnail_width: input.thumbnail.width,
          thumbnail_height: input.thumbnail.height,
        }
      : {}),
  };
}
