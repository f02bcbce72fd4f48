import { describe, expect, it } from 'vitest';
import { cardKey } from '../../src/integrations/social-images/cache.ts';
import { CardOverflowError, cardSvg, drawCard } from '../../src/integrations/social-images/draw.ts';
import { cardAlt } from '../../src/lib/social-image/alt.ts';
import type { TrendCard } from '../../src/lib/social-image/card.ts';
import { CARD_COLOURS } from '../../src/lib/social-image/colours.ts';
import { BAR_TEXT, drawsOneValue, MAX_ROWS } from '../../src/lib/social-image/chart.ts';
import { keyFigureOf, leadNumber, socialImagePath, trendCard } from '../../src/lib/social-image/cards.ts';
import { seriesSources } from '../../src/lib/trend-sources.ts';
import { readSite } from '../../src/lib/content/files.ts';
import { readSummaries } from '../../src/lib/content/summaries.ts';
import {
  CARD_HEADING_FONT,
  WORDS_HEADLINE_LINES,
  REPORT_TITLE_LINES,
  CREDIT_SIZE,
  CREDIT_LINES,
  cardElement,
  splitCredit,
  estimatedLines,
  type Card,
} from '../../src/lib/social-image/card.ts';
import type { CardChild, CardNode } from '../../src/lib/social-image/element.ts';
import satori from 'satori';
import { CARD_SIZE } from '../../src/lib/social-image/card.ts';
import { cardOverflow, cardVariants, unclamped, type LaidOutNode } from '../../src/lib/social-image/fit.ts';
import { FOOTER_KEY, box, slashesJoined, text } from '../../src/lib/social-image/element.ts';
import { cardFonts } from '../../src/integrations/social-images/fonts.ts';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';
import { drawNamed } from '../../src/integrations/social-images/index.ts';
import { cardDrawer } from '../../src/integrations/social-images/draw-pool.ts';
import { formatPercent } from '../../src/lib/format.ts';
import { midSentence } from '../../src/lib/chart/summary.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { articleSlug } from '../../src/lib/content/article-slug.ts';
import type { SeriesSummary } from '../../src/lib/series-summary.ts';
import { barsFigure, manyRows, nestedFigure, numberFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';

const card = (overrides: Partial<TrendCard> = {}): TrendCard => ({
  kind: 'trend',
  series: '2021 enterprise trends in machine learning',
  shortSeries: 'ML trends 2021',
  position: 8,
  total: 10,
  title: 'Infrastructure leaders are the group most often setting ML priorities',
  summary: 'Asked who sets AI/ML priorities, respondents named infrastructure and operations leaders most often.',
  figure: barsFigure(),
  footer: 'ML Trends · Third annual edition',
  ...overrides,
});

/** Widths of the rects Satori drew in a fill colour (bars, segments and their key's 24 px swatches). */
function filled(svg: string, colour: string): number[] {
  return [...svg.matchAll(new RegExp(`<rect [^>]*width="([\\d.]+)"[^>]*fill="${colour}"`, 'g'))].map((m) =>
    Number(m[1]),
  );
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the social image of a trend', () => {
  it('is a 1200×630 PNG', async () => {
    expect(pngSize(await drawCard(card()))).toEqual({ width: 1200, height: 630 });
  });

  it('draws one bar per row of the key figure, each as long as its value, the finding’s blue and the rest grey', async () => {
    const svg = await cardSvg(card());
    // The first row is the finding (as on the site): blue; the others muted grey.
    const finding = filled(svg, CARD_COLOURS.accent);
    const others = filled(svg, CARD_COLOURS.mid);
    expect(finding).toHaveLength(1);
    expect(others).toHaveLength(3);
    const bars = [...finding, ...others];
    const values = [57, 39, 35, 31];
    bars.forEach((width, i) => expect(width / bars[0]!).toBeCloseTo(values[i]! / values[0]!, 2));
  });

  it('draws a paired figure as the site does: this edition in colour, the previous in grey, named inside the first pair', async () => {
    const figure = pairedFigure();
    const svg = await cardSvg(card({ figure }));
    // One bar per row and edition, and no legend swatch.
    expect(filled(svg, CARD_COLOURS.accent)).toHaveLength(figure.rows.length);
    expect(filled(svg, CARD_COLOURS.neutral)).toHaveLength(figure.rows.length);
    const texts = cardTexts(card({ figure }));
    expect(texts.filter((t) => t === '2021 edition')).toHaveLength(1);
    expect(texts.filter((t) => t === '2020 edition')).toHaveLength(1);
    // Each edition's name is written inside its own bar, so both names start at the bars' common edge.
    const bars = boxes(card({ figure })).filter((b) => typeof b.props.style.background === 'string');
    const holding = (name: string) => bars.filter((b) => cardTextsOf(b).includes(name)).at(-1)?.props.style.background;
    expect(holding('2021 edition')).toBe(CARD_COLOURS.accent);
    expect(holding('2020 edition')).toBe(CARD_COLOURS.neutral);
  });

  it('draws a stacked figure as one bar of segments that fill the width, the first blue and the rest grey', async () => {
    const figure = stackedFigure();
    const svg = await cardSvg(card({ figure }));
    // Increased (the finding), Stayed the same (derived: hatched), Decreased (grey), as on the site.
    const colours = [CARD_COLOURS.accent, CARD_COLOURS.hatch, CARD_COLOURS.mid];
    const segments = colours.map((colour) => filled(svg, colour).filter((w) => w > 30)[0]!);
    const total = segments.reduce((a, b) => a + b, 0);
    figure.rows.forEach((row, i) => expect(segments[i]! / total).toBeCloseTo(row.value / 100, 2));
    // Each part named directly under it, its value once (inside the bar): no legend repeating the values.
    const texts = cardTexts(card({ figure }));
    expect(texts).toContain('Stayed the same (derived)');
    expect(texts.filter((t) => t.includes('30%'))).toEqual(['30%']);
  });

  it('draws a nested figure as one 100% bar of the parts its answers make, never as independent bars', async () => {
    const figure = nestedFigure();
    const svg = await cardSvg(card({ figure }));
    // 27% increased; 76 − 27 = 49% did not reduce but did not increase (derived); 100 − 76 = 24% the rest.
    // Both derived parts on one grey, in bar order (round 14: the 49% was a pale blue, read as a finding), in two
    // patterns (round 16: one hatching for both read as one part).
    const parts = [filled(svg, CARD_COLOURS.accent)[0]!, ...filled(svg, CARD_COLOURS.hatch).filter((w) => w > 30)];
    expect(svg).toContain('<pattern');
    const total = parts.reduce((a, b) => a + b, 0);
    expect(parts.map((w) => Math.round((100 * w) / total))).toEqual([27, 49, 24]);
    // No bar of 76% beside one of 27%: the outer answer is a bracket over its parts, named with its share.
    expect(filled(svg, CARD_COLOURS.accent).filter((w) => w > 30)).toHaveLength(1);
    const texts = cardTexts(card({ figure }));
    expect(texts).toContain('76% did not reduce their AI/ML team');
    expect(texts).toContain('Not increased (derived)');
    expect(texts).toContain('Other answers (derived)');
    for (const value of ['27%', '49%', '24%'])
      expect(
        texts.filter((t) => t.includes(value)),
        value,
      ).toHaveLength(1);
    const bracket = boxes(card({ figure })).find((b) => b.props.style.borderLeft && b.props.style.borderRight)!;
    expect(Number(bracket.props.style.width) / total).toBeCloseTo(0.76, 2);
  });

  it(`shows at most ${MAX_ROWS} categories of a long figure`, async () => {
    const svg = await cardSvg(card({ figure: barsFigure({ multiSelect: true, rows: manyRows(9) }) }));
    const bars = [...filled(svg, CARD_COLOURS.accent), ...filled(svg, CARD_COLOURS.mid)];
    expect(bars).toHaveLength(MAX_ROWS);
  });

  it('sets bar labels and values to read at 300 px wide, drawing fewer bars and saying how many it leaves out', async () => {
    // Social cards round 2: at 300 px wide the labels of 24 px (6 px) on the I&O leaders card could not be read.
    const { card: leaders } = siteCards(process.cwd()).find(
      ({ path }) => path === '/ml-trends-2021/io-leaders/og.png',
    )!;
    const drawn = await drawnVariant(leaders);
    const bars = drawn.kind === 'trend' ? (drawn.maxRows ?? MAX_ROWS) : 0;
    const labels = cardBlocks(drawn).filter((b) => leaders.kind === 'trend' && leaders.labels?.includes(b.text));
    expect(labels.length).toBeGreaterThanOrEqual(2);
    // 8.5 px or more when the card is shown 300 px wide.
    for (const label of labels)
      expect(Number(label.style.fontSize) * (300 / 1200), label.text).toBeGreaterThanOrEqual(8.5);
    const values = cardBlocks(drawn).filter((b) => /^\d+%$/.test(b.text));
    for (const value of values) expect(Number(value.style.fontSize), value.text).toBe(BAR_TEXT);
    const left = leaders.figure!.rows.length - labels.length;
    if (left > 0) expect(cardTexts(drawn)).toContain(`and ${left} more in the article`);
    expect(labels.length).toBe(Math.min(bars, leaders.figure!.rows.length));
  });

  it('leaves a left-out row’s footnote out of the source line, and keeps a drawn row’s', () => {
    const credit = 'Base not published. Source: a survey of 10, fielded May 2020, via its blog; ¹\u00a0trade press.';
    const marked = card({ figure: pairedFigure(), labels: ['First', 'Second¹'], credit });
    const variants = cardVariants(marked);
    const oneRow = variants.find((v) => v.kind === 'trend' && v.maxRows === 1)!;
    expect(oneRow.credit).toBe('Base not published. Source: a survey of 10, fielded May 2020, via its blog.');
    const twoRows = variants.find((v) => v.kind === 'trend' && v.maxRows === 2)!;
    expect(twoRows.credit).toBe(credit);
  });

  it('never draws a single value: a one-number trend’s card is its headline and source (round 12)', async () => {
    // Round 12: a dot on a 0–100 line, labelled with the headline's words, said the headline twice.
    await expect(cardSvg(card({ figure: numberFigure() }))).rejects.toThrow(/draws a single value/);
    const figure = numberFigure();
    const trend = { ...trendOf('deployment'), keyFigure: { figure: figure.id, label: figure.rows[0]!.label } };
    const drawn = trendCard({ site, series: ml, trend, position: 1, total: 1, figures: [figure] });
    expect(drawn.figure).toBeUndefined();
    // Round 15: the number itself, and what it counts; social cards round 2: its base with the source line.
    expect(drawn.number).toEqual({ value: '76%', label: midSentence(figure.rows[0]!.label) });
    expect(drawn.credit).toMatch(/^Base not published\. Source: .*fielded November 2020.*Forbes/);
    const svg = await cardSvg(drawn);
    expect(svg.match(new RegExp(`height="3" fill="${CARD_COLOURS.muted}"`, 'g'))).toBeNull();
  });

  it('shows no chart for a trend without a figure', async () => {
    const svg = await cardSvg(card({ figure: undefined }));
    expect(filled(svg, CARD_COLOURS.accent)).toHaveLength(0);
  });

  it('says in its alternative text what it shows: position, title and the chart or the summary', () => {
    expect(cardAlt(card())).toMatch(
      /^Trend 8 of 10 in 2021 enterprise trends in machine learning: Infrastructure leaders/,
    );
    expect(cardAlt(card())).toContain('Infrastructure and operations leaders 57%');
    expect(cardAlt(card({ figure: undefined }))).toContain('respondents named infrastructure');
  });
});

