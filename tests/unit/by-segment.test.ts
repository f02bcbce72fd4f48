import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FigureSchema, type Figure } from '../../src/lib/schema/figure.ts';
import { loadSurvey } from '../../src/lib/survey/load.ts';
import { surveyFigure } from '../../src/lib/survey/figure.ts';
import { figureToSvg } from '../../src/lib/chart/svg.ts';
import { figureSummary, figureTable } from '../../src/lib/chart/describe.ts';
import { printChartModel } from '../../src/integrations/report-pdf/typst/chart-model.ts';

/**
 * The "by-segment" kind, a small multiple of a figure computed with segmentBy, drawn from the small survey
 * fixture: one panel per company size, each beside all respondents; a segment under the fixture's minimum n
 * (5) shows "fewer than 5 answered", never a value, in the chart, the table, the summary and the print notes.
 */
const root = process.cwd();
const small = join(root, 'tests/unit/fixtures/survey/small');

function toolsBySize(kind = 'by-segment'): Figure {
  const survey = loadSurvey(small, root, 'test');
  return FigureSchema.parse(
    surveyFigure(
      { id: 'tools', title: 'Kubernetes leads', kind, survey: { question: 'q3', compute: 'shares', segmentBy: 'q2' } },
      survey,
      'figures.json',
    ),
  );
}

describe('the "by-segment" kind', () => {
  it('draws one captioned panel per segment, each segment beside all respondents', () => {
    const figure = toolsBySize();
    const svg = figureToSvg(figure);
    for (const segment of figure.segments!) expect(svg).toContain(`>${segment.label}, n = ${segment.n}<`);
    expect(svg.match(/class="mt-chart-fill-neutral"/g)!.length).toBeGreaterThanOrEqual(figure.rows.length);
    expect(svg).toContain('>All respondents (n = ');
    expect(figureToSvg(figure, { wide: true })).toContain('text-anchor="end"');
  });

  it('writes "fewer than 5 answered" for a suppressed segment, never its value', () => {
    const figure = toolsBySize();
    const suppressed = figure.segments!.find((s) => s.rows.some((r) => r.suppressed));
    expect(suppressed, 'the fixture has a segment under its minimum n').toBeDefined();
    expect(figureToSvg(figure)).toContain('fewer than 5 answered');
    const table = figureTable(figure);
    const column = table.columns.indexOf(`${suppressed!.label} (n = ${suppressed!.n})`);
    expect(column).toBeGreaterThan(0);
    expect(table.rows.every((row) => row.cells[column] === 'fewer than 5 answered')).toBe(true);
    expect(figureSummary(figure)).toContain(`among ${suppressed!.label.charAt(0).toLowerCase()}`);
    const notes = (printChartModel(figure, { title: 'Test' }).groups ?? []).join(' ');
    expect(notes).toContain(`${suppressed!.label} (n = ${suppressed!.n}): `);
    expect(notes).toContain('fewer than 5 answered');
  });

  it('prints its total as bars in the report', () => {
    expect(printChartModel(toolsBySize(), { title: 'Test' }).kind).toBe('bars');
  });

  it('is refused for a figure without segments, naming the field', () => {
    const result = FigureSchema.safeParse({ ...toolsBySize('bars'), segments: undefined, kind: 'by-segment' });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toContain(
      'kind: is "by-segment", which draws a figure\'s segments: compute it with "survey": { …, "segmentBy": "<question id>" }',
    );
  });
});
