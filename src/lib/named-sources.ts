import type { Source } from './schema/source.ts';
import { maskCodeAndComments, maskFrontmatter, maskUrls } from './mdx-source.ts';

/**
 * Sources an article's text names. A reader who meets "Forbes" or "the report" in the prose looks for it in the
 * article's source list and on the sources page, so a source named in the text is listed with those its figures
 * and frontmatter give (src/lib/trend-sources.ts).
 *
 * The names come from the series' registry of sources (every source of its figures and of its articles'
 * frontmatter), read from each source's own fields:
 *
 * - the survey's own report (confidence RT): "the report";
 * - the publisher's blog (AB, outlet "<publisher> blog"): "<publisher> blog" and "<publisher>'s blog", not the
 *   publisher alone, which names the survey every article rests on;
 * - any other outlet: the outlet, and the outlet without a trailing "blog", "Media", "Associates" or "AI"
 *   ("MVYL Associates blog" is also "MVYL Associates" and "MVYL"); a generic outlet ("Trade press") names nothing;
 * - the author's full name and surname;
 * - the title up to its first comma, when it runs to three words or more;
 * - a description built from the title (`sourceDescriptions`): "post on investment" for "… machine learning
 *   investments for 2021", so that "Algorithmia's own blog post on investment" finds the post it describes.
 */

/** Words an outlet's name may end with that a text leaves out ("O'Reilly Media" is "O'Reilly"). */
const OUTLET_TAIL = /\s+(?:blog|Media|Associates|AI|Inc\.?)$/;
/** Outlets that describe a kind of source, not a publisher: they name none. */
const GENERIC_OUTLET = /^(?:trade press|press|blog|web)$/i;

/** The names a text may use for a source (see the module comment). */
export function sourceNames(source: Source): string[] {
  const names: string[] = [];
  if (source.confidence === 'RT') names.push('the report');
  const outlet = source.outlet?.trim();
  if (outlet && !GENERIC_OUTLET.test(outlet) && source.confidence !== 'RT') {
    if (source.confidence === 'AB') {
      const stem = outlet.replace(/\s+blog$/, '');
      names.push(`${stem} blog`, `${stem}'s blog`, `${stem}'s own blog`);
    } else {
      let name = outlet;
      names.push(name);
      while (OUTLET_TAIL.test(name)) {
        name = name.replace(OUTLET_TAIL, '');
        if (name !== '') names.push(name);
      }
    }
  }
  const author = source.author?.trim();
  if (author) {
    names.push(author);
    const surname = author.split(/\s+/).at(-1);
    if (surname && surname !== author) names.push(surname);
  }
  const title = source.title.split(',')[0]!.trim();
  if (title.split(/\s+/).length >= 3) names.push(title);
  return [...new Set(names)];
}

/** Title words too common in this subject, or too empty, to say which post a description means. */
const NOT_A_TOPIC = new Set([
  'their',
  'there',
  'about',
  'which',
  'these',
  'those',
  'other',
  'after',
  'before',
  'machine',
  'learning',
]);

/**
 * The descriptions a text may use for a source instead of its name: "post on <topic>", "post about <topic>"
 * (and so "blog post on <topic>"), where a topic is a word of five letters or more from its title, as written
 * and without a plural "s" ("investments", "investment"). A description several sources' titles fit names all
 * of them, and the check asks the editor which is meant.
 */
export function sourceDescriptions(source: Source): string[] {
  const topics = new Set<string>();
  for (const word of source.title.toLowerCase().match(/\p{L}+/gu) ?? []) {
    if (word.length < 5 || NOT_A_TOPIC.has(word)) continue;
    topics.add(word);
    if (/[^s]s$/.test(word)) topics.add(word.slice(0, -1));
  }
  return [...topics].flatMap((topic) => [`post on ${topic}`, `post about ${topic}`]);
}

/** Every source a series knows, once each by key: its figures' sources, then its articles' frontmatter. */
export function sourceRegistry(lists: readonly (readonly Source[])[]): Source[] {
  const seen = new Map<string, Source>();
  for (const list of lists) for (const source of list) if (!seen.has(source.key)) seen.set(source.key, source);
  return [...seen.values()];
}