describe('the key chart of a trend', () => {
  const figures = [barsFigure(), pairedFigure()];
  const trend = { figures: ['budget-growth', 'io-decision-makers'] } as Parameters<typeof keyFigureOf>[0];

  it('is its key figure where it names one, else its first figure, else none', () => {
    const keyed = { ...trend, keyFigure: { figure: 'io-decision-makers', label: 'CTOs' } };
    expect(keyFigureOf(keyed, figures)?.id).toBe('io-decision-makers');
    expect(keyFigureOf(trend, figures)?.id).toBe('budget-growth');
    expect(keyFigureOf({ ...trend, figures: [] }, figures)).toBeUndefined();
  });
});

describe('the social image cache key', () => {
  it('stays the same for the same card and changes with a value, the title or the position', () => {
    const key = cardKey(card());
    expect(cardKey(card())).toBe(key);
    const changed = barsFigure({ rows: [{ label: 'CTOs', value: 40 }] });
    expect(cardKey(card({ figure: changed }))).not.toBe(key);
    expect(cardKey(card({ title: 'Another title' }))).not.toBe(key);
    expect(cardKey(card({ position: 7 }))).not.toBe(key);
  });
});

describe('socialImagePath', () => {
  it('puts the image beside the page', () => {
    expect(socialImagePath('/')).toBe('/og.png');
    expect(socialImagePath('/s/t/')).toBe('/s/t/og.png');
    expect(socialImagePath('/s/report')).toBe('/s/report/og.png');
  });
});

/** Every text block a card lays out, in order, with its style: what Satori turns into glyphs. */
function cardBlocks(card: Card): { text: string; style: CardNode['props']['style'] }[] {
  const walk = (
    node: CardChild | CardChild[] | undefined,
    style: CardNode['props']['style'],
  ): ReturnType<typeof cardBlocks> => {
    if (node === undefined) return [];
    if (typeof node === 'string') return [{ text: node, style }];
    if (Array.isArray(node)) return node.flatMap((n) => walk(n, style));
    return walk(node.props.children, node.props.style);
  };
  return walk(cardElement(card), {});
}

