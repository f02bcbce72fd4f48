import type { Figure } from '../schema/figure.ts';
import { chartBoxes } from './chart.ts';
import { CARD_COLOURS } from './colours.ts';
import { box, FOOTER_KEY, text, type CardNode, type Style } from './element.ts';

/**
 * The social images' layouts, as Satori element trees: pure functions of the page's data. A trend
 * card shows its series and position, its headline across the card and its key chart under it (or, without a
 * figure, the headline alone, larger; or, for one value, the number beside what it counts as the headline); an
 * overview card (home page, series index, report page, sources page) shows a title and one chart, numbers or
 * contents. Every headline is 56 px or more in at most three lines, so that it reads on a 300 px wide feed preview;
 * the base and the dated source of what a card shows are one text across its foot, in two lines at most.
 */

export const CARD_SIZE = { width: 1200, height: 630 } as const;
/** The font families the cards are set in, the site's own (loaded by the renderer): text and headings. */
export const CARD_FONT = 'Source Sans 3';
export const CARD_HEADING_FONT = 'Source Serif 4';
/**
 * Smallest size of the credit (base and source) line: 14 px when the card is shown 600 px wide, as a feed
 * shows a shared link; on a 300 px thumbnail the headline and the chart carry the card.
 */
export const CREDIT_SIZE = 28;
/** Size of the footer (the site's name and the edition). */
export const FOOTER_SIZE = 24;
/**
 * Sizes of every card's headline, largest first: 56 px at least, about 14 px when a feed shows the card 300 px
 * wide, in at most `HEADLINE_LINES` lines across the card (review round 5: headlines unreadable at feed size).
 */
export const HEADLINE_SIZES = [64, 60, 56];
export const HEADLINE_LINES = 3;
/** Size of a base too long to join the source line (an own survey's chart subtitle), under the eyebrow. */
const BASE_SIZE = 24;

/** The card's margins (the top one includes the 12 px accent rule). */
export const CARD_PADDING = { x: 64, y: 40 } as const;
const PADDING = CARD_PADDING;
/** Size of the one number of an overview card. */
const NUMBER_SIZE = 120;
/** Size of a one-number trend card's number, beside its label set as the headline. */
const HEADLINE_NUMBER_SIZE = 190;
/**
 * Sizes of what a one-number trend card's number counts, set as its headline beside it: as large as fits in three
 * lines, to fill the card (social cards round 2: at 64 px a third of the card was white), 56 px at least.
 */
const NUMBER_HEADLINE_SIZES = [84, 80, 76, 72, 68, 64, ...HEADLINE_SIZES.slice(1)];
const INNER = CARD_SIZE.width - 2 * PADDING.x;

export interface TrendCard {
  kind: 'trend';
  /** Title of the series (the alternative text names it). */
  series: string;
  /** Short name of the series, at the head of the eyebrow ("ML trends 2021 · Trend 5 of 10"). */
  shortSeries: string;
  position: number;
  total: number;
  title: string;
  summary: string;
  /** The trend's key figure, where it has several values; drawn as a chart under the headline. */
  figure?: Figure | undefined;
  /**
   * The key number of a trend whose key figure is a single value: its value and what it counts (the trend's
   * `keyFigure.counts`, else the row's label); its base is in the credit, with the source.
   */
  number?: { value: string; label: string } | undefined;
  /**
   * The chart's category labels as drawn (footnote marks included), in the chart's order; an empty label
   * is not drawn (a single number whose label would say the headline again).
   */
  labels?: string[] | undefined;
  /**
   * At the card's foot: what the chart or number measures and of whom, and its source line, dated (a shared image
   * travels alone).
   */
  credit?: string | undefined;
  /** Bottom line: the site's name, and whose survey the edition is. */
  footer: string;
  /**
   * Categories the chart draws at most (`MAX_ROWS` unless set): the renderer draws the card again with fewer
   * where its text does not fit with them all (`cardVariants` in fit.ts).
   */
  maxRows?: number | undefined;
  /**
   * Tighter rows and wider labels: the renderer tries this before it leaves a category out, so that a card
   * draws every bar where they fit (review round 7: "and 2 more in the article" under two bars of four).
   */
  compact?: boolean | undefined;
}

