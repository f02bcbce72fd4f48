import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';

/** The published content, read from the source files: what the pages must show. */
export const SERIES = 'ml-trends-2021';
const dir = join(process.cwd(), 'content/series', SERIES);

export interface TrendFact {
  order: number;
  title: string;
  slug: string;
  href: string;
}

export const trends: TrendFact[] = readdirSync(join(dir, 'trends'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => {
    const { frontmatter } = parseFrontmatter(readFileSync(join(dir, 'trends', name), 'utf8'));
    const slug = name.replace(/\.mdx$/, '').replace(/^\d+-/, '');
    return { order: Number(frontmatter.order), title: String(frontmatter.title), slug, href: `/${SERIES}/${slug}/` };
  })
  .sort((a, b) => a.order - b.order);

interface FigureFact {
  id: string;
  title: string;
  rows: { label: string; value: number; previous?: number }[];
}

export const figures = JSON.parse(readFileSync(join(dir, 'figures.json'), 'utf8')) as FigureFact[];
export const figure = (id: string): FigureFact => figures.find((f) => f.id === id)!;