/** The layout of a card the renderer draws: the first of its variants whose text fits, laid out by Satori. */
async function drawnVariant(card: Card): Promise<Card> {
  for (const variant of cardVariants(card)) {
    const nodes: LaidOutNode[] = [];
    await satori(slashesJoined(unclamped(cardElement(variant))), {
      ...CARD_SIZE,
      fonts: cardFonts(),
      onNodeDetected: (node) => nodes.push(node),
    });
    if (cardOverflow(nodes).length === 0) return variant;
  }
  throw new Error(`no layout of “${card.title}” fits`);
}

/** Every text a card lays out, in order, with no-break spaces read as spaces. */
function cardTexts(card: Card): string[] {
  return cardBlocks(card).map((b) => b.text.replace(/\u00a0/g, ' '));
}

/** Every box of a card's element tree, outermost first. */
function boxes(card: Card): CardNode[] {
  const walk = (node: CardChild | CardChild[] | undefined): CardNode[] => {
    if (node === undefined || typeof node === 'string') return [];
    if (Array.isArray(node)) return node.flatMap(walk);
    return [node, ...walk(node.props.children)];
  };
  return walk(cardElement(card));
}

/** The texts inside one box of a card. */
function cardTextsOf(node: CardNode): string[] {
  const children = node.props.children;
  const list = Array.isArray(children) ? children : children === undefined ? [] : [children];
  return list.flatMap((child) => (typeof child === 'string' ? [child] : cardTextsOf(child)));
}

/** The demonstration series' pages: a fictional survey of the site's own, with its own source line. */
const DEMO = '/platform-engineering-2024/';

/** The site, the ML series and one of its trends' frontmatter, read as the build reads them. */
const site = readSite(process.cwd());
const ml = readSummaries(process.cwd(), false).summaries.find((s) => s.id === 'ml-trends-2021')!;
/** The ML series' summary, under a name no `describe` shadows. */
const mlSeries = ml;
/** The series index's heading, what the series found (series.yaml `index.headline`). */
const INDEX_HEADLINE = ml.data.index!.headline!;
const trendOf = (slug: string) =>
  readSeriesFromDisk(process.cwd(), 'ml-trends-2021').trends.find((t) => t.file.includes(`-${slug}.mdx`))!.data;