export interface OverviewCard {
  kind: 'overview';
  /** Line above the title, e.g. "The full report · free PDF". */
  eyebrow: string;
  title: string;
  /** A line under the title, where there is one. */
  subtitle?: string | undefined;
  /**
   * The one number the card shows: a formatted value, what it counts and, where its row has a previous
   * edition's value, the comparison ("up from 71% in the previous edition").
   */
  number?: { value: string; label: string; comparison?: string } | undefined;
  /**
   * Several numbers side by side, each over what it counts (a home page or series index without a lead chart
   * of several values: the key numbers).
   */
  numbers?: { value: string; label: string }[] | undefined;
  /**
   * One chart under the title (the home page's and the series index's lead chart), drawn as a trend card
   * draws its own: one idea per card (review round 7: three numbers from three questions on one card).
   */
  figure?: Figure | undefined;
  /** The chart's labels as drawn, footnote marks included (`cardLabels`). */
  labels?: string[] | undefined;
  /** Tighter chart rows, and how many rows at most: as a trend card's (`cardVariants`). */
  compact?: boolean | undefined;
  maxRows?: number | undefined;
  /** Under the number: its base and source. */
  credit?: string | undefined;
  /** The report's contents: its parts by title, numbered, one a line (the report page's card). */
  contents?: string[] | undefined;
  footer: string;
}

export type Card = TrendCard | OverviewCard;

/**
 * Average advance of a character, in ems, a little over the fonts' own (Source Sans 3 regular about 0.47,
 * Source Serif 4 bold about 0.53), with a margin for words that do not fill a line.
 */
const ADVANCE = { text: 0.5, heading: 0.58 };

/** How many lines `content` takes at `fontSize` in `width` px, estimated from its length (never fewer than 1). */
export function estimatedLines(content: string, fontSize: number, width: number, heading = false): number {
  const perLine = Math.floor(width / (fontSize * (heading ? ADVANCE.heading : ADVANCE.text)));
  let lines = 1;
  let used = 0;
  for (const word of content.split(/\s+/).filter(Boolean)) {
    const add = used === 0 ? word.length : word.length + 1;
    if (used + add > perLine && used > 0) {
      lines += 1;
      used = word.length;
    } else used += add;
  }
  return lines;
}

/**
 * A block of text fitted to `width` and `lines`: the largest of `sizes` at which it is estimated to fit,
 * else the smallest. Its width is fixed, so a test can check the fit on the element tree.
 */
export function fitted(content: string, width: number, sizes: number[], lines: number, style: Style = {}): CardNode {
  const heading = style.fontFamily === CARD_HEADING_FONT;
  const size = sizes.find((s) => estimatedLines(content, s, width, heading) <= lines) ?? sizes.at(-1)!;
  return text(content, { ...style, fontSize: size, width }, lines);
}

/** The element tree of a card, 1200×630. */
export function cardElement(card: Card): CardNode {
  const body = card.kind === 'trend' ? trendBody(card) : overviewBody(card);
  return box(
    {
      width: CARD_SIZE.width,
      height: CARD_SIZE.height,
      boxSizing: 'border-box',
      flexDirection: 'column',
      background: CARD_COLOURS.ground,
      color: CARD_COLOURS.text,
      fontFamily: CARD_FONT,
      borderTop: `12px solid ${CARD_COLOURS.accent}`,
      paddingTop: PADDING.y - 12,
      paddingBottom: PADDING.y,
      paddingLeft: PADDING.x,
      paddingRight: PADDING.x,
    },
    box({ flexGrow: 1, flexShrink: 1, minHeight: 0, paddingBottom: 16, width: INNER }, body),
    {
      ...box(
        { borderTop: `2px solid ${CARD_COLOURS.rule}`, paddingTop: 16, width: INNER, flexShrink: 0 },
        fitted(card.footer, INNER, [FOOTER_SIZE], 1, { color: CARD_COLOURS.muted }),
      ),
      key: FOOTER_KEY,
    },
  );
}

