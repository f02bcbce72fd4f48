import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { figureValue } from '../../src/lib/chart/unit.ts';
import { figureSummary } from '../../src/lib/chart/describe.ts';
import { intervalColumns } from '../../src/lib/chart/interval.ts';
import {
  baseNote,
  baseText,
  figureSourceLine,
  figureSubtitle,
  midSentence,
  questionLine,
  sourceMarks,
} from '../../src/lib/chart/summary.ts';
import { barsFigure, pairedFigure, stackedFigure, statedBase } from './fixtures/figures.ts';

describe('figureSummary', () => {
  it('reads every label and value of a bar chart, with its base', () => {
    expect(figureSummary(barsFigure({ multiSelect: false }))).toBe(
      'Bar chart of the share of all respondents (n = 403): Infrastructure and operations leaders 57%, CTOs 39%, CIOs 35%, Heads of data science 31%.',
    );
  });

  it('explains why the shares of a multi-select question add to more than 100%', () => {
    expect(figureSummary(barsFigure({ multiSelect: true }))).toMatch(
      / Respondents could pick several answers, so shares add to more than 100%\.$/,
    );
  });

  it('says so when no source states the base, naming the survey size given, never a base', () => {
    expect(figureSummary(barsFigure({ n: null }), 403)).toMatch(
      /^Bar chart of the share of respondents \(survey of 403; base not published\): /,
    );
    expect(figureSummary(barsFigure({ n: null }))).toMatch(
      /^Bar chart of the share of respondents \(base not published\): /,
    );
  });

  it('names a stated base without a size as such', () => {
    const base = {
      text: 'Organizations with more than 25,000 employees',
      quote: 'companies of more than 25,000 employees',
    };
    expect(figureSummary(barsFigure({ base }))).toMatch(
      /^Bar chart of the share of organizations with more than 25,000 employees \(n not published\): /,
    );
  });

  it('reads a stacked chart as parts adding up to 100%, marking derived parts', () => {
    expect(figureSummary(stackedFigure())).toBe(
      'Stacked bar of all respondents (n = 403), parts adding up to 100%: Increased 64%, Stayed the same 30% (derived), Decreased 6%.',
    );
  });

  it('reads each row of a paired chart as this edition against the previous one', () => {
    expect(figureSummary(pairedFigure())).toBe(
      'Paired bar chart of the share of all respondents (n = 403), against the 2020 edition (base not published). Increased the AI/ML budget: 83% in the 2021 edition against 71% in the 2020 edition; Increased it by more than 50%: 20% in the 2021 edition against 7% in the 2020 edition.',
    );
  });

  it('reads an edition label written as a chart label ("Previous edition") in lower case inside its sentences', () => {
    const figure = {
      ...pairedFigure({ previousN: 250 }),
      seriesLabels: ['2021 edition', 'Previous edition'] as [string, string],
    };
    expect(figureSummary(figure)).toContain('against the previous edition (respondents to the 2020 edition (n = 250))');
    expect(figureSummary(figure)).toContain('83% in the 2021 edition against 71% in the previous edition');
    expect(figureSubtitle(figure)).toBe(
      'Share of all respondents (n = 403); previous edition: respondents to the 2020 edition (n = 250)',
    );
    expect(intervalColumns(figure).map((c) => c.header)).toEqual([
      '95% interval, 2021 edition',
      '95% interval, previous edition',
    ]);
  });

  it('keeps decimals as published', () => {
    expect(figureSummary(barsFigure({ multiSelect: false, rows: [{ label: 'Half', value: 12.5 }] }))).toContain(
      'Half 12.5%',
    );
  });
});

describe('baseText', () => {
  it('fits the base into a sentence by lowering its first letter', () => {
    expect(baseText(barsFigure())).toBe('all respondents (n = 403)');
  });

  it('keeps an acronym at the start of the base as written', () => {
    expect(baseText(barsFigure({ base: { ...statedBase(120), text: 'IT decision-makers' } }))).toBe(
      'IT decision-makers (n = 120)',
    );
  });

  it('says "base not published" where no source states it, with the survey size where given', () => {
    expect(baseText(barsFigure({ n: null }), 403)).toBe('survey of 403; base not published');
    expect(baseText(barsFigure({ n: null }))).toBe('base not published');
  });
});

