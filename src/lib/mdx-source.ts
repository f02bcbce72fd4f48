/**
 * Helpers to read MDX source as text: masking parts that are not prose (frontmatter, code, comments,
 * links) with spaces, so that offsets and line numbers stay those of the file.
 */

export function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

/** Replaces every character with a space, keeping newlines. */
export function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

const FRONTMATTER = /^---\r?\n[\s\S]*?\r?\n---(?=\r?\n|$)/;

/** Masks the frontmatter block, except the top-level fields named in `keep` (with their continuation lines). */
export function maskFrontmatter(source: string, keep: readonly string[] = []): string {
  const match = FRONTMATTER.exec(source);
  if (!match) return source;
  let keeping = false;
  const lines = match[0].split('\n').map((line, i, all) => {
    if (i === 0 || i === all.length - 1) return blank(line);
    const key = /^([A-Za-z_][\w-]*):/.exec(line)?.[1];
    if (key !== undefined) keeping = keep.includes(key);
    else if (!/^\s/.test(line)) keeping = false;
    return keeping ? line.replace(/^[A-Za-z_][\w-]*:/, blank) : blank(line);
  });
  return lines.join('\n') + source.slice(match[0].length);
}

/** Masks fenced and inline code and MDX comments. */
export function maskCodeAndComments(source: string): string {
  return source
    .replace(/```[\s\S]*?```/g, blank)
    .replace(/`[^`\n]*`/g, blank)
    .replace(/\{\/\*[\s\S]*?\*\/\}/g, blank)
    .replace(/<!--[\s\S]*?-->/g, blank);
}

/** Masks link destinations and bare URLs, whose percent-encoding is not prose. */
export function maskUrls(source: string): string {
  return source.replace(/\]\([^)\s]*\)/g, blank).replace(/\bhttps?:\/\/[^\s)>"']+/g, blank);
}