/** A card's credit cut into its base ("Base not published") and its source line ("Source: …"). */
export function splitCredit(credit: string | undefined): { base?: string; source?: string } {
  if (!credit) return {};
  const at = credit.indexOf('Source:');
  if (at <= 0) return { source: credit };
  return { base: credit.slice(0, at).trim().replace(/\.$/, ''), source: credit.slice(at) };
}

/** Lines the credit (base and source together) takes at most: no block of small text in three (issue 20). */
export const CREDIT_LINES = 2;

/** A survey's size held together on a line ("survey of 403" never breaks). */
const unbroken = (line: string) => line.replace(/\bsurvey of \d+/g, (part) => part.replace(/ /g, '\u00a0'));

/** A credit text across the card: 30 px where it fits, never under 28 (14 px at 600 px wide), in two lines at most. */
const creditText = (content: string) =>
  fitted(unbroken(content), INNER, [CREDIT_SIZE + 2, CREDIT_SIZE], CREDIT_LINES, {
    lineHeight: 1.3,
    color: CARD_COLOURS.muted,
  });

/**
 * A card's credit laid out: its base and its dated source line as one text at the card's foot where the two fit
 * in two lines (social cards round 2: "Base not published" beside the position read as a tag); else (a chart's long
 * subtitle, as an own survey's) the base `above`, under the eyebrow in two lines at most, and the source at the foot.
 */
function creditParts(credit: string | undefined): { above?: CardNode; foot: CardNode[] } {
  const { base, source } = splitCredit(credit);
  if (!base) return { foot: source ? [creditText(source)] : [] };
  const together = `${base}. ${source ?? ''}`.trim();
  if (!source || estimatedLines(together, CREDIT_SIZE, INNER) <= CREDIT_LINES) return { foot: [creditText(together)] };
  return {
    above: fitted(base, INNER, [BASE_SIZE], 2, { color: CARD_COLOURS.muted, lineHeight: 1.2 }),
    foot: [creditText(source)],
  };
}

/** The credit at the foot of an overview card: base and source together, else the base over the source. */
const creditLine = (credit: string) => {
  const { above, foot } = creditParts(credit);
  return box({ flexDirection: 'column', gap: 4, width: INNER }, ...(above ? [above] : []), ...foot);
};

const HEADING: Style = { fontWeight: 700, fontFamily: CARD_HEADING_FONT, lineHeight: 1.08 };

/** A card's headline across the card: 56 px or more, in at most three lines. */
const headline = (title: string, width = INNER, sizes = HEADLINE_SIZES, lines = HEADLINE_LINES) =>
  fitted(title, width, sizes, lines, HEADING);
/** Lines of the report card's title: its own words, as long as the editors made them. */
export const REPORT_TITLE_LINES = 4;
/**
 * A card with no chart gives its headline the room: up to 84 px, in up to four lines (review round 8: at three
 * lines a long headline fell to 68 px and left a band empty above and below it).
 */
const WORDS_HEADLINE_SIZES = [84, 80, 76, 68, ...HEADLINE_SIZES];
export const WORDS_HEADLINE_LINES = 4;
/** An overview card of words alone sets its (short) title larger still: "Sources and method" at 112 px. */
const WORDS_TITLE_SIZES = [112, 104, 96, 88, ...WORDS_HEADLINE_SIZES];

/** The eyebrow of a card, in the series' blue, bold. */
const eyebrowText = (content: string) =>
  text(content, { fontSize: 26, fontWeight: 700, color: CARD_COLOURS.accent, flexShrink: 0 });

