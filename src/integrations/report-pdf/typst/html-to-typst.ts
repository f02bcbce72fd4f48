/**
 * The print page (semantic HTML, `src/pages/[series]/report/print.astro`) as Typst source for the report
 * template (`report.typ`): a walk over the parsed HTML that knows each element the print page writes and
 * fails, naming it, on any other. Text is escaped so that no character reads as Typst markup, and a number
 * is bound to its unit and base with non-breaking spaces ("64 %", "(n = 403)", "USD 100 million").
 */
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';

/**
 * Characters that start Typst markup, each written escaped: always the markup signs, a hyphen where it could
 * start a list or form a dash or soft hyphen ("--", "-?"), and a full stop in an ellipsis or after a digit
 * (an enumeration "1."); a hyphen inside a word ("third-party") and a sentence's full stop stay as they are.
 */
const MARKUP = /[\\#$*_`<>@[\]~=+/;]|-(?=[-?])|(?<=-)-|(?<=^|\s)-|\.(?=\.)|(?<=\.)\.|(?<=\d)\./g;
const NBSP = '\u00a0';
/** U+2060 WORD JOINER: no line break here, and nothing printed. */
const WJ = '\u2060';

/**
 * Joins a number to its unit or base, and a currency to its amount, with non-breaking spaces. A date stays
 * whole ("November 2020", "March 9, 2021"), a range stays whole at its en dash ("2–27 September"), and a count stays with the short noun it counts ("50 models"): a
 * line never ends on the bare number. A long word ("organizations") may go to the next line, or a narrow
 * column would show a gap.
 */
export function bindNumbers(text: string): string {
  return (
    text
      .replace(/\b([nN]) = (\d)/g, `$1${NBSP}=${NBSP}$2`)
      .replace(/\b(survey of) (\d)/g, `$1${NBSP}$2`)
      .replace(
        /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)([a-z]*\.?) (\d{1,2}, \d{4}|\d{1,2}|\d{4})\b/g,
        (_, m: string, rest: string, day: string) => `${m}${rest}${NBSP}${day.replace(', ', `,${NBSP}`)}`,
      )
      // A day before its month ("11 February 2021") stays with it; the month and year are bound above.
      .replace(/\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)([a-z]*)\b/g, `$1${NBSP}$2$3`)
      .replace(/\b(USD|EUR|GBP|US\$) (\d)/g, `$1${NBSP}$2`)
      .replace(
        /(\d[\d,.]*) (%|per ?cent\b|percentage points?\b|points?\b|pp\b|million\b|billion\b|thousand\b|respondents\b|months?\b|weeks?\b|days?\b|years?\b|questions\b|employees\b)/g,
        `$1${NBSP}$2`,
      )
      .replace(/(\d) ([–-]) (\d)/g, `$1${NBSP}$2${NBSP}$3`)
      // A range set close ("2–27 September", "2019–2021") never breaks at its en dash: word joiners either side.
      .replace(/(\d)–(\d)/g, `$1${WJ}–${WJ}$2`)
      .replace(/(?<![\w.,])(\d[\d,.]*\d|\d) (?=[a-z]{1,8}\b)/g, `$1${NBSP}`)
  );
}

/**
 * The web's references said as the printed report's (round 14: "trend 9", "this article" and "the chart below" in
 * the PDF): a trend is a chapter of the same number, an article a chapter, and a chart is not "below" or "above"
 * on a page where it floats. Applied to the running text of every section.
 */
export function printReferences(text: string): string {
  return text
    .replace(
      /\b([Tt])rends (\d+)(,? and |–| to )(\d+)\b/g,
      (_, t: string, a: string, join: string, b: string) => `${t === 'T' ? 'C' : 'c'}hapters ${a}${join}${b}`,
    )
    .replace(/\b([Tt])rend (\d+)\b/g, (_, t: string, n: string) => `${t === 'T' ? 'C' : 'c'}hapter ${n}`)
    .replace(/\b([Tt])his article\b/g, '$1his chapter')
    .replace(/\b((?:the|this|that) (?:chart|figure|table)) (?:below|above)\b/gi, '$1');
}

/** Text as Typst markup: markup characters escaped, non-breaking spaces as `~`. */
export function escapeMarkup(text: string): string {
  return text.replace(MARKUP, (c) => `\\${c}`).replaceAll(NBSP, '~');
}

/** A Typst string literal. */
export function typstString(text: string): string {
  return `"${text
    .replace(/[\\"]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '')}"`;
}

/** Text as a Typst content block: `[...]`, bound and escaped. */
export const markup = (text: string) => `[${escapeMarkup(bindNumbers(collapse(text)))}]`;