describe('the social images of the real series (issue 20, point 15)', () => {
  const cards = siteCards(process.cwd());
  // The ML series' images: the demonstration series (an own survey) has its own source line and footer.
  const ml = cards.filter(({ path }) => !path.startsWith(DEMO));
  const trends = ml.flatMap(({ path, card }) => (card.kind === 'trend' && card.figure ? [{ path, card }] : []));
  const overview = ml.flatMap(({ path, card }) => (card.kind === 'overview' ? [{ path, card }] : []));

  it('says on every card of the demonstration series that its data are synthetic', () => {
    const demo = cards.filter(({ path }) => path.startsWith(DEMO));
    expect(demo.length).toBeGreaterThanOrEqual(6);
    for (const { path, card } of demo) {
      const texts = cardTexts(card).join(' | ');
      if (card.kind === 'trend') expect(texts, path).toContain('Synthetic data: no real respondents.');
      else expect(card.eyebrow, path).toMatch(/^Synthetic data · /);
    }
    // The ML series' cards say nothing of the kind.
    for (const { path, card } of ml) expect(cardTexts(card).join(' | '), path).not.toContain('Synthetic');
  });

  it('signs every card of the demonstration series with its own brand, and the ML series’ with the site’s', () => {
    const demo = cards.filter(({ path }) => path.startsWith(DEMO));
    for (const { path, card } of demo) {
      expect(card.footer, path).toMatch(/^Platform Survey · /);
      expect(cardTexts(card).join(' | '), path).not.toContain('ML Trends');
    }
    for (const { path, card } of ml) expect(card.footer, path).toMatch(/^ML Trends · /);
  });

  it('puts the chart’s base and source line under every trend chart, as laid out on the image', () => {
    expect(trends.length).toBeGreaterThan(0);
    for (const { path, card } of trends) {
      const texts = cardTexts(card).join(' | ');
      expect(texts, path).toMatch(/Base not published|Share of .+\(n = \d+\)/);
      // The survey's size and date and who reported the numbers (round 2: three lines of source; round 5: by the
      // outlet's name; social cards round 2: always dated, a card travels without its article).
      expect(texts, path).toMatch(/Source: Algorithmia’s survey of 403, fielded November 2020, via /);
      // The base is said once: the survey's size only in the source line.
      expect(texts.match(/survey of 403/g), path).toHaveLength(1);
      expect(cardAlt(card), path).toContain('base not published');
    }
  });

  it('names on a trend without a figure the survey and outlets of its sources, with no "not published" aside', () => {
    // The trends without a figure (a trend whose headline states its number is drawn without it, with its base).
    const words = ml.filter(
      ({ path, card }) => card.kind === 'trend' && trendOf(path.split('/')[2]!).figures.length === 0,
    );
    expect(words.map((w) => w.path.split('/')[2]).sort()).toEqual(['alignment', 'mlops', 'use-cases']);
    const survey = 'Source: Algorithmia’s survey of 403, fielded November 2020';
    for (const { path, card } of words) {
      const texts = cardTexts(card).join(' | ');
      expect(texts, path).toContain(survey);
      // Review round 5: "not published" as a device on every card without a number.
      expect(texts, path).not.toMatch(/published/i);
      expect(texts, path).not.toMatch(/\d+%/);
    }
    // Trend 3 also cites a post on the publisher's blog: "its blog", after the survey, keeps the line to one.
    const useCases = words.find((w) => w.path.endsWith('/use-cases/og.png'))!;
    expect(cardTexts(useCases.card).join(' ')).toContain(`${survey}, and its blog.`);
  });

  it('sets the source line at 28 px or more (14 px on a 600 px wide preview) and the footer at 24, on every card', () => {
    expect(CREDIT_SIZE).toBeGreaterThanOrEqual(28);
    for (const { path, card } of cards) {
      const small = cardBlocks(card).filter(
        (b) =>
          (/Source:/.test(b.text) && Number(b.style.fontSize) < 28) ||
          (/ML Trends ·/.test(b.text) && Number(b.style.fontSize) < 24),
      );
      expect(
        small.map((b) => `${b.style.fontSize}px: ${b.text}`),
        path,
      ).toEqual([]);
    }
  });

  it('sets every text on every card, chart labels and values included, at 22 px or more at 1200 px wide', () => {
    // Review round 13: chart labels must stay legible when a feed shows the card at about half its width; the
    // design review of issue 20: chart labels at 22 px at least.
    for (const { path, card } of cards) {
      const small = cardBlocks(card).filter((b) => Number(b.style.fontSize) < 22);
      expect(
        small.map((b) => `${b.style.fontSize}px: ${b.text}`),
        path,
      ).toEqual([]);
    }
  });

  it('gives the home, series and report pages each their own card (round 2: all three the same 83% card)', () => {
    expect(overview.map((o) => o.path).sort()).toEqual([
      '/ml-trends-2021/og.png',
      '/ml-trends-2021/report/og.png',
      '/ml-trends-2021/sources/og.png',
      '/og.png',
    ]);
    const of = (end: string) => overview.find((o) => o.path === end)!.card;
    const numbersOf = (c: Card) => cardTexts(c).filter((t) => /^\d+(\.\d+)?%$/.test(t));
    // The sources page's card names the page and sells no number.
    const sources = of('/ml-trends-2021/sources/og.png');
    expect(cardTexts(sources).join(' | ')).toContain('Sources and method');
    expect(numbersOf(sources)).toEqual([]);
    // Round 10: half blank; round 15: a bare title. It says what the page holds, counted as the page counts it
    // (its sources, the survey's respondents and the limits it states), and names the survey.
    const disk = readSeriesFromDisk(process.cwd(), 'ml-trends-2021');
    const listed = seriesSources(
      disk.figures,
      disk.trends.map((t) => ({ data: t.data, body: t.source })),
    ).sources.length;
    expect(listed).toBeGreaterThan(5);
    // The design review of issue 20: counts set as big numbers ("5 limits") read as a gimmick. A plain card: its
    // title, one line on what the page holds with the count of its sources, and the survey.
    expect(sources.kind === 'overview' && sources.numbers).toBeUndefined();
    expect(sources.kind === 'overview' && sources.subtitle).toContain(`the ${listed} sources the articles cite`);
    expect(cardTexts(sources).join(' | ')).toContain('Algorithmia’s survey of 403, fielded November 2020');
    // The home page: the claim the page opens on (series.yaml `home.lead`), over the chart the page draws under it
    // (social cards round 2: text alone, half white), with its base and source; not the series' three claims over
    // three numbers (after round 16).
    const home = of('/og.png');
    expect(home.title).toBe(mlSeries.homeLead!.headline);
    expect(home.kind === 'overview' && home.figure?.id).toBe(mlSeries.homeLead!.figure.id);
    expect(cardTexts(home).join(' | ')).toContain('Base not published');
    const investment = cards.find((c) => c.path === '/ml-trends-2021/investment/og.png')!.card;
    expect(home.title).not.toBe(investment.title);
    expect(cardTexts(home)).not.toEqual(cardTexts(investment));
    // The series index: its lead chart, the priority of AI/ML (several values, round 14), under that chart's own
    // finding (the design review of issue 20: the series' three-claim heading over a chart of one claim).
    const series = of('/ml-trends-2021/og.png');
    expect(series.title).toBe(series.kind === 'overview' && series.figure?.title);
    expect(series.kind === 'overview' && series.figure?.id).toBe('ai-priority-change');
    expect(series.kind === 'overview' && (series.number ?? series.numbers)).toBeUndefined();
    expect(cardTexts(series).join(' | ')).toContain('Source: Algorithmia’s survey of 403');
    // The report page: the report's title and subtitle (who ran the survey, what it sold) and its contents, no
    // number and no base line (round 15: a cover drawn in type read "2021", and the card's claim was 83% again).
    const report = of('/ml-trends-2021/report/og.png');
    expect(numbersOf(report)).toEqual([]);
    expect(report.title).toBe(mlSeries.data.report.title);
    expect(report.kind === 'overview' && report.subtitle).toBe(mlSeries.data.report.subtitle);
    expect(report.kind === 'overview' && report.contents).toEqual(
      mlSeries.data.report.parts!.map((part, i) => `${i + 1}\u2002${part.title.replace(/'/g, '’')}`),
    );
    // The series' short name ("ML trends 2021") leads the eyebrow; no other "2021" reads as the edition.
    expect(cardTexts(report).join(' | ')).not.toMatch(/base not published|(?<!ML trends )\b2021\b(?! machine)/i);
    expect(cardAlt(report)).toMatch(/Contents: 1\. Budgets rose, .*; 4\. The case for bought MLOps tools, weighed\.$/);
    // No two of the three cards show the same thing.
    const shown = [home, series, report].map((c) => cardTexts(c).slice(0, -1).join(' | '));
    expect(new Set(shown).size).toBe(3);
  });

  it('sets the headline of a trend without a figure large, to fill the card (round 8: 68 px and empty bands)', () => {
    const words = ml.filter(({ card }) => card.kind === 'trend' && !card.figure && !card.number);
    expect(words.map((w) => w.path)).toEqual(
      expect.arrayContaining(['/ml-trends-2021/use-cases/og.png', '/ml-trends-2021/mlops/og.png']),
    );
    for (const { path, card } of words) {
      const title = cardBlocks(card).find((b) => b.text === card.title)!;
      expect(Number(title.style.fontSize), path).toBeGreaterThanOrEqual(76);
    }
  });

  it('fits every text to its box: nothing is cut with an ellipsis', () => {
    // A card of several numbers is tried side by side, then one a row (`cardVariants`): one of its layouts fits.
    const overlong = (variant: Card) =>
      cardBlocks(variant).flatMap((block) => {
        const { width, fontSize, lineClamp, fontFamily } = block.style;
        if (typeof width !== 'number' || typeof lineClamp !== 'number') return [];
        const lines = estimatedLines(block.text, Number(fontSize), width, fontFamily === CARD_HEADING_FONT);
        return lines > lineClamp ? [`${block.text}: ${lines} lines, room for ${lineClamp}`] : [];
      });
    for (const { path, card } of cards) {
      const tries = (card.kind === 'overview' && card.numbers ? cardVariants(card) : [card]).map(overlong);
      expect(tries.find((problems) => problems.length === 0) ?? tries[0], path).toEqual([]);
      expect(cardTexts(card).join(' '), path).not.toContain('…');
    }
  });

  it('sets quotes and apostrophes as typographic ones on every card', () => {
    for (const { path, card } of cards) {
      const straight = cardTexts(card).filter((t) => /['"]/.test(t));
      expect(straight, path).toEqual([]);
    }
    const mlops = cards.find((c) => c.path.endsWith('/mlops/og.png'))!;
    expect(cardTexts(mlops.card).join(' ')).toContain('survey’s publisher');
  });

  it('credits the edition to the survey, not to the publication', () => {
    for (const { path, card } of ml) {
      expect(card.footer, path).toBe('ML Trends · Third annual edition of Algorithmia’s survey');
    }
    for (const { path, card } of cards.filter((c) => c.path.startsWith(DEMO))) {
      expect(card.footer, path).toBe('Platform Survey · A separate demonstration series, on a fictional survey');
    }
  });

  it('says nothing twice between the headline and the chart’s title', () => {
    for (const { path, card } of trends) {
      if (card.kind !== 'trend' || !card.figure) continue;
      const texts = cardTexts(card);
      expect(
        texts.filter((t) => t === card.title),
        path,
      ).toHaveLength(1);
      // The headline says what the card found; the chart under it has no title (round 5: the headline takes the
      // card's width to be read at feed size, and a title would say the finding a second time).
      expect(texts, path).not.toContain(card.figure.title);
    }
    // No chart title on any trend card, with a chart or drawn as its headline alone (round 9: a headline that
    // states the card's number is drawn without it).
    for (const slug of ['deployment', 'governance', 'integration']) {
      const { card } = ml.find((t) => t.path.endsWith(`/${slug}/og.png`))!;
      const figure = readSeriesFromDisk(process.cwd(), 'ml-trends-2021').figures.find(
        (f) => f.id === trendOf(slug).keyFigure!.figure,
      )!;
      expect(cardTexts(card), slug).not.toContain(figure.title);
    }
  });

  it('puts a footnote mark on the row it belongs to, and the same mark before its source', () => {
    const investment = trends.find((t) => t.path.endsWith('/investment/og.png'))!;
    const texts = cardTexts(investment.card);
    expect(texts).toContain('Increased it by more than 50%¹');
    expect(texts).toContain('Increased the AI/ML budget');
    expect(texts.join(' ')).toMatch(/; ¹ trade press/);
    for (const { path, card } of trends) {
      const marks = (cardTexts(card).join(' ').match(/[¹²³]/g) ?? []).length;
      const onRows = (card.kind === 'trend' ? (card.labels ?? []) : []).filter((l) => /[¹²³]$/.test(l)).length;
      // Every mark in the source line has its row; no row mark without its source.
      expect(marks, path).toBe(onRows * 2);
    }
  });
});

describe('a single value on a card (round 12: governance and integration drew one value as a dot on a line)', () => {
  const cards = siteCards(process.cwd());

  it('is drawn on no card: every chart a card draws has several values', () => {
    const drawn = cards.flatMap(({ path, card }) => (card.figure ? [{ path, figure: card.figure }] : []));
    expect(drawn.length).toBeGreaterThan(3);
    for (const { path, figure } of drawn) expect(drawsOneValue(figure), path).toBe(false);
  });

  it('gives a one-number trend its key number, what it counts and its base with its source (round 15: a bare label)', async () => {
    // Round 15: four cards showed only a headline and "Base not published", a label referring to nothing.
    const single = ['early-adopters', 'governance', 'integration', 'deployment'];
    const { figures } = readSeriesFromDisk(process.cwd(), 'ml-trends-2021');
    const ones = cards.filter(({ path }) => single.some((slug) => path.endsWith(`/ml-trends-2021/${slug}/og.png`)));
    expect(ones).toHaveLength(4);
    for (const { path, card } of ones) {
      const trend = trendOf(path.split('/')[2]!);
      expect(card.kind === 'trend' && card.figure, path).toBeUndefined();
      const row = figures
        .find((f) => f.id === trend.keyFigure!.figure)!
        .rows.find((r) => r.label === trend.keyFigure!.label)!;
      const texts = cardTexts(card);
      // Round 16: the headline said the number in words over the number. The design review of issue 20: no deck;
      // what the number counts is the card's headline, the row's own words where they fit, else the trend's short ones.
      expect(texts, path).not.toContain(card.title);
      expect(texts, path).not.toContain(card.kind === 'trend' && card.summary);
      expect(texts, path).toContain(formatPercent(row.value));
      expect([midSentence(row.label), trend.keyFigure!.counts], path).toContain(
        card.kind === 'trend' && card.number?.label,
      );
      // Social cards round 2: the base with the source line, one text under the number, never beside the position.
      expect(texts, path).toContainEqual(expect.stringMatching(/^Base not published\. Source: /));
      expect(
        texts.filter((t) => t.includes('Base not published')),
        path,
      ).toHaveLength(1);
      await expect(cardSvg(card), path).resolves.toContain('<svg');
    }
  });

  it('shows "Base not published" on no trend card without a number or chart', () => {
    for (const { path, card } of cards) {
      if (card.kind !== 'trend' || card.figure || card.number) continue;
      expect(cardTexts(card).join(' | '), path).not.toMatch(/Base not published/);
    }
  });

  it('keeps the charts of several values: teams, investment, I&O leaders', () => {
    for (const slug of ['teams', 'investment', 'io-leaders']) {
      const found = cards.find(({ path }) => path === `/ml-trends-2021/${slug}/og.png`)!;
      expect(found.card.figure?.id, slug).toBe(trendOf(slug).keyFigure!.figure);
    }
  });
});

describe('the one number of an overview card', () => {
  const root = process.cwd();
  const cards = siteCards(root);
  const overview = cards.flatMap(({ path, card }) =>
    card.kind === 'overview' && card.number && !path.startsWith(DEMO) ? [{ path, card }] : [],
  );

  it('heads the home card with one claim, its numbers read from the dataset, and no number of another question', () => {
    const { figures } = readSeriesFromDisk(root, 'ml-trends-2021');
    // No overview card has a single number block with a comparison.
    expect(overview).toEqual([]);
    const home = cards.find((c) => c.path === '/og.png')!.card;
    const lead = mlSeries.data.home!.lead;
    const figure = figures.find((f) => f.id === lead.figure)!;
    const row = figure.rows.find((r) => r.label === lead.label)!;
    // After round 16: the series' heading of three claims over 83%, 64% and 64%, three questions' numbers.
    expect(home.kind === 'overview' && (home.numbers ?? home.number)).toBeFalsy();
    const percents = [...home.title.matchAll(/\d+(?:\.\d+)?%/g)].map((m) => m[0]);
    expect(percents).toEqual([formatPercent(row.value), formatPercent(row.previous!)]);
    // Social cards round 2: the chart the home page draws under its claim; every value on it is that figure's.
    const values = figure.rows.flatMap((r) => [r.value, r.previous ?? r.value].map(formatPercent));
    const drawn = cardTexts(home).filter((t) => /^\d+(?:\.\d+)?%$/.test(t));
    expect(drawn.length).toBeGreaterThanOrEqual(2);
    for (const value of drawn) expect(values).toContain(value);
    expect(cardAlt(home)).toContain(`${formatPercent(row.value)} of respondents`);
  });

  it('shows no comparison for a row without a previous value', () => {
    const summary = (previous?: number) =>
      ({
        data: { title: 'A series', survey: { respondents: 403 } },
        keyNumbers: [
          {
            label: 'Prioritize AI/ML',
            value: 76,
            valueText: '76%',
            base: '',
            source: '',
            ...(previous ? { previous } : {}),
          },
        ],
      }) as unknown as SeriesSummary;
    expect(leadNumber(summary()).number).toEqual({ value: '76%', label: 'Prioritize AI/ML' });
    expect(leadNumber(summary(60)).number).toEqual({
      value: '76%',
      label: 'Prioritize AI/ML',
      comparison: 'up from 60% in the previous edition',
    });
    expect(leadNumber(summary(80)).number?.comparison).toBe('down from 80% in the previous edition');
    expect(leadNumber(summary(76)).number?.comparison).toBe('the same as in the previous edition');
  });
});

describe('the real cards after review round 6', () => {
  const cards = siteCards(process.cwd());
  const at = (path: string) => cards.find((c) => c.path === path)!.card;

  it('heads the home card with the home page’s claim, with its source', async () => {
    const home = at('/og.png');
    expect(home.title).toBe(mlSeries.homeLead!.headline);
    expect(home.kind === 'overview' && home.figure?.id).toBe(mlSeries.homeLead!.figure.id);
    expect(cardTexts(home).join(' | ')).toContain('Source:');
    // Round 12: no number on a 0–100% line of its own: no thin rules, no dots.
    const svg = await cardSvg(home);
    expect(svg.match(new RegExp(`height="3" fill="${CARD_COLOURS.muted}"`, 'g'))).toBeNull();
  });

  it('labels the teams card’s parts directly and keeps the headline’s number (three in four: 76%) on it', async () => {
    const teams = at('/ml-trends-2021/teams/og.png') as TrendCard;
    const texts = cardTexts(teams);
    expect(texts.join(' | ')).toContain('76% did not reduce their AI/ML team');
    for (const value of ['27%', '49%', '24%'])
      expect(
        texts.filter((t) => t.includes(value)),
        value,
      ).toHaveLength(1);
    // Drawn as laid out, bracket included: not the fallback with fewer rows, which leaves the bracket out.
    expect(await cardSvg(teams)).not.toBe(await cardSvg({ ...teams, maxRows: MAX_ROWS - 1 }));
  });

  it('does not copy a trend’s text deck under its headline', () => {
    for (const { path, card } of cards) {
      if (card.kind !== 'trend' || card.figure) continue;
      const texts = cardTexts(card).join(' | ');
      // A one-number card sets the deck in place of the headline (round 16), never both.
      if (card.number) expect(texts, path).not.toContain(card.title);
      else expect(texts, path).not.toContain(card.summary);
    }
  });

  it('sets the source line right under the chart or number, with no band pushed above it', () => {
    const pushed = (node: CardChild): boolean =>
      typeof node === 'object' &&
      node !== null &&
      (node.props.style?.marginTop === 'auto' ||
        (Array.isArray(node.props.children) ? node.props.children : [node.props.children]).some(
          (child) => child !== undefined && pushed(child),
        ));
    for (const { path, card } of cards) expect(pushed(cardElement(card)), path).toBe(false);
  });
});

describe('the alternative text of the real cards', () => {
  const cards = siteCards(process.cwd());
  const alt = (path: string) => cardAlt(cards.find((c) => c.path === path)!.card);

  it('says what the card shows: no chart title the card leaves out, the base once', () => {
    const deployment = alt('/ml-trends-2021/deployment/og.png');
    expect(deployment).not.toContain('Most respondents say deploying a model takes a month or more');
    // Round 12: its one number is said by the headline, not drawn; the alt reads the headline, the deck and the
    // number's base and source.
    expect(deployment).toContain(trendOf('deployment').title);
    expect(deployment.match(/base not published/gi)).toHaveLength(1);
    expect(deployment).toContain('Source: Algorithmia’s survey of 403, fielded November 2020');
  });

  it('reads the one number of an overview card as a sentence, and several as a list', () => {
    // The series index's and the home page's cards read their one chart out, as a trend card does.
    const seriesCard = cards.find((c) => c.path === '/ml-trends-2021/og.png')!.card;
    expect(alt('/ml-trends-2021/og.png')).toContain(seriesCard.title);
    expect(alt('/ml-trends-2021/og.png')).toMatch(/64%.*30% \(derived\).*6%/);
    expect(alt('/og.png')).toContain(`ML trends 2021 · 10 trends: ${mlSeries.homeLead!.headline}. Paired bar chart`);
    expect(alt('/og.png')).toMatch(/Source: Algorithmia’s survey of 403, fielded November 2020, via /);
    expect(alt('/ml-trends-2021/report/og.png')).toContain(
      `ML trends 2021 · The full report · free PDF · 10 trends: ${ml.data.report.title}.`,
    );
  });
});

describe('the fit of a card’s text, measured on Satori’s layout (issue 20 round 2: a source line over the footer)', () => {
  it('lays out every card of the real series with its text inside the card and clear of the footer’s rule', async () => {
    const failed: string[] = [];
    for (const { path, card } of siteCards(process.cwd())) {
      await cardSvg(card).catch((error: unknown) => failed.push(`${path}: ${(error as Error).message}`));
    }
    expect(failed).toEqual([]);
  });

  it('refuses a card whose source line runs over the footer, naming the text', async () => {
    const credit = `Share of respondents · base not published. ${'Source: a long outlet name, as reported by another. '.repeat(8)}`;
    const error = await cardSvg(card({ credit })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardOverflowError);
    // The base has its line; the source is held to one line (round 5), and Satori measures it running past it.
    expect((error as CardOverflowError).message).toMatch(
      /“Source: a long outlet name.*” (takes \d+ lines where it has room for 2|runs \d+ px over the footer’s rule)/,
    );
  });

  it('refuses a headline longer than its lines instead of cutting it with an ellipsis', async () => {
    const title = 'A headline that goes on '.repeat(8);
    const error = await cardSvg(card({ title, figure: undefined })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CardOverflowError);
    expect((error as CardOverflowError).message).toMatch(
      /“A headline that goes on.*” takes \d+ lines where it has room for 4/,
    );
  });

  it('stops the build with the image and the headline of a card that does not fit', async () => {
    const title = 'A headline that goes on '.repeat(8);
    const drawing = drawNamed(cardDrawer(1), { path: '/s/long/og.png', card: card({ title, figure: undefined }) });
    await expect(drawing).rejects.toThrow(
      /^Social image \/s\/long\/og\.png \(“A headline that goes on .*”\): text does not fit: /,
    );
  });

  it('sets every headline at 56 px or more in at most three lines over a chart, and the credit in two, laid out by Satori', async () => {
    // Review round 5: at feed size (a card shown about 300 px wide) the headlines of 30 to 44 px were unreadable.
    // Round 8: a card without a chart or number gives its headline four lines.
    for (const { path, card } of siteCards(process.cwd())) {
      const blocks = cardBlocks(card);
      // A one-number card has no headline (round 16): its number is what reads at feed size.
      const title =
        card.kind === 'trend' && card.number
          ? blocks.find((b) => b.text === card.number!.value)
          : blocks.find((b) => b.text === card.title);
      const report = card.kind === 'overview' && card.contents !== undefined;
      const lines = report
        ? REPORT_TITLE_LINES
        : card.kind === 'trend' && !card.figure && !card.number
          ? WORDS_HEADLINE_LINES
          : 3;
      expect(Number(title?.style.fontSize), path).toBeGreaterThanOrEqual(56);
      expect(title?.style.lineClamp, path).toBeLessThanOrEqual(lines);
      // Base and source together in two lines at most (social cards round 2: the base moved to the source line).
      const source = blocks.find((b) => b.text.includes('Source:'));
      if (source) expect(source.style.lineClamp, `${path}: ${source.text}`).toBeLessThanOrEqual(CREDIT_LINES);
      // Satori lays each text out whole and refuses one longer than its lines (see the tests above).
      await expect(cardSvg(card), path).resolves.toContain('<svg');
    }
  });

  it('centres a card without a chart between its position and its footer (round 7: alignment half empty; round 8: filled)', async () => {
    const { card: alignment } = siteCards(process.cwd()).find(
      ({ path }) => path === '/ml-trends-2021/alignment/og.png',
    )!;
    const nodes: LaidOutNode[] = [];
    await satori(unclamped(cardElement(alignment)), {
      ...CARD_SIZE,
      fonts: cardFonts(),
      onNodeDetected: (node) => nodes.push(node),
    });
    const texts = nodes.filter((n) => n.textContent?.trim());
    const position = texts.find((n) => n.textContent!.includes('Trend 7 of'))!;
    const title = texts.find((n) => alignment.title.startsWith(n.textContent!.trim()))!;
    const source = texts.find((n) => n.textContent!.startsWith('Source:'))!;
    const footer = nodes.find((n) => n.key === FOOTER_KEY)!;
    const above = title.top - (position.top + position.height);
    const below = footer.top - (source.top + source.height);
    expect(Math.abs(above - below), `${above} px above, ${below} px below`).toBeLessThan(40);
    // Round 8: the headline set large enough that no empty band above or below it is taller than one of its
    // lines (a shorter headline sets fewer lines, not a smaller type: the bands are measured against a line).
    const styled = nodes.find((n) => n.textContent === title.textContent && n.props?.style?.fontSize);
    const line = Number(styled?.props?.style?.fontSize);
    expect(line, 'the headline is set at 76 px or more').toBeGreaterThanOrEqual(76);
    expect(Math.max(above, below), `${above} px above, ${below} px below`).toBeLessThan(line * 1.08);
  });

  it('lays out a card that fits without complaint', async () => {
    await expect(cardSvg(card())).resolves.toContain('<svg');
  });
});

describe('a slash between two words on a card (round 10: “AI/” at a line’s end, “ML” on the next)', () => {
  it('never breaks the line after the slash, and keeps the text as written in the card', async () => {
    const tree = box({ width: 300 }, text('AI/ML', { fontSize: 48, width: 80 }, 3));
    const lines = async (node: CardNode) => {
      const laid: LaidOutNode[] = [];
      await satori(node, { width: 300, height: 200, fonts: cardFonts(), onNodeDetected: (n) => laid.push(n) });
      const block = laid.find((n) => n.textContent === 'AI/ML' || n.textContent === 'AI/\u2060ML')!;
      return Math.round(block.height / 60);
    };
    // Without the joiner Satori breaks after the slash in a narrow box; with it, the word stays whole.
    expect(await lines(tree)).toBe(2);
    expect(await lines(slashesJoined(tree))).toBe(1);
    expect(slashesJoined(tree)).not.toBe(tree);
    expect(cardTextsOf(tree)).toEqual(['AI/ML']);
  });
});

/** Every run of `n` words two texts share, compared in lower case without punctuation. */
function sharedPhrases(a: string, b: string, n = 4): string[] {
  const words = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}%/&\s-]/gu, ' ')
      .split(/\s+/)
      .filter(Boolean);
  const runs = (s: string) => {
    const w = words(s);
    return new Set(w.slice(0, Math.max(0, w.length - n + 1)).map((_, i) => w.slice(i, i + n).join(' ')));
  };
  const other = runs(b);
  return [...runs(a)].filter((run) => other.has(run));
}

