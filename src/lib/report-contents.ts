/**
 * The report's contents as the report page lists them: parts with their chapters nested, front and back
 * matter on their own, each with its page. The manifest has them flat, in the order of the PDF's bookmarks.
 */
export interface ContentsItem {
  title: string;
  page: number;
  /** A part's chapters; empty for anything else. */
  chapters: { title: string; page: number }[];
}

const PART = /^Part \d+: /;
const CHAPTER = /^\d+\. /;

export function nestContents(entries: readonly { title: string; page: number }[]): ContentsItem[] {
  const items: ContentsItem[] = [];
  let part: ContentsItem | undefined;
  for (const { title, page } of entries) {
    if (CHAPTER.test(title) && part) {
      part.chapters.push({ title, page });
      continue;
    }
    const item = { title, page, chapters: [] };
    items.push(item);
    // A chapter before any part is listed on its own; anything that is not a part ends the current one.
    part = PART.test(title) ? item : undefined;
  }
  return items;
}
