import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import Figure from '../../src/components/mdx/Figure.astro';
import Stat from '../../src/components/mdx/Stat.astro';
import Survey from '../../src/components/mdx/Survey.astro';
import { getAllSeries, type Series } from '../../src/data/series.ts';
import { figureSourceLine, surveyCredit } from '../../src/lib/chart/summary.ts';
import { typesetFigure } from '../../src/lib/typography.ts';
import { barsFigure, numberFigure, stackedFigure } from '../unit/fixtures/figures.ts';

let container: AstroContainer;
let series: Series | undefined;
beforeAll(async () => {
  container = await AstroContainer.create();
  series = (await getAllSeries()).find((s) => s.id === 'ml-trends-2021');
});

/** Renders as on a page of the 2021 series, whose series its route puts in `Astro.locals`. */
const render = (
  component: Parameters<AstroContainer['renderToString']>[0],
  props: Record<string, unknown>,
  locals: App.Locals = { series },
) =>
  container.renderToString(component, {
    props,
    locals,
    request: new Request('http://localhost/ml-trends-2021/io-leaders/'),
  });

/**
 * The series with two fixture figures whose base a (fixture) source states, n = 403: no real figure has
 * one (no source states who answered), so the intervals are exercised on these.
 */
const fixtures = () => [
  barsFigure({ id: 'fixture-bars-with-base' }),
  stackedFigure({ id: 'fixture-stacked-with-base' }),
];
const withBase = (): App.Locals => ({ series: { ...series!, figures: [...series!.figures, ...fixtures()] } });

