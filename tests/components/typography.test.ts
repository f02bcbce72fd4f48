import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
import { beforeAll, describe, expect, it } from 'vitest';
import { Content } from './fixtures/typography.mdx';

let html: string;
beforeAll(async () => {
  const container = await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
  html = await container.renderToString(Content);
});

describe('the MDX pipeline', () => {
  it('curls quotes and sets real dashes in prose, through the project config', () => {
    expect(html).toContain('The editor’s “first draft” – 700–1,000 words — ran long…');
    expect(html).toContain('link text “here”');
  });

  it('leaves code, attributes and JSX props as typed', () => {
    expect(html).toMatch(/<code>const a = (&quot;|&#34;|")b(&quot;|&#34;|") -- (&#39;|')c(&#39;|')<\/code>/);
    expect(html).toMatch(/data-said="a (&quot;|&#34;)quoted(&quot;|&#34;) prop -- kept"/);
    expect(html).toMatch(/title="straight (&#39;|')attribute(&#39;|')"/);
  });
});