describe('the social cards after review round 16 (issue 20)', () => {
  const cards = siteCards(process.cwd());
  const find = (path: string) => cards.find((c) => c.path === path)!.card;

  it('finds a shared phrase of four words, and none where there is none', () => {
    expect(sharedPhrases('Most needed a month or more to deploy', 'needed a month or more')).toEqual([
      'needed a month or',
      'a month or more',
    ]);
    expect(
      sharedPhrases('The leading worry bundled who may approve a model', 'named governance the top concern'),
    ).toEqual([]);
  });

  it('gives a one-number card no deck: what its number counts is the headline, with no phrase said twice', () => {
    const numbered = cards.filter(({ card }) => card.kind === 'trend' && card.number);
    expect(numbered.length).toBeGreaterThanOrEqual(4);
    for (const { path, card } of numbered) {
      if (card.kind !== 'trend' || !card.number) continue;
      const blocks = cardBlocks(card);
      const texts = blocks.map((b) => b.text);
      expect(texts, path).not.toContain(card.title);
      expect(texts, path).not.toContain(card.summary);
      // The design review of issue 20: a four-line deck at about 20 px on a feed's thumbnail. The label is set as
      // a headline, readable at 300 px wide.
      const label = blocks.find((b) => b.text === card.number!.label)!;
      expect(Number(label.style.fontSize), path).toBeGreaterThanOrEqual(56);
      // The number is the fact, the text around it the context: no long phrase said twice.
      const others = texts.filter((t) => t !== card.number!.label && t !== card.number!.value).join(' | ');
      expect(sharedPhrases(others, card.number.label), path).toEqual([]);
    }
  });

  it('draws the teams card’s two derived parts in two distinct neutral patterns, both named "(derived)"', () => {
    const teams = find('/ml-trends-2021/teams/og.png');
    const patterns = boxes(teams)
      .map((b) => b.props.style?.backgroundImage)
      .filter((image): image is string => typeof image === 'string');
    expect(patterns).toHaveLength(2);
    expect(new Set(patterns).size).toBe(2);
    expect(cardTexts(teams).filter((t) => t.endsWith('(derived)'))).toHaveLength(2);
  });

  it('names a source read in translation as the sources page does: "via Forbes, in translation"', () => {
    const governance = find('/ml-trends-2021/governance/og.png');
    expect(cardTexts(governance).join(' | ')).toMatch(/via Forbes, in translation\./);
  });

  it('heads the series card with what its chart shows, and sets no chart title that would repeat it', () => {
    // The design review of issue 20: "Most raised AI/ML budgets and priorities; most waited a month…" over a chart
    // of the priority of AI/ML alone: headline and chart said two things.
    const series = find('/ml-trends-2021/og.png');
    expect(series.kind === 'overview' && series.figure?.id).toBe('ai-priority-change');
    expect(series.title).not.toBe(INDEX_HEADLINE);
    expect(series.title).toMatch(/priority/);
    expect(series.title).not.toMatch(/budget|deploy/i);
    expect(cardTexts(series)).not.toContain(mlSeries.data.index!.lead.title);
  });

  it('balances the sources card: its block centred between the eyebrow and the footer, no empty lower third', async () => {
    const sources = find('/ml-trends-2021/sources/og.png');
    const nodes: LaidOutNode[] = [];
    await satori(unclamped(cardElement(sources)), {
      ...CARD_SIZE,
      fonts: cardFonts(),
      onNodeDetected: (node) => nodes.push(node),
    });
    const texts = nodes.filter((n) => n.textContent?.trim());
    const eyebrow = texts[0]!;
    const title = texts.find((n) => n.textContent!.trim() === 'Sources and method')!;
    const credit = texts.find((n) => n.textContent!.startsWith('Survey:'))!;
    const footer = nodes.find((n) => n.key === FOOTER_KEY)!;
    const above = title.top - (eyebrow.top + eyebrow.height);
    const below = footer.top - (credit.top + credit.height);
    expect(Math.abs(above - below), `${above} px above, ${below} px below`).toBeLessThan(40);
  });
});