/**
 * A heading's text as Typst markup, set as `markup` sets it but in ASCII where it can be: an apostrophe typed
 * straight (Typst prints it curly) and a number kept with its word in a box rather than by a non-breaking space.
 * Typst gives a tagged heading its text as its title (/T), in UTF-16 when any character is not ASCII, and
 * `pdfinfo -struct-text` prints such a title as two bytes of nothing (round 15: three headings "had no text").
 */
export function headingMarkup(text: string): string {
  const bound = bindNumbers(collapse(text)).replace(/(\p{L})’(\p{L})/gu, "$1'$2");
  const words = bound
    .split(' ')
    .map((word) => (word.includes(NBSP) ? `#box[${escapeMarkup(word.replaceAll(NBSP, ' '))}]` : escapeMarkup(word)));
  return `[${words.join(' ')}]`;
}

const collapse = (text: string) => text.replace(/[ \t\n\r\f]+/g, ' ');

export interface ConvertedReport {
  /** Typst source of the whole report, to compile with `report.typ` beside it. */
  source: string;
  /** The figure models embedded in the page, by figure id (JSON-serialisable, for the template). */
  models: Record<string, unknown>;
  /** Figure ids in the order the report shows them: the appendix tables' order. */
  figureOrder: string[];
  /** Every figure computed from the series' own responses (the cover's `data-own-survey`): shares print as numbers. */
  ownSurvey: boolean;
}

class ConvertError extends Error {}

function fail(node: Element, where: string, why = 'is not an element the report converter knows'): never {
  const attributes = Object.keys(node.properties)
    .map((name) => ` ${name}`)
    .join('');
  throw new ConvertError(`Report print page: <${node.tagName}${attributes}> in ${where} ${why}`);
}

const attr = (node: Element, name: string): string | undefined => {
  const value = node.properties[name];
  if (value === undefined || value === null || value === false) return undefined;
  return Array.isArray(value) ? value.join(' ') : String(value);
};

const required = (node: Element, name: string, where: string): string =>
  attr(node, name) ?? fail(node, where, `has no ${name} attribute`);

const elements = (nodes: readonly (RootContent | ElementContent)[]): Element[] =>
  nodes.filter((n): n is Element => n.type === 'element');

const textOf = (node: Element | ElementContent): string =>
  node.type === 'text' ? node.value : node.type === 'element' ? node.children.map(textOf).join('') : '';

interface Context {
  where: string;
  /** Level of the heading an `<h2>` becomes. */
  h2: number;
  figures: string[];
  /**
   * Side notes of this chapter (or summary): the figures it draws (their notes stand under the chart) and
   * the figures already noted, so that a figure's first quotation alone gets a note in the margin.
   */
  notes?: { drawn: Set<string>; noted: Set<string> };
  /**
   * The figures the summary draws in full. A chapter that places one again recalls it in its margin (its first
   * answer, where the whole chart is) instead of printing the same chart twice.
   */
  summary?: ReadonlySet<string>;
  /**
   * In a chapter: the single shares (figures of kind "number"). A chapter does not draw one (a sentence states it
   * and its table holds it): its `<Figure>` is left out of the print, its first quotation gets a side note.
   */
  singles?: ReadonlySet<string>;
  /** On a number (`<Stat>`): the word "of" follows it, and goes with it. */
  of?: boolean;
  /** In a paragraph: the values it states, as printed ("41%"), by figure id. */
  stated?: ReadonlyMap<string, readonly string[]>;
  /**
   * The titles the summary gives the exhibits it draws (`<Figure title>`), by figure id: filled by the summary,
   * read by a chapter that draws the same exhibit again, under the same title (round 18).
   */
  titles?: Map<string, string>;
}

/** The values a paragraph states through its numbers (`<Stat>`), as printed, by figure id. */
function statedValues(paragraph: Element): Map<string, string[]> {
  const stated = new Map<string, string[]>();
  const visit = (nodes: readonly ElementContent[]) => {
    for (const node of elements(nodes)) {
      const figure = attr(node, 'dataStat') !== undefined ? attr(node, 'dataFigure') : undefined;
      if (figure) stated.set(figure, [...(stated.get(figure) ?? []), collapse(textOf(node)).trim()]);
      else visit(node.children);
    }
  };
  visit(paragraph.children);
  return stated;
}

