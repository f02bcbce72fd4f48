import type { Figure } from '../schema/figure.ts';
import { chartBoxes } from './chart.ts';
import { CARD_COLOURS } from './colours.ts';
import { box, text, type CardNode } from './element.ts';

/**
 * The social images' layouts, as Satori element trees: pure functions of the page's data. A trend
 * card shows its position, title and key chart (or its summary, without a figure); an overview card
 * (home page, series index, report page) shows a title and up to three headline numbers.
 */

export const CARD_SIZE = { width: 1200, height: 630 } as const;
/** The font families the cards are set in, the site's own (loaded by the renderer): text and headings. */
export const CARD_FONT = 'Source Sans 3';
export const CARD_HEADING_FONT = 'Source Serif 4';

const PADDING = { x: 64, y: 52 };
const INNER = CARD_SIZE.width - 2 * PADDING.x;
const TEXT_COLUMN = 470;
const GAP = 56;

export interface TrendCard {
  kind: 'trend';
  /** Short title of the series. */
  series: string;
  position: number;
  total: number;
  title: string;
  summary: string;
  /** The trend's key figure; without one the card shows the summary. */
  figure?: Figure | undefined;
  /** The chart's title above it, left out where it repeats the card's headline. */
  chartTitle?: string | undefined;
  /** Under the chart: what it measures and of whom, and its source line (a shared image travels alone). */
  credit?: string | undefined;
  /** Bottom line: the site's name and the edition. */
  footer: string;
}

export interface OverviewCard {
  kind: 'overview';
  /** Line above the title, e.g. "Third annual edition". */
  eyebrow: string;
  title: string;
  subtitle: string;
  /** Up to three headline numbers: a formatted value and what it counts. */
  numbers: { value: string; label: string }[];
  /** Under the numbers: the survey, who reported them, and their base. */
  credit?: string | undefined;
  footer: string;
}

export type Card = TrendCard | OverviewCard;

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
    box({ flexGrow: 1, flexShrink: 1, minHeight: 0, paddingBottom: 24, width: INNER }, body),
    box(
      { borderTop: `2px solid ${CARD_COLOURS.rule}`, paddingTop: 18, width: INNER, flexShrink: 0 },
      text(card.footer, { fontSize: 22, color: CARD_COLOURS.muted }),
    ),
  );
}

function trendBody(card: TrendCard): CardNode {
  const kicker = box(
    { flexDirection: 'column', gap: 4 },
    text(`Trend ${card.position} of ${card.total}`, { fontSize: 26, fontWeight: 700, color: CARD_COLOURS.accent }),
    text(card.series, { fontSize: 22, color: CARD_COLOURS.muted }, 2),
  );
  if (!card.figure) {
    return box(
      { flexDirection: 'column', gap: 28, width: INNER },
      kicker,
      text(card.title, { fontSize: 52, fontWeight: 700, fontFamily: CARD_HEADING_FONT, lineHeight: 1.15 }, 3),
      text(card.summary, { fontSize: 30, lineHeight: 1.4, color: CARD_COLOURS.muted }, 4),
    );
  }
  const chartWidth = INNER - TEXT_COLUMN - GAP;
  return box(
    { gap: GAP, width: INNER },
    box(
      { flexDirection: 'column', gap: 24, width: TEXT_COLUMN },
      kicker,
      text(card.title, { fontSize: 40, fontWeight: 700, fontFamily: CARD_HEADING_FONT, lineHeight: 1.2 }, 6),
    ),
    box(
      { flexDirection: 'column', gap: 16, width: chartWidth, justifyContent: 'center' },
      ...(card.chartTitle
        ? [text(card.chartTitle, { fontSize: 24, fontWeight: 700, color: CARD_COLOURS.text }, 2)]
        : []),
      chartBoxes(card.figure, chartWidth),
      ...(card.credit ? [text(card.credit, { fontSize: 17, lineHeight: 1.3, color: CARD_COLOURS.muted }, 5)] : []),
    ),
  );
}

function overviewBody(card: OverviewCard): CardNode {
  const numbers = card.numbers.slice(0, 3).map((n) =>
    box(
      { flexDirection: 'column', gap: 6, width: (INNER - 2 * 40) / 3 },
      text(n.value, {
        fontSize: card.credit ? 52 : 64,
        fontWeight: 700,
        fontFamily: CARD_HEADING_FONT,
        color: CARD_COLOURS.accent,
      }),
      text(n.label, { fontSize: 22, lineHeight: 1.3, color: CARD_COLOURS.muted }, 2),
    ),
  );
  return box(
    { flexDirection: 'column', gap: card.credit ? 12 : 20, width: INNER },
    text(card.eyebrow, { fontSize: 26, fontWeight: 700, color: CARD_COLOURS.accent }),
    text(
      card.title,
      { fontSize: card.credit ? 48 : 54, fontWeight: 700, fontFamily: CARD_HEADING_FONT, lineHeight: 1.12 },
      2,
    ),
    text(card.subtitle, { fontSize: card.credit ? 25 : 28, lineHeight: 1.3, color: CARD_COLOURS.muted }, 2),
    box({ gap: 40, marginTop: 'auto' }, ...numbers),
    ...(card.credit ? [text(card.credit, { fontSize: 18, lineHeight: 1.3, color: CARD_COLOURS.muted }, 2)] : []),
  );
}