/** A name found in a text, and the sources of the registry it may stand for (one, or several that share it). */
export interface NamedSource {
  name: string;
  /** 1-based line of its first use in the text searched. */
  line: number;
  sources: Source[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The name as a pattern: whole words, and a leading "the" in either case ("The report's …"). */
function namePattern(name: string): RegExp {
  const body = escape(name).replace(/^the /, '[Tt]he ');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

/**
 * The prose of an MDX article a reader reads for names: its title and deck (given separately), the body without
 * code, comments, URLs and component markup (a `<Stat label>` is a row, not a source).
 */
export function proseForNames(source: string): string {
  return maskUrls(maskCodeAndComments(maskFrontmatter(source)))
    .replace(/^(?:import|export)\b.*$/gm, (line) => ' '.repeat(line.length))
    .replace(/<\/?[A-Za-z][\w.]*(?:[^>"']|"[^"]*"|'[^']*')*>/g, (tag) => tag.replace(/[^\n]/g, ' '));
}

/**
 * The registry's sources a text names, grouped by name: a name several sources share ("O'Reilly" for two of its
 * books) is one entry with all of them. A name inside a longer one ("MVYL" in "MVYL Associates") is found once,
 * under the longer name, where the longer one is used.
 */
export function sourcesNamedIn(text: string, registry: readonly Source[]): NamedSource[] {
  const byName = new Map<string, Source[]>();
  for (const source of registry) {
    for (const name of [...sourceNames(source), ...sourceDescriptions(source)]) {
      const list = byName.get(name) ?? [];
      if (!list.some((s) => s.key === source.key)) list.push(source);
      byName.set(name, list);
    }
  }
  // Longest names first, each found occurrence blanked, so that "MVYL" does not find "MVYL Associates" again.
  let rest = text;
  const found: (NamedSource & { at: number })[] = [];
  for (const name of [...byName.keys()].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(namePattern(name).source, 'gu');
    let first: number | undefined;
    rest = rest.replace(pattern, (match, offset: number) => {
      first ??= offset;
      return ' '.repeat(match.length);
    });
    if (first !== undefined) {
      found.push({ name, at: first, line: text.slice(0, first).split('\n').length, sources: byName.get(name)! });
    }
  }
  return found.sort((a, b) => a.at - b.at).map(({ name, line, sources }) => ({ name, line, sources }));
}

/**
 * The sources to add to a list because its text names them: a name whose sources include one already listed adds
 * nothing; a name only one source has adds that source. A name several unlisted sources share adds none (the
 * check asks the editor which is meant, see `namedSourceProblems`).
 */
export function sourcesToAdd(listed: readonly Source[], named: readonly NamedSource[]): Source[] {
  const keys = new Set(listed.map((s) => s.key));
  const added: Source[] = [];
  for (const { sources } of named) {
    if (sources.some((s) => keys.has(s.key))) continue;
    const distinct = [...new Set(sources.map((s) => s.key))];
    if (distinct.length === 1) {
      added.push(sources[0]!);
      keys.add(sources[0]!.key);
    }
  }
  return added;
}

/**
 * Names in a text that the source list cannot resolve: a name several sources share, none of them listed or
 * named unambiguously elsewhere in the text. The
 * article's list would leave out the source the text means, so the build refuses it, naming file, line and the
 * sources the name could be.
 */
export function namedSourceProblems(
  file: string,
  listed: readonly Source[],
  named: readonly NamedSource[],
  lineOffset = 0,
): string[] {
  // A name the text pins down elsewhere ("Algorithmia's own blog" beside "post on investment") is resolved.
  const keys = new Set([...listed, ...sourcesToAdd(listed, named)].map((s) => s.key));
  return named.flatMap(({ name, line, sources }) => {
    if (sources.some((s) => keys.has(s.key)) || new Set(sources.map((s) => s.key)).size === 1) return [];
    const which = sources.map((s) => `${s.key} ("${s.title}")`).join(', ');
    return [
      `${file}:${line + lineOffset}: the text names "${name}", which could be any of ${which}; add the one it means to the frontmatter's "sources" so the article's source list and the sources page carry it.`,
    ];
  });
}