describe('every card read as a thumbnail (the design review of issue 20: a four-line deck at about 20 px)', () => {
  /** Every text Satori laid out in `element`, with its size and the lines it took, and whether it all fits. */
  async function laidOut(
    element: CardNode,
  ): Promise<{ texts: { text: string; size: number; lines: number }[]; fits: boolean }> {
    const nodes: LaidOutNode[] = [];
    await satori(unclamped(element), { ...CARD_SIZE, fonts: cardFonts(), onNodeDetected: (node) => nodes.push(node) });
    const texts = nodes.flatMap((node) => {
      const style = node.props?.style;
      if (!node.textContent?.trim() || style?.fontSize === undefined) return [];
      const size = Number(style.fontSize);
      const lines = Math.round(node.height / (size * Number(style.lineHeight ?? 1.25)));
      return [{ text: node.textContent.trim(), size, lines }];
    });
    return { texts, fits: cardOverflow(nodes).length === 0 };
  }

  /** What a thumbnail would not read: text under 22 px, no headline of 56 px, small text in three lines or more. */
  function thumbnailProblems(texts: { text: string; size: number; lines: number }[]): string[] {
    return [
      ...texts.filter((t) => t.size < 22).map((t) => `${t.size} px: ${t.text}`),
      ...(Math.max(...texts.map((t) => t.size)) < 56 ? ['no headline of 56 px or more'] : []),
      ...texts.filter((t) => t.size < 56 && t.lines > 2).map((t) => `${t.lines} lines at ${t.size} px: ${t.text}`),
    ];
  }

  it('sets no text under 22 px, one headline of 56 px or more, and no other text in more than two lines', async () => {
    for (const { path, card } of siteCards(process.cwd())) {
      // The layout the renderer draws: the first of the card's variants that fits.
      let drawn: Awaited<ReturnType<typeof laidOut>> | undefined;
      for (const variant of cardVariants(card)) {
        drawn = await laidOut(cardElement(variant));
        if (drawn.fits) break;
      }
      expect(drawn?.fits, path).toBe(true);
      expect(thumbnailProblems(drawn!.texts), path).toEqual([]);
    }
  });

  it('finds a deck of four lines at 20 px under a card’s number', async () => {
    const deck = text(
      'A deck set small under the number, running on for line after line. '.repeat(4),
      {
        fontSize: 20,
        width: 1000,
      },
      4,
    );
    const { texts } = await laidOut(
      box({ width: 1200, height: 630, flexDirection: 'column' }, text('56%', { fontSize: 120 }), deck),
    );
    const problems = thumbnailProblems(texts);
    expect(problems.some((p) => p.startsWith('20 px: A deck'))).toBe(true);
    expect(problems.some((p) => /^[34] lines at 20 px/.test(p))).toBe(true);
  });
});