/** Inline content (text and phrasing elements) as Typst markup. */
function inline(nodes: readonly ElementContent[], ctx: Context): string {
  let out = '';
  let text = '';
  const flush = () => {
    out += escapeMarkup(bindNumbers(printReferences(text)));
    text = '';
  };
  let of = false;
  for (const [index, node] of nodes.entries()) {
    if (node.type === 'text') {
      // The "of" after a number the template may say in words ("over four in five respondents") goes with it.
      text += collapse(of ? node.value.replace(/^\s+of(?=\s)/, '') : node.value);
      of = false;
      continue;
    }
    if (node.type !== 'element') continue;
    flush();
    const next = nodes[index + 1];
    of = attr(node, 'dataStat') !== undefined && next?.type === 'text' && /^\s+of\s/.test(next.value);
    out += inlineElement(node, of ? { ...ctx, of } : ctx);
  }
  flush();
  return out;
}

function inlineElement(node: Element, ctx: Context): string {
  switch (node.tagName) {
    case 'strong':
    case 'b':
      return `#strong[${inline(node.children, ctx)}]`;
    case 'em':
    case 'i':
      return `#emph[${inline(node.children, ctx)}]`;
    case 'a': {
      const href = attr(node, 'href');
      if (!href || href.startsWith('#')) return inline(node.children, ctx);
      // An address on the site is no address in a PDF (round 15: "who took part" led to /…/sources/#survey): the
      // account of who took part is "The survey in brief", an article of the series is its chapter, and any other
      // page prints as its text alone.
      if (!/^[a-z][a-z0-9+.-]*:/i.test(href)) {
        if (/^\/[^?#]*\/sources\/?#survey$/.test(href)) return `#survey-ref[${inline(node.children, ctx)}]`;
        const slug = /^\/(?:[^/?#]+\/)*([^/?#]+)\/?(?:[?#].*)?$/.exec(href)?.[1];
        const chapter = slug === undefined ? undefined : chapterBySlug.get(slug);
        const text = inline(node.children, ctx);
        return chapter === undefined ? text : `${text} (#chapter-ref(${chapter}))`;
      }
      return `#link(${typstString(href)})[${inline(node.children, ctx)}]`;
    }
    case 'code':
      return `#raw(${typstString(textOf(node))})`;
    case 'br':
      return '#linebreak()';
    case 'img': {
      // An image of the article, from the build (compile.ts maps the file in); its alt text is required.
      const alt = attr(node, 'alt')?.trim();
      if (!alt)
        fail(node, ctx.where, 'has no alt text: every image in the PDF needs one (write it in the Markdown image)');
      return `#report-image(${typstString(required(node, 'src', ctx.where))}, alt: ${typstString(alt)})`;
    }
    case 'sup':
      return `#super[${inline(node.children, ctx)}]`;
    case 'span': {
      if (attr(node, 'dataStat') !== undefined) {
        const figure = required(node, 'dataFigure', ctx.where);
        ctx.figures.push(figure);
        const note = ctx.notes !== undefined && !ctx.notes.drawn.has(figure) && !ctx.notes.noted.has(figure);
        if (note) ctx.notes!.noted.add(figure);
        // With its note, the values of that figure the paragraph states: the template drops a note that would
        // only repeat them beside the sentence.
        const stated = note ? `, stated: ${typstArray(ctx.stated?.get(figure) ?? [])}` : '';
        // The value as printed: a margin block on the same page that would only display it again is left out.
        const value = collapse(textOf(node)).trim();
        const of = ctx.of ? ', of: true' : '';
        return `#stat(${typstString(figure)}${note ? ', note: true' : ''}${stated}${of}, value: ${typstString(value)})[${escapeMarkup(bindNumbers(value))}]`;
      }
      return inline(node.children, ctx);
    }
    default:
      return fail(node, ctx.where);
  }
}

/**
 * Block content (paragraphs, headings, lists, figures) as Typst markup, one block per paragraph. Figures that
 * follow one another with nothing between them go to the template as one row (`report-figure-row`), which sets
 * related single values side by side where it can.
 */
function blocks(nodes: readonly ElementContent[], ctx: Context): string {
  const out: string[] = [];
  let row: string[] = [];
  // The title a figure of the row gives the exhibit the row makes (`<Figure title>`), if any.
  let rowTitle: string | undefined;
  // Figures the summary drew: recalled in the margin beside the paragraph before them (or the next one).
  let recalls: string[] = [];
  // The values each paragraph of `out` states (none for other blocks): a recall beside it that would only
  // display them again is dropped by the template.
  const stated: (Map<string, string[]> | undefined)[] = [];
  // Single shares the summary drew as one exhibit are recalled once, by the first, naming each one's table.
  const recalledWith = new Map<string, string[]>();
  const recallCalls = (values?: Map<string, string[]>) =>
    recalls
      .map((id) => {
        const also = recalledWith.get(id);
        return `#recall-figure(${typstString(id)}, stated: ${typstArray(values?.get(id) ?? [])}${also ? `, with: ${typstArray(also)}` : ''})`;
      })
      .join('');
  const endRow = () => {
    const drawn = drawnInRow(row, ctx);
    const recalled = row.filter((id) => ctx.summary?.has(id) && !drawn.includes(id));
    const singles = recalled.filter((id) => ctx.singles?.has(id));
    if (singles.length > 1) recalledWith.set(singles[0]!, singles.slice(1));
    recalls.push(...recalled.filter((id) => !singles.slice(1).includes(id)));
    row = [];
    const last = out.length - 1;
    if (recalls.length > 0 && last >= 0 && !out[last]!.startsWith('#')) {
      out[last] = `${out[last]}${recallCalls(stated[last])}`;
      recalls = [];
    }
    // The summary's exhibits keep their titles; a chapter that draws one again prints it under the same title and
    // says in its alt text that it repeats the summary's (two Figures with one alt text read as one figure twice).
    if (!ctx.singles && rowTitle) for (const id of drawn) ctx.titles?.set(id, rowTitle);
    const again = ctx.singles ? drawn.find((id) => ctx.summary?.has(id)) : undefined;
    const title = (again === undefined ? undefined : ctx.titles?.get(again)) ?? rowTitle;
    const titled = `${title ? `, title: ${markup(title)}` : ''}${again === undefined ? '' : ', repeated: true'}`;
    if (drawn.length === 1) out.push(`#report-figure(${typstString(drawn[0]!)}${titled})`);
    else if (drawn.length > 1) out.push(`#report-figure-row(${typstArray(drawn)}${titled})`);
    rowTitle = undefined;
    stated.length = out.length;
  };
  for (const node of nodes) {
    if (node.type === 'text') {
      if (node.value.trim() === '') continue;
      endRow();
      out.push(inline([node], ctx));
      continue;
    }
    if (node.type !== 'element') continue;
    if (node.tagName === 'figure') {
      const id = required(node, 'dataFigure', ctx.where);
      ctx.figures.push(id);
      row.push(id);
      // In a chapter, the single shares its trend lists and its article only quotes join the one it draws.
      if (ctx.singles)
        for (const other of withFigures(node)) {
          ctx.figures.push(other);
          row.push(other);
        }
      rowTitle ??= attr(node, 'dataTitle');
      continue;
    }
    endRow();
    const next = block(node, ctx);
    const values = node.tagName === 'p' ? statedValues(node) : undefined;
    // A recall with no paragraph before it stands at the start of the next one.
    if (recalls.length > 0 && next !== '' && !next.startsWith('#')) {
      out.push(`${recallCalls(values)}${next}`);
      recalls = [];
    } else out.push(next);
    stated[out.length - 1] = values;
  }
  endRow();
  if (recalls.length > 0) out.push(`#block[${recallCalls()}]`);
  return out.filter((b) => b !== '').join('\n\n');
}

function block(node: Element, ctx: Context): string {
  switch (node.tagName) {
    case 'p':
      return inline(node.children, { ...ctx, stated: statedValues(node) }).trim();
    case 'h2':
    case 'h3':
    case 'h4': {
      const rank = Number(node.tagName[1]) - 1;
      // A heading of text alone in ASCII where it can be (`headingMarkup`); one with a number or a link as written.
      const plain = node.children.every((c) => c.type === 'text');
      const body = plain
        ? headingMarkup(printReferences(textOf(node))).slice(1, -1)
        : inline(node.children, ctx).trim();
      return `#section-heading(rank: ${rank}, level: ${ctx.h2 + rank - 1})[${body.trim()}]`;
    }
    case 'ul':
    case 'ol': {
      const items = elements(node.children).map((li) => {
        if (li.tagName !== 'li') fail(li, ctx.where, `is not allowed in <${node.tagName}>`);
        const hasBlocks = elements(li.children).some((c) => ['p', 'ul', 'ol'].includes(c.tagName));
        return `[${hasBlocks ? blocks(li.children, ctx) : inline(li.children, ctx).trim()}]`;
      });
      return `#${node.tagName === 'ul' ? 'list' : 'enum'}(${items.join(', ')})`;
    }
    case 'blockquote':
      return `#quote(block: true)[${blocks(node.children, ctx)}]`;
    case 'figure': {
      const id = required(node, 'dataFigure', ctx.where);
      ctx.figures.push(id);
      return ctx.singles?.has(id) && !ctx.summary?.has(id) ? '' : `#report-figure(${typstString(id)})`;
    }
    case 'hr':
      return '';
    default:
      return fail(node, ctx.where);
  }
}

/** The arguments of a template call, as `name: value` pairs (strings quoted, content given as markup). */
const args = (pairs: Record<string, string | number | undefined>) =>
  Object.entries(pairs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${name}: ${typeof value === 'number' ? value : value}`)
    .join(', ');

/** A Typst array of strings. */
const typstArray = (items: readonly string[]) =>
  `(${items.map(typstString).join(', ')}${items.length === 1 ? ',' : ''})`;

/**
 * The figures of a row (figures that follow one another) a section draws. The summary draws them all. A chapter
 * draws every figure of several rows or two editions it places, the summary's included (round 18, review: chapters
 * 1, 5 and 9 showed no evidence of their own, only a margin note pointing back to the summary; McKinsey's report
 * repeats a summary exhibit in its chapter). Single shares (decision B) only where two or more follow one another,
 * as one exhibit: a lone one is stated in its sentence (and recalled in the margin when the summary drew it).
 */
function drawnInRow(row: readonly string[], ctx: Context): string[] {
  if (!ctx.singles) return [...row];
  const singles = row.filter((id) => ctx.singles!.has(id));
  return row.filter((id) => (ctx.singles!.has(id) ? singles.length > 1 : true));
}

/** The single shares a chapter's figure brings with it (`data-with`, PrintFigure.astro), drawn with it in a chapter. */
const withFigures = (node: Element): string[] => (attr(node, 'dataWith') ?? '').split(/\s+/).filter(Boolean);

/** The figures of a chapter's body, grouped in rows of figures that follow one another (with their `data-with`). */
function figureRows(body: readonly ElementContent[]): string[][] {
  const rows: string[][] = [];
  const walk = (nodes: readonly ElementContent[]) => {
    let row: string[] = [];
    const end = () => {
      if (row.length > 0) rows.push(row);
      row = [];
    };
    for (const node of nodes) {
      if (node.type === 'text' && node.value.trim() === '') continue;
      if (node.type === 'element' && node.tagName === 'figure')
        row.push(attr(node, 'dataFigure') ?? '', ...withFigures(node));
      else {
        end();
        if (node.type === 'element') walk(node.children);
      }
    }
    end();
  };
  walk(body);
  return rows;
}

/** The figures a chapter's body draws as charts. */
function charts(body: readonly ElementContent[]): string[] {
  const drawn: string[] = [];
  const walk = (nodes: readonly ElementContent[]) => {
    for (const node of elements(nodes)) {
      if (node.tagName === 'figure') drawn.push(attr(node, 'dataFigure') ?? '');
      else walk(node.children);
    }
  };
  walk(body);
  return drawn;
}

/**
 * A chapter's last two exhibits, each given a second place before the chapter's last paragraph: the build's fitting steps `defer`
 * (the last) and `defer-two` (both) draw them there instead, at the top of the chapter's last page, where a few
 * lines of text would otherwise stand alone (round 18: the demo's chapter 2 ended on a page 17% full under two
 * charts on the page before). `rank` 1 is the last exhibit, 2 the one before it.
 */
export function deferLastFigure(text: string, chapter: number): { text: string } {
  const parts = text.split('\n\n');
  const figures = parts
    .map((b, i) => (/^#report-figure(?:-row)?\(/.test(b) ? i : -1))
    .filter((i) => i !== -1)
    .slice(-2);
  // Deferred, they stand before the chapter's last paragraph, which follows them onto the last page: that page then
  // holds an exhibit and the chapter's closing lines, not an exhibit alone. An exhibit already at or after that
  // point has nowhere later to go.
  // A heading over that paragraph goes with it, after the exhibits.
  const end = parts.length - 1 - (parts.at(-2)?.startsWith('#section-heading(') ? 1 : 0);
  if (figures.length === 0 || figures.at(-1)! >= end - 1) return { text };
  const calls = figures.map((i, k) => ({ call: parts[i]!, rank: figures.length - k }));
  const deferred = calls.map(({ call, rank }) => `#defer-end(${chapter}, ${rank})[${call}]`);
  for (const [k, i] of figures.entries()) parts[i] = `#defer-point(${chapter}, ${calls[k]!.rank})[${calls[k]!.call}]`;
  parts.splice(end, 0, ...deferred);
  return { text: parts.join('\n\n') };
}

/** Converts the print page's HTML to the report's Typst source. */
/**
 * The chapters of the report being converted, by their article's slug (`data-slug`): a link in the text to an
 * article of the series points to its chapter. Set at the start of each conversion (which runs synchronously).
 */
let chapterBySlug: ReadonlyMap<string, number> = new Map();

function chaptersOf(node: Element): [string, number][] {
  const own: [string, number][] =
    attr(node, 'dataChapter') === 'trend' && attr(node, 'dataSlug') && attr(node, 'dataNumber')
      ? [[attr(node, 'dataSlug')!, Number(attr(node, 'dataNumber'))]]
      : [];
  return [...own, ...elements(node.children).flatMap(chaptersOf)];
}

export function htmlToTypst(
  html: string,
  meta: { keywords: readonly string[]; creator?: string; language?: string },
): ConvertedReport {
  const root: Root = fromHtml(html);
  const main = findMain(root);
  if (!main) throw new ConvertError('Report print page: no <main data-report> element');
  chapterBySlug = new Map(chaptersOf(main));
  const figures: string[] = [];
  // The figures the summary drew in full (set once the summary is converted; the summary comes first).
  const inSummary = new Set<string>();
  // The titles the summary gives its exhibits, for a chapter that draws one again.
  const titles = new Map<string, string>();
  // The figures of one value (kind "number"), read from the models before the sections that place them.
  const modelsNode = elements(main.children).find((n) => attr(n, 'dataFigureModels') !== undefined);
  const modelEntries = Object.entries(
    modelsNode ? (JSON.parse(textOf(modelsNode)) as Record<string, { kind?: string }>) : {},
  );
  const singleShares = new Set(modelEntries.filter(([, model]) => model.kind === 'number').map(([id]) => id));
  const rowContext = (where: string): Context => ({ where, h2: 0, figures, singles: singleShares });
  let models: Record<string, unknown> = {};
  let backCover = '';
  const parts = elements(main.children).some((n) => attr(n, 'dataPart') !== undefined);
  const chapterLevel = parts ? 2 : 1;
  const out: string[] = [
    '#import "/report.typ": *',
    `#show: report.with(${args({
      title: typstString(required(main, 'dataTitle', '<main>')),
      subtitle: typstString(required(main, 'dataSubtitle', '<main>')),
      author: typstString(required(main, 'dataAuthor', '<main>')),
      language: typstString(meta.language ?? attr(main, 'dataLanguage') ?? 'en'),
      keywords: `(${meta.keywords.map(typstString).join(', ')}${meta.keywords.length === 1 ? ',' : ''})`,
      'has-parts': String(parts),
    })})`,
  ];

  // The last chapter of every part but the last ends on the page before a part opener (held to half full).
  const partNodes = elements(main.children).filter((n) => attr(n, 'dataPart') !== undefined);
  const beforeOpener = new Set(
    partNodes.slice(0, -1).flatMap((n) =>
      elements(n.children)
        .filter((c) => attr(c, 'dataChapter') !== undefined)
        .slice(-1),
    ),
  );
  const chapter = (node: Element, where: string) => {
    const kind = attr(node, 'dataChapter');
    const title = required(node, 'dataTitle', where);
    // The charts this chapter prints or recalls (its numbers from them need no side note). A chart the summary
    // printed is recalled in the margin, not printed twice.
    const notes = {
      drawn: new Set(
        figureRows(node.children).flatMap((row) =>
          [...drawnInRow(row, { ...rowContext(where), summary: inSummary })].concat(
            row.filter((id) => inSummary.has(id)),
          ),
        ),
      ),
      noted: new Set<string>(),
    };
    // A single share a chapter quotes is not an exhibit (a sentence states it, its table holds it): it gets a side
    // note where it is first quoted, like any number the chapter does not draw.
    const ctx: Context = {
      where: `chapter "${title}"`,
      h2: chapterLevel + 1,
      figures,
      notes,
      summary: inSummary,
      singles: singleShares,
      titles,
    };
    if (kind === 'front') {
      // Before the parts: a chapter of its own at the top level, like the back matter.
      out.push(
        `#chapter(${args({ title: headingMarkup(title), level: 1 })})`,
        blocks(node.children, { ...ctx, h2: 2 }),
      );
      return;
    }
    const standfirst = elements(node.children).find((n) => attr(n, 'dataStandfirst') !== undefined);
    const body = node.children.filter((n) => n !== standfirst);
    const number = Number(required(node, 'dataNumber', where));
    // Its short name for the running heads (`heads` of its part), where the series gives one.
    const head = attr(node, 'dataHead');
    const lead = standfirst ? `[${inline(standfirst.children, ctx).trim()}]` : undefined;
    const { text } = deferLastFigure(blocks(body, ctx), number);
    out.push(
      // The shares its title prints in digits (round 14): the text of its first page says them in words.
      `#chapter(${args({ number, title: headingMarkup(title), head: head ? headingMarkup(head) : undefined, standfirst: lead, level: chapterLevel, 'title-values': `(${[...new Set(title.match(/\d+(?:\.\d+)?%/g) ?? [])].map((v) => `${typstString(v)},`).join(' ')})`, 'title-starts': String(/^\d/.test(title)) })})`,
      // Where the chapter starts: the part opener's list of chapters and the sources point here.
      `#chapter-mark(${number})#chapter-fill(${number}, "start")`,
      `#chapter-text(${number})[\n${text}\n]`,
      `#chapter-fill(${number}, "end"${beforeOpener.has(node) ? ', opener: true' : ''})#chapter-end`,
    );
  };

  for (const node of elements(main.children)) {
    const where = 'the report';
    if (attr(node, 'dataCover') !== undefined) {
      // The address and the date are optional: a local build prints no address, a series without a date no date.
      const optional = (name: string, as: (v: string) => string) => {
        const value = attr(node, name);
        return value ? as(value) : 'none';
      };
      const front = {
        title: markup(required(node, 'dataTitle', where)),
        subtitle: markup(required(node, 'dataSubtitle', where)),
        edition: markup(required(node, 'dataEdition', where)),
        promise: markup(required(node, 'dataPromise', where)),
        publisher: markup(required(node, 'dataPublisher', where)),
        survey: markup(required(node, 'dataSurvey', where)),
        date: optional('dataDate', markup),
        url: optional('dataUrl', typstString),
        // A series on its own survey is not "an independent reading" of someone else's; a demonstration's data
        // are said to be synthetic.
        own: String(attr(node, 'dataOwnSurvey') !== undefined),
        synthetic: optional('dataSynthetic', markup),
        // The note on reading the figures, said once before the first chart.
        reading: optional('dataReading', markup),
        // The licence readers may reuse the text and charts under, with its address.
        license: optional('dataLicense', markup),
        'license-url': optional('dataLicenseUrl', typstString),
      };
      out.push(`#cover(${args(front)})`, `#contents(${args(front)})`);
      backCover = `#back-cover(${args(front)})`;
    } else if (attr(node, 'dataSummary') !== undefined) {
      const title = required(node, 'dataTitle', where);
      // No side notes here: the summary's charts stand in its flow across the margin, and its numbers are
      // noted where their chapters quote them.
      const ctx: Context = { where: `the summary "${title}"`, h2: 2, figures, titles };
      out.push(`#summary(title: ${headingMarkup(title)})[\n${blocks(node.children, ctx)}\n]`);
      // Every figure is drawn once: a chapter that places one the summary drew refers back to it in its margin.
      for (const id of charts(node.children)) inSummary.add(id);
    } else if (attr(node, 'dataPart') !== undefined) {
      const title = required(node, 'dataTitle', where);
      const summary = elements(node.children).find((n) => attr(n, 'dataPartSummary') !== undefined);
      const ctx: Context = { where: `part "${title}"`, h2: 3, figures };
      // The part's key figure (series.yaml `keyFigure`), set in the band that opens the part: its value as printed, the
      // answer it counts; the template adds its base and source from the figure's model.
      const key = attr(node, 'dataFigure');
      if (key) figures.push(key);
      out.push(
        `#part(${args({
          number: Number(required(node, 'dataPart', where)),
          title: headingMarkup(title),
          summary: summary ? `[${inline(summary.children, ctx).trim()}]` : '[]',
          key: key
            ? `(id: ${typstString(key)}, label: ${typstString(required(node, 'dataLabel', where))}, says: ${markup(attr(node, 'dataSays') ?? required(node, 'dataLabel', where))}, value: ${typstString(required(node, 'dataValue', where))})`
            : undefined,
        })})`,
      );
      for (const child of elements(node.children)) {
        if (child === summary) continue;
        if (attr(child, 'dataChapter') === undefined) fail(child, `part "${title}"`, 'is not a chapter');
        chapter(child, `part "${title}"`);
      }
    } else if (attr(node, 'dataChapter') !== undefined) {
      chapter(node, where);
    } else if (attr(node, 'dataBack') !== undefined) {
      const title = required(node, 'dataTitle', where);
      const ctx: Context = { where: `"${title}"`, h2: 2, figures };
      out.push(`#back-section(title: ${headingMarkup(title)})[\n${blocks(node.children, ctx)}\n]`);
    } else if (attr(node, 'dataFacts') !== undefined) {
      const title = required(node, 'dataTitle', where);
      const ctx: Context = { where: `"${title}"`, h2: 2, figures };
      const list = elements(node.children).find((n) => n.tagName === 'dl');
      const rows: string[] = [];
      let term: Element | undefined;
      for (const item of list ? elements(list.children) : []) {
        if (item.tagName === 'dt') term = item;
        else if (item.tagName === 'dd' && term) {
          const figure = attr(term, 'dataFigure');
          rows.push(
            `(term: ${markup(textOf(term))}, figure: ${figure ? markup(figure) : 'none'}, detail: [${blocks(item.children, ctx)}])`,
          );
          term = undefined;
        } else fail(item, `"${title}"`, 'is not allowed in the facts list');
      }
      out.push(`#survey-facts(title: ${headingMarkup(title)}, (${rows.join(', ')}${rows.length === 1 ? ',' : ''}))`);
    } else if (attr(node, 'dataSources') !== undefined) {
      const title = required(node, 'dataTitle', where);
      const list = elements(node.children).find((n) => n.tagName === 'ol');
      const ctx: Context = { where: `"${title}"`, h2: 2, figures };
      // Each source with what it supports: the tables of its figures and the chapters citing it, by id and number.
      const items = list
        ? elements(list.children).map((li) => {
            const used = elements(li.children).find((n) => attr(n, 'dataUsed') !== undefined);
            const ids = (used && attr(used, 'dataFigures')?.split(' ').filter(Boolean)) ?? [];
            const numbers = (used && attr(used, 'dataChapters')?.split(' ').filter(Boolean).map(Number)) ?? [];
            const undated = attr(li, 'dataUndated') !== undefined;
            return `(body: [${reference(li, used, ctx)}], figures: ${typstArray(ids)}, chapters: (${numbers.join(', ')}${numbers.length === 1 ? ',' : ''}), undated: ${undated})`;
          })
        : [];
      out.push(`#sources(title: ${headingMarkup(title)}, (${items.join(', ')}${items.length === 1 ? ',' : ''}))`);
    } else if (node.tagName === 'script' && attr(node, 'dataFigureModels') !== undefined) {
      models = JSON.parse(textOf(node)) as Record<string, unknown>;
    } else fail(node, where);
  }
  const order = [...new Set(figures)];
  const missing = order.filter((id) => !(id in models));
  if (missing.length > 0) throw new ConvertError(`Report print page: no figure model for ${missing.join(', ')}`);
  // The appendix before the sources: the bibliography closes the report, as in print.
  const sources = out.findIndex((line) => line.startsWith('#sources('));
  out.splice(sources === -1 ? out.length : sources, 0, '#appendix()');
  out.push(backCover);
  const ownSurvey = elements(main.children).some(
    (n) => attr(n, 'dataCover') !== undefined && attr(n, 'dataOwnSurvey') !== undefined,
  );
  return { source: `${out.join('\n\n')}\n`, models, figureOrder: order, ownSurvey };
}

/** An address as a reference prints it: host and path, without scheme, query, fragment or final slash. */
export function shortUrl(url: string): string {
  const { host, pathname } = new URL(url);
  return `${host}${pathname}`.replace(/\/$/, '');
}

/**
 * One entry of the sources as a reference: who (author, outlet, date) in bold, the title in italics with how it
 * was read, how to get it, and its address as host and path, linked. A source without a title, or with an
 * address for a title, stops the build: a reader cannot find a reference by its link alone.
 */
function reference(li: Element, used: Element | undefined, ctx: Context): string {
  const children = li.children.filter((n) => n !== used);
  const title = elements(children).find((n) => n.tagName === 'em');
  const titleText = title ? collapse(textOf(title)).trim() : '';
  if (!titleText || /^(?:https?:\/\/|www\.)|^[\w-]+(?:\.[\w-]+)+\/\S*$/i.test(titleText))
    fail(
      li,
      ctx.where,
      `has ${titleText ? `an address for a title ("${titleText}")` : 'no title'}: give the source its title in the series' sources`,
    );
  const byline = elements(children).find((n) => n.tagName === 'span');
  const link = elements(children).find((n) => n.tagName === 'a');
  const href = link && attr(link, 'href');
  // What stands between the title and the address: its full stop and how to get it ("Available from its publisher.").
  const rest = children.filter((n) => n !== byline && n !== title && n !== link);
  const who = byline ? collapse(textOf(byline)).trim().replace(/:$/, '') : '';
  return [
    // A byline ending in an abbreviation ("Inc.") takes no second full stop.
    who ? `#strong[${escapeMarkup(bindNumbers(who))}]${who.endsWith('.') ? '' : '.'}` : '',
    `#emph[${inline(title!.children, ctx).trim()}]${inline(rest, ctx).trim()}`,
  ]
    .filter(Boolean)
    .join(' ')
    .concat(href ? `#source-url(${typstString(href)}, ${typstString(shortUrl(href))})` : '');
}

function findMain(node: Root | Element): Element | undefined {
  for (const child of elements(node.children)) {
    if (child.tagName === 'main' && attr(child, 'dataReport') !== undefined) return child;
    const found = findMain(child);
    if (found) return found;
  }
  return undefined;
}