describe('baseNote', () => {
  it("quotes the source's words for a stated base, naming the source", () => {
    expect(baseNote(barsFigure(), 403)).toBe(
      'All respondents (n = 403), in the words of Algorithmia blog: I&O leaders are the most common decision-makers: “all 403 respondents answered this question (test fixture)”',
    );
  });

  it('names the row source that states the base, where the base says so', () => {
    const other = {
      key: 'P-CDO',
      title: 'Spend more',
      outlet: 'Trade press',
      via: 'mirror',
      confidence: 'PR',
    } as const;
    const figure = pairedFigure({
      base: { ...statedBase(403), source: 'P-CDO' },
      rows: [
        { label: 'Increased the AI/ML budget', value: 83, previous: 71 },
        { label: 'Increased it by more than 50%', value: 20, previous: 7, source: other },
      ],
    });
    expect(baseNote(figure)).toContain('in the words of “Spend more” (trade press, read via a mirror): “all 403');
    // The figure's own row is not of the source stating the base: it is not a share of that base.
    expect(baseNote(figure, 403, false, figure.rows[0])).toBe('Survey of 403; base not published');
    expect(baseNote(figure, 403, false, figure.rows[1])).toMatch(/^All respondents \(n = 403\), in the words of/);
  });

  it('says "Survey of 403; base not published" where no source states the base', () => {
    expect(baseNote(barsFigure({ n: null }), 403)).toBe('Survey of 403; base not published');
  });
});

describe('midSentence', () => {
  it('lowers a capital that starts an ordinary word', () => {
    expect(midSentence('All respondents')).toBe('all respondents');
    expect(midSentence('Infrastructure and operations leaders')).toBe('infrastructure and operations leaders');
  });

  it('keeps acronyms and words that are already lower case as written', () => {
    expect(midSentence('CTOs')).toBe('CTOs');
    expect(midSentence('IT leaders')).toBe('IT leaders');
    expect(midSentence('heads of data')).toBe('heads of data');
    expect(midSentence('')).toBe('');
    // The article "A" is a word: "2020 edition: a separate sample", never "A separate sample".
    expect(midSentence('A separate sample')).toBe('a separate sample');
    expect(midSentence('AI leaders')).toBe('AI leaders');
  });
});

describe('figureSubtitle', () => {
  it('says what is measured, of whom, and that several answers were allowed', () => {
    expect(figureSubtitle(barsFigure())).toBe('Share of all respondents (n = 403); several answers allowed');
  });

  it('says "base not published" once, without the survey size the source line gives, and nothing of an unknown format', () => {
    expect(figureSubtitle(stackedFigure({ n: null, multiSelect: 'not published' }))).toBe(
      'Share of respondents · base not published',
    );
    expect(figureSubtitle(barsFigure({ n: null }))).toBe(
      'Share of respondents · base not published; several answers allowed',
    );
  });

  it('says "base not published" once for a paired figure where neither edition states its base', () => {
    const subtitle = figureSubtitle(pairedFigure({ n: null }));
    expect(subtitle).toBe('Share of respondents · base not published');
    expect(subtitle.match(/base not published/g)).toHaveLength(1);
    expect(subtitle).not.toContain('survey of');
  });

  it("names the previous edition's base of a paired figure, or says it is not published", () => {
    expect(figureSubtitle(pairedFigure())).toBe('Share of all respondents (n = 403); 2020 edition: base not published');
    expect(figureSubtitle(pairedFigure({ previousN: 250 }))).toBe(
      'Share of all respondents (n = 403); 2020 edition: respondents to the 2020 edition (n = 250)',
    );
  });
});

describe('the question', () => {
  it('labels a reconstructed question as reconstructed from the published finding, and quotes a published one', () => {
    expect(questionLine(barsFigure())).toBe(
      'Question reconstructed from the finding: Who sets the priorities for AI/ML at your organization?',
    );
    expect(questionLine(barsFigure({ questionWording: 'published' }))).toBe(
      'Question, as published: “Who sets the priorities for AI/ML at your organization?”',
    );
  });
});

describe('sourceMarks', () => {
  const other = { key: 'P-CDO', title: 'Enterprises plan to spend more on AI in 2021', confidence: 'PR' } as const;

  it("marks each row whose source differs from the figure's, one letter per source", () => {
    const figure = pairedFigure({
      rows: [
        { label: 'Increased the AI/ML budget', value: 83, previous: 71 },
        { label: 'Increased it by more than 50%', value: 20, previous: 7, source: other },
      ],
    });
    const marks = sourceMarks(figure);
    expect(marks.rows).toEqual([undefined, '¹']);
    expect(marks.notes).toEqual([{ mark: '¹', rows: ['Increased it by more than 50%'], source: other }]);
  });

  it("marks nothing where every row comes from the figure's source", () => {
    expect(sourceMarks(barsFigure())).toEqual({ rows: [undefined, undefined, undefined, undefined], notes: [] });
  });
});