describe('<Figure>', () => {
  it('renders caption, static SVG, data table, summary, source and downloads from the dataset', async () => {
    const html = await render(Figure, { id: 'io-decision-makers' });
    expect(html).toContain('id="figure-io-decision-makers"');
    expect(html).toContain(
      'Infrastructure and operations leaders were named ahead of CTOs, CIOs and heads of data science',
    );
    expect(html).toContain('Who sets the priorities for AI/ML at your organization?');
    expect(html).toMatch(
      /<svg class="mt-chart-svg"[^>]*role="img"[^>]*aria-labelledby="figure-io-decision-makers-summary"/,
    );
    for (const value of ['57%', '39%', '35%', '31%']) {
      expect(html).toContain(`width="${value}"`);
      expect(html).toContain(`<td>${value}</td>`);
    }
    expect(html).toContain(
      'href="https://algorithmia.com/blog/ml-trend-io-leaders-are-the-most-common-decision-makers-in-cross-functional-ml-initiatives"',
    );
    expect(html).toMatch(/Algorithmia blog: <a href="https:\/\/algorithmia\.com\//);
    expect(html).toContain('<dt>Question reconstructed from the finding</dt>');
    expect(html).not.toContain('Question (paraphrased)');
    expect(html).not.toContain('B-IO');
    // No source states who answered: no base, no n, no interval.
    expect(html).toMatch(/<dd>\s*Survey of 403 in all\./);
    expect(html).not.toContain('n = 403');
    expect(html).toContain('Multi-select: shares add to more than 100%.');
    expect(html).toContain('href="/ml-trends-2021/figures/io-decision-makers.csv"');
    expect(html).toContain('href="/ml-trends-2021/figures/io-decision-makers.json"');
    expect(html).toContain('href="#figure-io-decision-makers"');
  });

  it('names the base in the hidden caption of its data table, with a space after "share of"', async () => {
    const html = await render(Figure, { id: 'io-decision-makers' });
    expect(html).toMatch(
      /<caption[^>]*>\s*[^<]*: share of respondents \(survey of 403; base not published\)\s*<\/caption>/,
    );
    const stated = await render(Figure, { id: 'fixture-bars-with-base' }, withBase());
    expect(stated).toMatch(
      /<caption[^>]*>\s*[^<]*: share of all respondents \(n = 403\), with 95% intervals\s*<\/caption>/,
    );
  });

  it("quotes the source's words for a base a source states, naming that source", async () => {
    const html = await render(Figure, { id: 'fixture-bars-with-base' }, withBase());
    expect(html).toMatch(
      /<dt>Base<\/dt>\s*<dd>\s*All respondents \(n = 403\), in the words of [^<]+: “all 403 respondents answered this question \(test fixture\)”\./,
    );
  });

  it('puts one source line under the chart, and everything else in a closed "About this data" disclosure', async () => {
    const html = await render(Figure, { id: 'io-decision-makers' });
    const chartEnd = html.indexOf('</svg></div>');
    const about = html.indexOf('<details class="mt-figure-about');
    const source = /<p class="mt-figure-source"[^>]*>([\s\S]*?)<\/p>/.exec(html);
    expect(
      source?.[1]
        ?.replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(
      'Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403, fielded November 2020), as reported by the Algorithmia blog.',
    );
    expect(source![1]).not.toContain('<a ');
    expect(source!.index).toBeGreaterThan(chartEnd);
    expect(about).toBeGreaterThan(source!.index);
    // Closed: no `open` attribute; its summary names it.
    expect(html).toMatch(/<details class="mt-figure-about[^"]*"[^>]*>\s*<summary[^>]*>About this data<\/summary>/);
    expect(html).not.toMatch(/<details[^>]* open/);
    const inside = html.slice(about, html.indexOf('</details>', about));
    for (const part of [
      '<table>',
      'Question reconstructed from the finding',
      'No 95% interval or margin of error',
      '.csv" download=',
      'Multi-select',
    ]) {
      expect(inside).toContain(part);
    }
  });

  it('gives the table a 95% interval column where a source states n, with each Wilson interval', async () => {
    const html = await render(Figure, { id: 'fixture-bars-with-base' }, withBase());
    expect(html).toMatch(/<th scope="col" class="mt-figure-interval"[^>]*>\s*95% interval\s*<\/th>/);
    expect(html).toMatch(/<td>57%<\/td>\s*<td class="mt-figure-interval"[^>]*>52\.1–61\.7%<\/td>/);
    expect(html).toContain('At most ±4.9 points at 95% (n = 403)');
  });

  it('says the interval is not computed where n is not published, and invents no n', async () => {
    const html = await render(Figure, { id: 'team-size' });
    // Said once under the table, not in a column of "n not published" cells.
    expect(html).not.toContain('mt-figure-interval');
    expect(html).not.toMatch(/<caption[^>]*>[^<]*with 95% intervals/);
    expect(html).not.toContain('mt-chart-interval');
  });

  it('says once per chart that its base is not published: in the subtitle, not again in "About this data"', async () => {
    for (const id of ['team-size', 'budget-growth', 'io-decision-makers']) {
      const html = await render(Figure, { id });
      const seen = html
        .replace(/<p [^>]*class="mt-visually-hidden"[^>]*>[\s\S]*?<\/p>/g, '')
        .replace(/<caption[\s\S]*?<\/caption>/g, '');
      const plain = seen.replace(/<[^>]+>/g, '');
      expect(plain.match(/base not published/gi), id).toHaveLength(1);
      expect(html).toMatch(/class="mt-figure-subtitle"[^>]*>[^<]*base not published/);
      expect(html).not.toContain('mt-figure-no-interval');
      expect(html).not.toContain('<dt>Margin of error</dt>');
      expect(plain).toContain(
        'Survey of 403 in all. No 95% interval or margin of error is computed without each question’s base.',
      );
    }
  });

  it('has no legend on a paired chart: the editions are named on the bars', async () => {
    const html = await render(Figure, { id: 'budget-growth' });
    expect(html).not.toMatch(/Upper bar|Lower bar/);
    expect(html).toMatch(/class="mt-chart-inside mt-chart-on-fill"[^>]*>2021 edition</);
    expect(html).toMatch(/class="mt-chart-inside mt-chart-on-neutral"[^>]*>Previous edition</);
    expect(html).not.toContain('data-chart-data');
  });

  it('marks derived values and explains how they were computed', async () => {
    const html = await render(Figure, { id: 'ai-priority-change' });
    expect(html).toContain('Stayed the same<span class="mt-derived"> (derived)</span>');
    // One mark for a derived value (round 14): hatching and "(derived)", never a tint with a dashed outline.
    expect(html).toMatch(
      /Hatched and marked “\(derived\)” in the chart: computed from\s+published values, not published themselves\./,
    );
    expect(html).toMatch(
      /class="mt-chart-segment mt-chart-derived mt-chart-derived-hatched"[^>]*fill="url\(#mt-hatch-/,
    );
    expect(html).not.toContain('mt-chart-derived-mid');
    expect(html).not.toMatch(/\d%\*|\* Derived/);
    expect(html).not.toContain('Multi-select');
  });

  it('labels a stacked bar in place, with no key line and no axis, and says how it was derived in the note', async () => {
    const html = await render(Figure, { id: 'ai-priority-change' });
    expect(html).not.toContain('mt-chart-inline-key');
    expect(html).not.toContain('mt-chart-tick');
    const svg = html.slice(html.indexOf('<svg class="mt-chart-svg"'), html.indexOf('</svg>'));
    const inside = [...svg.matchAll(/<text class="mt-chart-inside[^"]*"[^>]*>(.*?)<\/text>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(inside).toEqual(['Increased 64%']);
    // "30% (derived)" does not fit inside at 320 px: it goes under the bar, still saying derived.
    expect(svg).toContain('>Stayed the same 30% (derived)</tspan>');
    expect(svg).toContain('>Decreased 6%</tspan>');
    expect(svg).not.toContain('derived: 100');
    expect(html).toContain('“Stayed the same” is derived: 100% minus the published shares');
  });

  it('says under the title what is measured, from the data', async () => {
    const io = await render(Figure, { id: 'io-decision-makers' });
    const subtitle = (html: string) =>
      /<figcaption>[\s\S]*<p class="mt-figure-subtitle"[^>]*>([\s\S]*?)<\/p>\s*<\/figcaption>/
        .exec(html)?.[1]
        ?.replace(/<[^>]+>/g, '')
        .trim();
    // The base is said once, short; the survey's size is in the source line, not repeated here.
    expect(subtitle(io)).toBe('Share of respondents · base not published; several answers allowed');
    // The survey's size stays on one line in the source line, in print too.
    expect(io).toMatch(
      /<p class="mt-figure-source"[^>]*>[^<]*<span class="mt-nowrap"[^>]*>survey of 403<\/span>, fielded November 2020\)/,
    );
    const stacked = await render(Figure, { id: 'regulations' });
    expect(subtitle(stacked)).toBe('Share of respondents · base not published');
    const stated = await render(Figure, { id: 'fixture-bars-with-base' }, withBase());
    expect(subtitle(stated)).toBe('Share of all respondents (n = 403); several answers allowed');
    expect(stated).toMatch(/<span class="mt-nowrap"[^>]*>\(n = 403\)<\/span>; several answers allowed/);
  });

  it('marks a row from another source, and names that source after the mark in the source line', async () => {
    const html = await render(Figure, { id: 'budget-growth' });
    expect(html).toContain('>Increased it by more than 50%¹</text>');
    const source = /<p class="mt-figure-source"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(
      source
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim(),
    ).toBe(
      'Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403, fielded November 2020), as reported by the Algorithmia blog; ¹ “Enterprises plan to spend more on AI in 2021” (trade press, January 2021, read via a mirror).',
    );
    const about = html.slice(html.indexOf('<details class="mt-figure-about'));
    expect(about).toMatch(/¹ Trade press, January 2021: <a [^>]*>Enterprises plan to spend more on AI in 2021<\/a>/);
  });

  it('names who ran the survey in the source line, and a mirrored source by its title, read via a mirror', async () => {
    const html = await render(Figure, { id: 'team-size' });
    const source = /<p class="mt-figure-source"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(source).toContain('Source: Algorithmia, 2021 enterprise trends in machine learning');
    expect(source).not.toMatch(/<a /);
    // Its outlet is not confirmed (facts file): the line names the article and how it was read.
    expect(source.replace(/\s+/g, ' ')).toContain(
      'as reported in “Enterprises plan to spend more on AI in 2021” (trade press, January 2021, read via a mirror).',
    );
    const aboutStart = html.indexOf('<details class="mt-figure-about');
    const about = html.slice(aboutStart, html.indexOf('</details>', aboutStart));
    expect(about).toContain('(secondary source; read via a mirror)');
    expect(html.slice(0, aboutStart)).not.toContain('(mirror)');
  });

  it('shows both editions of a paired figure in its table', async () => {
    const html = await render(Figure, { id: 'budget-growth' });
    expect(html).toMatch(/<th scope="col">2021 edition<\/th>\s*<th scope="col">Previous edition<\/th>/);
    expect(html).toMatch(/<td>83%<\/td>\s*<td>71%<\/td>/);
  });

  it('draws a single share with a stated base as a number on a number line, with its interval', async () => {
    const figure = numberFigure({ id: 'fixture-number-with-base', n: 403 });
    const html = await render(
      Figure,
      { id: figure.id },
      { series: { ...series!, figures: [...series!.figures, figure] } },
    );
    expect(html).toMatch(/<text [^>]*class="mt-number-value"[^>]*>76%<\/text>/);
    expect(html).not.toContain('mt-chart-track');
    expect(html).toMatch(/<circle class="mt-number-dot" cx="76%"/);
    expect(html).toContain('mt-chart-interval-mark');
    expect(html).toContain('class="mt-number-label"');
  });

  // Issue 20 round 10: one bar against a grey track (/deployment/ 64%, /early-adopters/ 40%) drew as a chart what
  // the article's sentence states: a number line instead, labelled in the past tense with the trend's counts.
  it("draws a trend's key share as a number line labelled with its keyFigure.counts, then the source", async () => {
    const trend = series!.trends.find((t) => t.keyValue?.figure.kind === 'number' && t.keyValue.counts)!;
    const figure = trend.keyValue!.figure;
    const html = await render(Figure, { id: figure.id });
    const value = `${figure.rows[0]!.value}%`;
    expect(html).toMatch(new RegExp(`<text [^>]*class="mt-number-value"[^>]*>${value}</text>`));
    expect(html).toMatch(new RegExp(`<circle class="mt-number-dot" cx="${value}"`));
    const counts = trend.keyValue!.counts!;
    expect(html).toContain(`class="mt-number-label">${counts.charAt(0).toUpperCase()}${counts.slice(1)}</text>`);
    expect(html).not.toContain('mt-chart-track');
    expect(html).not.toContain('class="mt-chart-fill-1"');
    // About 100 px tall: the number over its line and its label, not a chart's height.
    expect(Number(/class="mt-chart" style="height: (\d+)px"/.exec(html)?.[1])).toBeLessThanOrEqual(110);
  });

  it('gives a single value its base, source and downloads', async () => {
    const figure = series!.figures.find((f) => f.kind === 'number')!;
    const html = await render(Figure, { id: figure.id });
    const value = `${figure.rows[0]!.value}%`;
    // The number line's ends are its only ticks: no grid.
    expect([...html.matchAll(/class="mt-chart-tick"[^>]*>([^<]*)</g)].map((m) => m[1])).toEqual(['0%', '100%']);
    expect(html).not.toContain('mt-chart-grid');
    expect(html).not.toContain('data-chart-box');
    expect(html).toContain(`<td>${value}</td>`);
    expect(html).toContain('<dt>Base</dt>');
    expect(html).toContain(`href="/ml-trends-2021/figures/${figure.id}.csv"`);
    expect(html).toContain(`href="/ml-trends-2021/figures/${figure.id}.json"`);
  });

  it('says "survey of 403; base not published" for an undocumented base in the summary, subtitle and notes', async () => {
    const figure =
      series!.figures.find((f) => !f.base && f.multiSelect === 'not published' && f.kind === 'bars') ??
      series!.figures.find((f) => !f.base && f.multiSelect === 'not published' && f.kind === 'number')!;
    const html = await render(Figure, { id: figure.id });
    const plain = html.replace(/<[^>]+>/g, '');
    expect(html).toMatch(/<p [^>]*class="mt-visually-hidden">[^<]*\(survey of 403; base not published\)/);
    expect(html).toMatch(/class="mt-figure-subtitle"[^>]*>\s*Share of respondents · base not published/);
    expect(plain).toContain('Survey of 403 in all.');
    expect(/<p class="mt-figure-source"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '')).toContain(
      '(survey of 403, fielded November 2020)',
    );
    expect(html).not.toContain('n = 403');
    expect(html).toContain('Whether respondents could pick several answers: not published.');
  });

  it('gives parts of a whole no answer-format row: they add up to 100% by construction', async () => {
    const html = await render(Figure, { id: 'regulations' });
    expect(html).not.toContain('Whether respondents could pick several answers');
  });

  it('lets the subtitle say once that neither edition of a paired figure publishes its base', async () => {
    const html = await render(Figure, { id: 'budget-growth' });
    expect(html).not.toMatch(/Previous edition: Base not published/);
    expect(html).toMatch(/class="mt-figure-subtitle"[^>]*>[^<]*base not published/);
  });

  it('names a translated source by author, outlet and date in "About this data", saying it is read in translation', async () => {
    const html = await render(Figure, { id: 'governance-concern' });
    expect(html).toMatch(
      /<dd>Louis Columbus, Forbes, January 2021: <a href="[^"]+">[^<]+<\/a> \(secondary source; read in translation\)/,
    );
    expect(html).not.toContain('P-FORBES-ZH');
  });

  it('sets the dataset text with curly quotes and real dashes', async () => {
    // The embed snippet (a textarea) and the BibTeX (pre) are code, with code's straight quotes.
    const html = (await render(Figure, { id: 'ai-priority-change' })).replace(/<(textarea|pre)\b[\s\S]*?<\/\1>/g, '');
    expect(html).toMatch(/[\u201c\u201d]/);
    expect(html).not.toMatch(/&quot;|&#34;|&#39;/);
  });

  it('fails with a message naming the component and the unknown id', async () => {
    await expect(render(Figure, { id: 'io-decision-maker' })).rejects.toThrow(
      '<Figure id="io-decision-maker">: there is no figure "io-decision-maker" in the dataset. Did you mean "io-decision-makers"?',
    );
  });

  it('fails with a message naming the missing prop, and a hint', async () => {
    await expect(render(Figure, {})).rejects.toMatchObject({
      message: expect.stringContaining('<Figure>: the "id" prop is required') as unknown,
      hint: 'Write the id attribute on <Figure> in the MDX file, as in the example.',
    });
  });

  it('takes the figure from the series of the page, not from another series', async () => {
    const other = { ...series!, id: 'ml-trends-2022', figures: [] };
    await expect(render(Figure, { id: 'io-decision-makers' }, { series: other })).rejects.toThrow(
      '<Figure id="io-decision-makers">: there is no figure "io-decision-makers" in the dataset',
    );
  });

  it('fails with a hint when the page belongs to no series', async () => {
    await expect(render(Figure, { id: 'io-decision-makers' }, {})).rejects.toMatchObject({
      message: '<Figure> is used on a page that belongs to no series.',
      hint: expect.stringContaining('content/series/<series>/') as unknown,
    });
  });
});

describe('<Stat>', () => {
  const sourceLine = (id: string) =>
    figureSourceLine(
      typesetFigure([...series!.figures, ...fixtures()].find((f) => f.id === id)!),
      surveyCredit(series!.data),
    );
  /** The text of the note a stat's button opens, its parts joined by " | ". */
  const note = (html: string) => {
    const target = /<button type="button" class="mt-stat-value"[^>]*popovertarget="([^"]+)"/.exec(html)?.[1];
    expect(target, 'the number is a button that opens a popover').toBeTruthy();
    const body = new RegExp(`<span id="${target}" popover[^>]*>([\\s\\S]*)</span></span>$`).exec(html.trim())?.[1];
    expect(body, `a popover element with id ${target}`).toBeTruthy();
    return [...body!.matchAll(/<span class="mt-stat-note-[^"]*"[^>]*>([^<]*)<\/span>/g)].map((m) => m[1]).join(' | ');
  };

  it('renders a dataset value formatted for prose, as a button in the sentence', async () => {
    const html = await render(Stat, { figure: 'io-decision-makers', label: 'Infrastructure and operations leaders' });
    expect(html).toMatch(/<span class="mt-stat"[^>]*><button type="button" class="mt-stat-value"[^>]*>57%<\/button>/);
  });

  it("opens a note with the question, the base in its source's words with n, the 95% interval and the source line", async () => {
    const html = await render(Stat, { figure: 'fixture-stacked-with-base', label: 'Increased' }, withBase());
    expect(note(html)).toBe(
      [
        '64%: Increased',
        'Question reconstructed from the finding: How has the priority of AI/ML changed relative to other IT initiatives?',
        'Base: All respondents (n = 403), in the words of Algorithmia blog: investments: “all 403 respondents answered this question (test fixture)”',
        '95% interval: 59.2–68.5%',
        sourceLine('fixture-stacked-with-base').replace(/&/g, '&amp;'),
      ].join(' | '),
    );
  });

  it('says the question of a real figure is reconstructed, and gives no interval', async () => {
    const html = await render(Stat, { figure: 'ai-priority-change', label: 'Increased' });
    expect(note(html)).toContain(
      'Question reconstructed from the finding: How has the priority of AI/ML changed relative to other IT initiatives over the past 12 months? | Of a survey of 403; no interval |',
    );
    expect(note(html)).not.toContain('paraphrased');
  });

  it("gives a value from another source than its figure's that source's line, without the chart's marks", async () => {
    const html = await render(Stat, { figure: 'budget-growth', label: 'Increased it by more than 50%' });
    expect(note(html)).toContain('as reported in “Enterprises plan to spend more on AI in 2021”');
    expect(note(html)).not.toContain('¹');
    expect(note(await render(Stat, { figure: 'budget-growth', label: 'Increased the AI/ML budget' }))).not.toContain(
      '¹',
    );
  });

  it("credits a previous edition's value to that edition of the survey, not to this one's respondents", async () => {
    const html = await render(Stat, { figure: 'budget-growth', label: 'Increased the AI/ML budget', previous: true });
    expect(note(html)).toContain(
      'Source: Algorithmia, previous edition of the survey, as reported by the Algorithmia blog.',
    );
    expect(note(html)).not.toContain('survey of 403');
  });

  it('says under a chart with a derived value what "(derived)" means', async () => {
    const source = (html: string) => /<p class="mt-figure-source"[^>]*>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(source(await render(Figure, { id: 'ai-priority-change' }))).toContain(
      '“(derived)”: computed from the published shares',
    );
    expect(source(await render(Figure, { id: 'io-decision-makers' }))).not.toContain('(derived)');
  });

  it('says in the note of a derived value that it is derived, and only there', async () => {
    const html = await render(Stat, { figure: 'regulations', label: 'Exactly one' });
    expect(html).toMatch(/class="mt-stat-note-value"[^>]*>\s*25%: Exactly one\s*\(derived\)\s*</);
    expect(html).toContain('Derived: computed from the published shares, not published itself');
    expect(html).toMatch(/mt-stat-short"[^>]*>\s*\(derived\)\s*</);
    const published = await render(Stat, { figure: 'regulations', label: 'None' });
    expect(published).not.toContain('derived');
  });

  it('keeps a short interval note for screen readers, out of search excerpts', async () => {
    const html = await render(Stat, { figure: 'fixture-stacked-with-base', label: 'Increased' }, withBase());
    expect(html).toMatch(
      /<span class="mt-visually-hidden mt-stat-short"[^>]*data-pagefind-ignore[^>]*> \(95% interval 59.2–68.5%\)<\/span>/,
    );
    expect(html).toMatch(/<span id="[^"]+" popover class="mt-stat-note"[^>]*data-pagefind-ignore/);
  });

  it('names the subgroup a share is of, where a source reports it for a part of the sample only', async () => {
    const html = await render(Stat, {
      figure: 'large-enterprise-models',
      label: 'Have more than 100 models in production',
    });
    expect(note(html)).toContain(
      'Of organizations with more than 25,000 employees, a part of the survey of 403 whose size was not published; no interval |',
    );
    expect(note(html)).not.toContain('Of a survey of 403;');
  });

  it('says "survey of 403; base not published" and gives no interval where no source publishes the base', async () => {
    const html = await render(Stat, { figure: 'team-size', label: 'Did not reduce their AI/ML team' });
    expect(html).toMatch(/class="mt-stat-value"[^>]*>76%<\/button>/);
    expect(html).not.toContain('mt-stat-short');
    // The chart's subtitle says the base is not published; the pop-up does not repeat it.
    expect(note(html)).toContain('Of a survey of 403; no interval |');
    expect(note(html)).not.toMatch(/not published/i);
    expect(html).not.toMatch(/\d+–\d+%/);
  });

  it('renders the previous edition of a paired figure', async () => {
    const html = await render(Stat, { figure: 'budget-growth', label: 'Increased the AI/ML budget', previous: true });
    expect(html).toMatch(/>71%<\/button>/);
    // The previous edition's survey size is not this one's: not named.
    expect(note(html)).toMatch(/^71% \(previous edition\): Increased the AI\/ML budget \| .* \| No interval \|/);
  });

  it('fails naming the figure and suggesting the label when the label is wrong, with a hint', async () => {
    await expect(render(Stat, { figure: 'io-decision-makers', label: 'CTO' })).rejects.toMatchObject({
      message:
        '<Stat figure="io-decision-makers" label="CTO">: figure "io-decision-makers" has no row labelled "CTO". Did you mean "CTOs"?',
      hint: expect.stringContaining('npm run check:content') as unknown,
    });
  });

  it('fails naming the unknown figure', async () => {
    await expect(render(Stat, { figure: 'nope', label: 'CTOs' })).rejects.toThrow(
      '<Stat figure="nope" label="CTOs">: there is no figure "nope"',
    );
  });

  it('fails naming the missing prop', async () => {
    await expect(render(Stat, { figure: 'io-decision-makers' })).rejects.toThrow(
      '<Stat>: the "label" prop is required',
    );
  });
});

describe('<Survey>', () => {
  it('renders a survey fact of the page series', async () => {
    expect(await render(Survey, { fact: 'respondents' })).toContain('>403</span>');
    expect(await render(Survey, { fact: 'fielded' })).toContain('>November 2020</span>');
  });

  it('fails naming the unknown fact and the known ones', async () => {
    await expect(render(Survey, { fact: 'sample' })).rejects.toThrow(
      '<Survey fact="sample">: unknown fact; use one of respondents',
    );
  });
});

describe('<Figure web /> and <Figure print />: one placement for each medium', () => {
  it('draws a web-only placement on the web page and nothing in the printed report', async () => {
    const ArticleFigure = (await import('../../src/components/mdx/ArticleFigure.astro')).default;
    const PrintFigure = (await import('../../src/components/report/print/PrintFigure.astro')).default;
    const web = await render(ArticleFigure, { id: 'team-size', web: true });
    expect(web).toContain('id="figure-team-size"');
    const print = await render(PrintFigure, { id: 'team-size', web: true });
    expect(print).not.toContain('data-figure');
  });

  it('draws a print-only placement in the printed report and nothing on the web page', async () => {
    const ArticleFigure = (await import('../../src/components/mdx/ArticleFigure.astro')).default;
    const PrintFigure = (await import('../../src/components/report/print/PrintFigure.astro')).default;
    expect(await render(ArticleFigure, { id: 'team-size', print: true })).not.toContain('figure-team-size');
    expect(await render(PrintFigure, { id: 'team-size', print: true })).toContain('data-figure="team-size"');
  });
});
