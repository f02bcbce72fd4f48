/**
 * Ids for the notes of <Stat>: unique on a page, numbered in page order ("stat-1", "stat-2", …), so a
 * number quoted twice on one page opens its own note and a rebuilt page keeps its ids. Counted per page
 * render, keyed by the render's `Astro.locals` (one object per page, shared by its components). A module,
 * not the component's frontmatter, which runs anew for each <Stat>.
 */
const counts = new WeakMap<object, number>();

export function nextStatId(page: object): string {
  const count = (counts.get(page) ?? 0) + 1;
  counts.set(page, count);
  return `stat-${count}`;
}
