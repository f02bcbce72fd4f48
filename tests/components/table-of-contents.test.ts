import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import TableOfContents from '../../src/components/TableOfContents.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const heading = (depth: number, text: string) => ({ depth, text, slug: text.toLowerCase().replace(/ /g, '-') });
const render = (headings: ReturnType<typeof heading>[], minutes = 6) =>
  container.renderToString(TableOfContents, { props: { headings, minutes } });
const fourSections = [heading(2, 'First part'), heading(2, 'Second'), heading(2, 'Third'), heading(2, 'Fourth')];

describe('<TableOfContents>', () => {
  it('links each section of an article with four or more, in order', async () => {
    const html = await render([
      heading(2, 'First part'),
      heading(3, 'A detail'),
      heading(2, 'Second'),
      heading(2, 'Third'),
      heading(2, 'Fourth'),
    ]);
    expect(html).toContain('<nav');
    expect([...html.matchAll(/<a href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '#first-part',
      '#second',
      '#third',
      '#fourth',
    ]);
  });

  it('renders nothing for an article with three sections, however many subsections they have', async () => {
    const html = await render([
      heading(2, 'First part'),
      heading(3, 'A'),
      heading(3, 'B'),
      heading(2, 'Second'),
      heading(3, 'C'),
      heading(2, 'Third'),
    ]);
    expect(html).not.toContain('<nav');
  });

  it('renders nothing for an article read in under four minutes, however many sections it has (round 2: a 3-minute read)', async () => {
    expect(await render(fourSections, 3)).not.toContain('<nav');
    expect(await render(fourSections, 4)).toContain('<nav');
  });
});
