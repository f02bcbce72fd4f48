import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { readYamlFile } from '../../src/lib/content/files.ts';
import { typeset } from '../../src/lib/typography.ts';

/** The published content, read from the source files: what the pages must show. */
export const SERIES = 'ml-trends-2021';
const dir = join(process.cwd(), 'content/series', SERIES);

export interface TrendFact {
  order: number;
  /** The title as pages show it: typeset (curly quotes, real dashes), as the site typesets frontmatter. */
  title: string;
  /** The figures the trend lists (frontmatter `figures`), in order. */
  figureIds: string[];
  /** Sections (`## ` headings) of the MDX, as the editor wrote them. */
  sections: number;
  slug: string;
  href: string;
  /** The trend's headline number (frontmatter `keyFigure`), where it has one. */
  keyFigure?: { figure: string; label: string; counts?: string; says?: string };
  /** Frontmatter `published` (YYYY-MM-DD). */
  published: string;
  /** Frontmatter `updated` (YYYY-MM-DD), where the article was updated after its publication. */
  updated?: string;
  /** Frontmatter `updateNote`: what the update changed, as typeset on the page. */
  updateNote?: string;
}

export const trends: TrendFact[] = readdirSync(join(dir, 'trends'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => {
    const source = readFileSync(join(dir, 'trends', name), 'utf8');
    const { frontmatter } = parseFrontmatter(source);
    const slug = name.replace(/\.mdx$/, '').replace(/^\d+-/, '');
    const keyFigure = frontmatter.keyFigure as TrendFact['keyFigure'];
    const updated = frontmatter.updated as Date | string | undefined;
    const published = frontmatter.published as Date | string;
    return {
      order: Number(frontmatter.order),
      // As the pages show it: curly quotes and apostrophes (src/lib/typography.ts).
      title: typeset(String(frontmatter.title)),
      figureIds: (frontmatter.figures as string[] | undefined) ?? [],
      sections: source.split('\n').filter((line) => /^## /.test(line)).length,
      slug,
      href: `/${SERIES}/${slug}/`,
      published: published instanceof Date ? published.toISOString().slice(0, 10) : String(published),
      ...(keyFigure ? { keyFigure } : {}),
      ...(updated ? { updated: updated instanceof Date ? updated.toISOString().slice(0, 10) : String(updated) } : {}),
      ...(frontmatter.updateNote ? { updateNote: typeset(String(frontmatter.updateNote)) } : {}),
    };
  })
  .sort((a, b) => a.order - b.order);

interface FigureFact {
  id: string;
  title: string;
  question: string;
  questionWording: 'published' | 'reconstructed';
  rows: { label: string; value: number; previous?: number }[];
  kind: string;
  unit: string;
}

export const figures = JSON.parse(readFileSync(join(dir, 'figures.json'), 'utf8')) as FigureFact[];
export const figure = (id: string): FigureFact => figures.find((f) => f.id === id)!;

/** series.yaml, as the editor wrote it. */
export const seriesYaml = readYamlFile(join(dir, 'series.yaml')) as {
  title: string;
  shortTitle: string;
  home?: { lead?: { figure: string; label: string; headline: string } };
  index?: { headline?: string; numbers?: { figure: string; label: string }[]; lead?: { figure: string } };
  report: { title: string; subtitle: string; promise: string; headline?: string; deck?: string };
  survey: { publisher: string };
};

/** The finding the home page leads with (`home.lead`). */
export const homeLead = () => {
  const lead = seriesYaml.home?.lead;
  if (!lead) throw new Error(`${SERIES}/series.yaml has no home.lead`);
  return lead;
};

/**
 * The name of a trend's link in an index: its headline, under its number, on the home page and the series index
 * alike (round 14 on the home page, round 16 on the series index: one pattern for every entry).
 */
export function indexLinkName(trend: TrendFact): string {
  return trend.title;
}