describe('figureSourceLine', () => {
  const survey = { publisher: 'Algorithmia', title: '2021 enterprise trends in machine learning', respondents: 403 };
  const reported = {
    key: 'P-OREILLY',
    outlet: "O'Reilly Media",
    author: 'Kyle Gallatin',
    title: 'The Framework for ML Governance, chapter 1',
    confidence: 'PR',
  } as const;

  it('names who ran the survey and the survey, then who reported it (author, outlet, date), not its title or the base', () => {
    expect(figureSourceLine(barsFigure({ source: reported }), survey)).toBe(
      "Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403), as reported by Kyle Gallatin, O'Reilly Media.",
    );
  });

  it('says when the survey was fielded, which the year in its title does not', () => {
    expect(figureSourceLine(barsFigure({ source: reported }), { ...survey, fielded: 'November 2020' })).toBe(
      "Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403, fielded November 2020), as reported by Kyle Gallatin, O'Reilly Media.",
    );
  });

  it('names a source read on a mirror by its title, and says so, since its outlet is not confirmed', () => {
    const mirrored = {
      key: 'P-CDO',
      outlet: 'Trade press',
      title: 'Spend more',
      via: 'mirror',
      confidence: 'PR',
    } as const;
    expect(figureSourceLine(barsFigure({ source: mirrored }), survey)).toBe(
      'Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403), as reported in “Spend more” (trade press, read via a mirror).',
    );
  });

  it("adds each other row source's outlet with the row's mark", () => {
    const figure = pairedFigure({
      source: reported,
      rows: [
        { label: 'Increased the AI/ML budget', value: 83, previous: 71 },
        { label: 'By more than 50%', value: 20, previous: 7, source: { ...reported, key: 'F', outlet: 'Forbes' } },
      ],
    });
    // The mark leads its note, so no outlet reads as the title of another.
    expect(figureSourceLine(figure, survey)).toMatch(
      /as reported by Kyle Gallatin, O'Reilly Media; ¹\u00a0Kyle Gallatin, Forbes\.$/,
    );
  });

  it('names a source read in translation by author, outlet and date, and says it was translated', () => {
    const translated = {
      key: 'P-FORBES-ZH',
      outlet: 'Forbes',
      author: 'Louis Columbus',
      date: 'January 2021',
      title: 'Article on the survey',
      via: 'translation',
      confidence: 'PR',
    } as const;
    expect(figureSourceLine(barsFigure({ source: translated }), survey)).toBe(
      'Source: Algorithmia, 2021 enterprise trends in machine learning (survey of 403), as reported by Louis Columbus, Forbes, January 2021 (read in translation).',
    );
  });

  it('names the survey alone where the series does not say who ran it', () => {
    expect(figureSourceLine(barsFigure({ source: reported }), { title: 'A survey' })).toBe(
      "Source: A survey, as reported by Kyle Gallatin, O'Reilly Media.",
    );
  });
});

describe('the subtitle of grouped bars', () => {
  it('says the value is per group, each n in its label, beside the total’s base', async () => {
    const { readSeriesFromDisk } = await import('../../src/lib/content/series-files.ts');
    const { figures } = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');
    expect(figureSubtitle(figures.find((f) => f.id === 'deploys-by-platform')!)).toBe(
      'Mean per platform status (n in each label), beside all respondents (n = 500)',
    );
  });
});

describe('the summary of a chart computed from responses', () => {
  // Review of issue 21: a screen reader heard "77.95%" where the chart writes "78%".
  const demo = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024').figures;
  const shown = (id: string) => {
    const figure = demo.find((f) => f.id === id)!;
    return { figure, summary: figureSummary(figure, 500) };
  };

  it('reads every share as the chart writes it, at the figure’s one precision', () => {
    for (const id of ['platform-offers', 'satisfaction-scale']) {
      const { figure, summary } = shown(id);
      for (const row of figure.rows) expect(summary, id).toContain(`${row.label} ${figureValue(figure, row.value)}`);
      expect(summary, id).not.toMatch(/\d\.\d+%/);
    }
  });
});
