import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import PublicationBanner from '../../src/components/PublicationBanner.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const render = (status: 'published' | 'draft' | 'scheduled') =>
  container.renderToString(PublicationBanner, {
    props: { status, published: new Date('2022-03-01T00:00:00Z') },
  });

describe('<PublicationBanner>', () => {
  it('marks a draft as a draft that production builds leave out', async () => {
    const html = await render('draft');
    expect(html).toMatch(/<strong[^>]*>Draft<\/strong>/);
    expect(html).toMatch(/production builds leave it out/);
  });

  it('gives a scheduled trend the date it is scheduled for, in the site style', async () => {
    expect(await render('scheduled')).toMatch(/<strong[^>]*>Scheduled for March 1, 2022<\/strong>/);
  });

  it('shows nothing over a published trend', async () => {
    expect(await render('published')).not.toContain('publication-banner');
  });
});