describe('every card shared alone (social cards round 2: no date on the trend cards, no series in the eyebrow)', () => {
  const cards = siteCards(process.cwd());
  const { summaries } = readSummaries(process.cwd(), false);
  /** The series a card belongs to: the one its path is under; the home card's is the featured series. */
  const seriesOf = (path: string) => summaries.find((s) => path.startsWith(s.href)) ?? summaries[0]!;

  it('names its series by its short name in the eyebrow, the first line read', () => {
    expect(cards.length).toBeGreaterThanOrEqual(15);
    for (const { path, card } of cards) {
      const [eyebrow] = cardTexts(card);
      expect(eyebrow, path).toContain(seriesOf(path).data.shortTitle);
    }
    const governance = cards.find((c) => c.path === '/ml-trends-2021/governance/og.png')!.card;
    expect(cardTexts(governance)[0]).toBe('ML trends 2021 · Trend 5 of 10');
  });

  it('dates the survey in its source line, from series.yaml, on every card', () => {
    for (const { path, card } of cards) {
      // "November 2020"; the demonstration's own line names the days ("fielded 2–27 September 2024").
      const fielded = seriesOf(path).data.survey.fielded.replace(/\s*\(.*\)$/, '');
      const { source } = splitCredit(card.credit);
      expect(source, path).toMatch(new RegExp(`fielded [^.;]*\\b${fielded}\\b`));
      // Laid out on the card, not only in its data.
      expect(cardTexts(card).join(' | '), path).toContain(source!.replace(/\u00a0/g, ' '));
    }
  });

  it('keeps the date when the card draws fewer rows', () => {
    const investment = cards.find((c) => c.path === '/ml-trends-2021/investment/og.png')!.card;
    for (const variant of cardVariants(investment))
      expect(variant.credit, `${variant.kind === 'trend' ? variant.maxRows : ''}`).toContain('fielded November 2020');
  });

  it('labels a one-number card in the article’s words and tense: its key figure’s counts', () => {
    const disk = readSeriesFromDisk(process.cwd(), 'ml-trends-2021');
    const numbered = cards.filter(({ path, card }) => !path.startsWith(DEMO) && card.kind === 'trend' && card.number);
    expect(numbered.length).toBeGreaterThanOrEqual(4);
    for (const { path, card } of numbered) {
      const trend = disk.trends.find((t) => path.endsWith(`/${articleSlug(t.file)}/og.png`))!.data;
      if (card.kind !== 'trend' || !trend.keyFigure?.counts) continue;
      expect(card.number?.label, path).toBe(trend.keyFigure.counts);
    }
    // The row's label is in the present ("Need a month or longer"); the article and its key figure in the past.
    const deployment = cards.find((c) => c.path === '/ml-trends-2021/deployment/og.png')!.card;
    expect(cardTexts(deployment)).toContain('needed a month or more');
    expect(cardTexts(deployment).join(' | ')).not.toMatch(/\bneed a month\b/i);
  });
});