function trendBody(card: TrendCard): CardNode {
  // The series by its short name before the position: a card shared alone names its series where it is read
  // first, not only in the small footer (social cards round 2).
  const eyebrow = eyebrowText(`${card.shortSeries} · Trend ${card.position} of ${card.total}`);
  const { above, foot: credit } = creditParts(card.credit);
  const kicker = above ? box({ flexDirection: 'column', gap: 4, width: INNER }, eyebrow, above) : eyebrow;
  // The credit follows what it credits, not pushed to the card's foot (review round 6: a dead band above it).
  const foot = credit.length > 0 ? [box({ width: INNER }, ...credit)] : [];
  if (card.number) {
    // One value: the number large, with what it counts beside it as the card's headline, set to fill the card
    // (social cards round 2: a number and a headline of 64 px left a third of the card white); no deck (review of
    // issue 20: a four-line deck under the number was unreadable at feed size). The trend's headline, which says
    // the number in words, is the shared link's title, not the card's (round 16).
    return box(
      { flexDirection: 'column', gap: 18, width: INNER, flexGrow: 1 },
      kicker,
      box(
        { flexDirection: 'column', gap: 36, width: INNER, flexGrow: 1, justifyContent: 'center' },
        numberRow(card.number.value, card.number.label, [], true),
        ...foot,
      ),
    );
  }
  if (!card.figure) {
    // No chart: the headline alone, not the page's deck copied under it (review round 6), with its source
    // line centred in the room under the position (review round 7: a top-heavy card, half empty below).
    return box(
      { flexDirection: 'column', gap: 18, width: INNER, flexGrow: 1 },
      kicker,
      box(
        { flexDirection: 'column', gap: 18, width: INNER, flexGrow: 1, justifyContent: 'center' },
        fitted(card.title, INNER, WORDS_HEADLINE_SIZES, WORDS_HEADLINE_LINES, HEADING),
        ...foot,
      ),
    );
  }
  // The headline carries the finding; the chart under it, across the card, shows it; no chart title.
  return box(
    { flexDirection: 'column', gap: 14, width: INNER, flexGrow: 1 },
    kicker,
    // Compact (tried before a bar is left out): the headline at its smallest size, to leave the chart its rows.
    headline(card.title, INNER, card.compact ? HEADLINE_SIZES.slice(-1) : HEADLINE_SIZES),
    chartBoxes(card.figure, INNER, card.labels, card.maxRows, card.compact),
    ...foot,
  );
}

/**
 * Key numbers side by side, each in its own column over its label: no number reads as another's, and none is
 * drawn on a line of its own (round 12: a dot on a line said nothing its number did not).
 */
function numbersRow(numbers: NonNullable<OverviewCard['numbers']>, rows = false): CardNode {
  const gap = 40;
  const width = Math.floor((INNER - gap * (numbers.length - 1)) / numbers.length);
  const value = (v: string) =>
    text(v, {
      fontSize: 52,
      fontWeight: 700,
      fontFamily: CARD_HEADING_FONT,
      color: CARD_COLOURS.accent,
      lineHeight: 1,
    });
  // Compact (tried where a label takes three lines in its column): the numbers one a row, each label beside its
  // number in two lines at most (the design review of issue 20: no small text of three lines on a card).
  if (rows) {
    // As wide as the widest value is estimated to run, at least 200 px: two groups' values ("62% vs 21%", a key
    // number that contrasts them) wrapped in 200 px and pushed the card's text over its footer.
    const widest = Math.max(...numbers.map((n) => n.value.length));
    const valueWidth = Math.max(200, Math.ceil(widest * 52 * ADVANCE.heading));
    return box(
      { flexDirection: 'column', gap: 10, width: INNER },
      ...numbers.map((n) =>
        box(
          { gap: 24, alignItems: 'center', width: INNER, borderTop: `2px solid ${CARD_COLOURS.rule}`, paddingTop: 8 },
          box({ width: valueWidth, flexShrink: 0 }, value(n.value)),
          fitted(n.label, INNER - valueWidth - 24, [26, 24], 2, { lineHeight: 1.2 }),
        ),
      ),
    );
  }
  return box(
    { gap, width: INNER, alignItems: 'flex-start' },
    ...numbers.map((n) =>
      box(
        { flexDirection: 'column', gap: 6, width, borderTop: `4px solid ${CARD_COLOURS.accent}`, paddingTop: 8 },
        value(n.value),
        fitted(n.label, width, [26, 24], 2, { lineHeight: 1.2 }),
      ),
    ),
  );
}

/** The report's parts, one a line under a rule, as its contents page lists them. */
const contentsList = (parts: readonly string[], compact = false): CardNode =>
  box(
    { flexDirection: 'column', gap: 2, width: INNER, borderTop: `4px solid ${CARD_COLOURS.accent}`, paddingTop: 6 },
    ...parts.map((part) => fitted(part, INNER, compact ? [26] : [28, 26], 1, { lineHeight: compact ? 1.1 : 1.15 })),
  );

