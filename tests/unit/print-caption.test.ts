import { describe, expect, it } from 'vitest';
import { printFigure, readingNote, reportReading } from '../../src/lib/report/print-figure.ts';
import { midSentence, printSourceLine, surveyCredit } from '../../src/lib/chart/summary.ts';
import { printChartModel } from '../../src/integrations/report-pdf/typst/chart-model.ts';
import { readFigures } from '../../src/lib/content/files.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { realFigure, realFigures } from './fixtures/real-content.ts';
import { statedBase } from './fixtures/figures.ts';

/**
 * What the printed report says once and what each chart says (issue 19): a reader of the PDF meets "the
 * question is reconstructed" and "no base was published" once, before the first chart, and under each chart one
 * short source line, instead of a forty-word block under every chart and in every margin note.
 */

const series = readSeriesFromDisk(process.cwd(), 'ml-trends-2021').data!;
const credit = surveyCredit(series);

describe('reportReading', () => {
  it('finds what every figure of the ML series shares: reconstructed questions, no published base', () => {
    expect(reportReading(realFigures())).toEqual({ reconstructed: true, basesUnpublished: true, own: false });
  });

  it('says nothing report-wide once one figure differs, or when there are no figures', () => {
    const [first, ...rest] = realFigures();
    expect(reportReading([{ ...first!, questionWording: 'published' }, ...rest]).reconstructed).toBe(false);
    expect(reportReading([{ ...first!, base: statedBase(403) }, ...rest]).basesUnpublished).toBe(false);
    expect(reportReading([])).toEqual({ reconstructed: false, basesUnpublished: false, own: false });
  });
});

describe('the caption of a printed chart', () => {
  it('leaves out what the report says once, and keeps the question and what is measured', () => {
    const figure = realFigure('io-decision-makers');
    const reading = reportReading(realFigures());
    const { caption, questionLabel } = printFigure(figure, series, reading);
    expect(caption.question).toBe(figure.question);
    expect(caption.measure).toBe('Share of respondents; several answers allowed');
    expect(caption.source).toBe('Source: Algorithmia’s survey, as reported by the Algorithmia blog.');
    expect(questionLabel).toBe('Question (reconstructed)');
  });

  it('labels and states per chart what the report cannot say once', () => {
    const figure = realFigure('io-decision-makers');
    const { caption } = printFigure(figure, series, { reconstructed: false, basesUnpublished: false, own: false });
    expect(caption.question).toBe(`Question (reconstructed): ${figure.question}`);
    expect(caption.measure).toBe('Share of respondents · base not published; several answers allowed');
    const published = printFigure({ ...figure, questionWording: 'published' }, series, {
      reconstructed: false,
      basesUnpublished: false,
      own: false,
    });
    expect(published.caption.question).toBe(`Question: “${figure.question}”`);
  });

  it('names another source of some rows after its mark, on a short line', () => {
    const line = printSourceLine(realFigure('budget-growth'), credit);
    expect(line).toMatch(
      /^Source: Algorithmia’s survey, as reported by the Algorithmia blog; ¹\u00a0“Enterprises plan/,
    );
    expect(line).not.toContain('survey of 403');
  });
});

describe('readingNote', () => {
  it('says whose survey, what every figure shares, and where the full provenance is', () => {
    const note = readingNote({ reconstructed: true, basesUnpublished: true, own: false }, 'a survey of 403').join(' ');
    expect(note).toMatch(/^Every chart and number in this report comes from a survey of 403\./);
    expect(note).toContain('reconstructed');
    expect(note).toContain('margin of error');
    expect(note).toContain('“The numbers”');
    // The series read only some sources: it says what none of them gives, never that something "was not published".
    expect(note).not.toMatch(/not published/i);
    expect(note).toContain('None of the sources this report could read gives the questionnaire');
    expect(note).toContain('Nor did any source give how many people answered');
    expect(note).toContain('answer scales');
    expect(note).toContain('“–” marks what no source gives');
    const plain = readingNote({ reconstructed: false, basesUnpublished: false, own: false }, 'a survey of 403').join(
      ' ',
    );
    expect(plain).not.toMatch(/reconstructed|margin of error/);
    const own = readingNote({ reconstructed: false, basesUnpublished: false, own: true }, 'a survey of 500').join(' ');
    expect(own).toContain('names the survey and the question it asked');
    expect(own).not.toContain('who reported');
  });

  it('reads an own survey as computed from its responses, not as reported by someone', () => {
    const note = readingNote(
      { reconstructed: false, basesUnpublished: false, own: true },
      'Survey of 500 platform engineers, fielded 6–31 May 2024',
    ).join(' ');
    expect(note).toContain(
      'Every chart and number in this report is computed from the responses to a survey of 500 platform engineers, fielded 6–31 May 2024.',
    );
    expect(note).not.toContain('who reported');
  });
});

describe('the alt text of a printed chart', () => {
  it("names who each value is of: a subgroup's share is not said to be of the whole survey (round 18)", () => {
    // Round 18: the chapter 4 callout's alt text read "41% of respondents (survey of 403 …)", where the share is of
    // organizations with more than 25,000 employees. Every figure of both series, every row's base.
    const all = [...realFigures(), ...readFigures(process.cwd(), 'platform-engineering-2024')];
    expect(all.length).toBeGreaterThan(15);
    for (const figure of all) {
      const { alt } = printChartModel(figure, credit, 'en');
      if (figure.subgroup) {
        expect(alt, figure.id).toContain(figure.subgroup);
        expect(alt, figure.id).not.toMatch(/of respondents \(survey of/);
      }
      // A figure computed from the series' own responses gives each row's or group's n; a published one its base in
      // the source's words, or says that none was published.
      if (figure.survey) expect(alt, figure.id).toMatch(/\(n = \d/);
      else if (figure.base) expect(alt.toLowerCase(), figure.id).toContain(midSentence(figure.base.text).toLowerCase());
      else if (figure.unit === 'percent') expect(alt, figure.id).toMatch(/base not published/);
    }
  });
});