/**
 * A number large, with what it counts beside it and, muted under that, its base or a comparison. The value
 * takes its own width ("47.4%" as much as "83%"; never cut); the label is fitted to the rest, estimated
 * generously (digits about 0.6 em in the bold serif, "%" nearly 1 em). On a trend's card the label is its headline,
 * set as large as it fits in three lines, down to 56 px.
 */
function numberRow(value: string, label: string, notes: readonly string[], asHeadline = false): CardNode {
  const size = asHeadline ? HEADLINE_NUMBER_SIZE : NUMBER_SIZE;
  const valueWidth = Math.ceil(value.length * size * 0.75);
  const width = INNER - valueWidth - 32;
  return box(
    { gap: 32, alignItems: 'center', width: INNER },
    text(value, {
      fontSize: size,
      fontWeight: 700,
      fontFamily: CARD_HEADING_FONT,
      color: CARD_COLOURS.accent,
      lineHeight: 1,
      flexShrink: 0,
    }),
    box(
      { flexDirection: 'column', gap: 8, width },
      // On a trend's card what the number counts is its headline: set as one, 56 px or more.
      asHeadline
        ? headline(label, width, NUMBER_HEADLINE_SIZES)
        : fitted(label, width, [40, 36, 32], 2, { lineHeight: 1.2 }),
      ...notes.map((note) => fitted(note, width, [32, 30, 28], 1, { lineHeight: 1.2, color: CARD_COLOURS.muted })),
    ),
  );
}

function overviewBody(card: OverviewCard): CardNode {
  const number = card.number;
  // The report's contents take four lines, and key numbers three: the blocks sit closer to leave them the room.
  // Compact contents (the report card with its survey line): closer still, the title at its smallest size.
  const gap = card.contents && card.compact ? 8 : card.contents || card.numbers ? 12 : 18;
  const column: Style = { flexDirection: 'column', gap, width: INNER };
  const eyebrow = eyebrowText(card.eyebrow);
  // Words alone (the sources card): the title and its line set large, to fill the card (social cards round 2: a
  // title of 64 px and a line of 30 px left it half empty).
  const words = !card.figure && !card.contents && !card.number && !card.numbers;
  const blocks = [
    // A report's title is its title, never cut or reworded: a fourth line at the smallest size where it needs one.
    card.contents && !HEADLINE_SIZES.some((size) => estimatedLines(card.title, size, INNER, true) <= HEADLINE_LINES)
      ? headline(card.title, INNER, HEADLINE_SIZES.slice(-1), REPORT_TITLE_LINES)
      : words
        ? headline(card.title, INNER, WORDS_TITLE_SIZES)
        : headline(card.title, INNER, card.compact ? HEADLINE_SIZES.slice(-1) : HEADLINE_SIZES),
    ...(card.subtitle
      ? [
          words
            ? fitted(card.subtitle, INNER, [48, 44, 40, 36], 2, { lineHeight: 1.2 })
            : fitted(card.subtitle, INNER, card.compact ? [28] : [30, 28], 2, {
                lineHeight: card.compact ? 1.2 : 1.3,
                color: CARD_COLOURS.muted,
              }),
        ]
      : []),
    ...(number ? [numberRow(number.value, number.label, number.comparison ? [number.comparison] : [])] : []),
    ...(card.contents?.length ? [contentsList(card.contents, card.compact)] : []),
    ...(card.numbers ? [numbersRow(card.numbers, card.compact)] : []),
    ...(card.figure ? [chartBoxes(card.figure, INNER, card.labels, card.maxRows, card.compact)] : []),
    ...(card.credit ? [creditLine(card.credit)] : []),
  ];
  // A card without a chart or contents (the home page's numbers, the sources page's words) is centred under its
  // eyebrow, not left with an empty lower third.
  if (card.figure || card.contents) return box(column, eyebrow, ...blocks);
  return box({ ...column, flexGrow: 1 }, eyebrow, box({ ...column, flexGrow: 1, justifyContent: 'center' }, ...blocks));
}
