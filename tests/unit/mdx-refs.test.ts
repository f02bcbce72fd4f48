import { describe, expect, it } from 'vitest';
import { drawnFigureIds, figureIdsUsed, findComponentRefs, printedFigureIds } from '../../src/lib/mdx-refs.ts';

describe('findComponentRefs', () => {
  it('finds each Figure, Stat and Survey tag with the line it starts on', () => {
    const source = [
      '---',
      'title: Budgets',
      '---',
      'Fielded in <Survey fact="fielded" />, the survey found',
      '<Stat figure="budget-growth" label="Increased the AI/ML budget" /> grew budgets.',
      '',
      '<Figure id="budget-growth" />',
    ].join('\n');
    expect(findComponentRefs(source)).toEqual([
      { component: 'Survey', attributes: { fact: 'fielded' }, line: 4 },
      { component: 'Stat', attributes: { figure: 'budget-growth', label: 'Increased the AI/ML budget' }, line: 5 },
      { component: 'Figure', attributes: { id: 'budget-growth' }, line: 7 },
    ]);
  });

  it('reads attributes in any order, in single quotes or as string expressions', () => {
    const [ref] = findComponentRefs(`<Stat label='CTOs' figure={"io-decision-makers"} />`);
    expect(ref?.attributes).toEqual({ label: 'CTOs', figure: 'io-decision-makers' });
  });

  it('keeps an apostrophe inside a double-quoted label', () => {
    const [ref] = findComponentRefs(`<Stat figure="reports" label="O'Reilly readers" />`);
    expect(ref?.attributes.label).toBe("O'Reilly readers");
  });

  it('reads a bare previous attribute as true', () => {
    const [ref] = findComponentRefs('<Stat figure="budget-growth" label="Increased the AI/ML budget" previous />');
    expect(ref?.attributes).toEqual({ figure: 'budget-growth', label: 'Increased the AI/ML budget', previous: true });
  });

  it('reports a tag written over several lines at the line where it opens', () => {
    const source = 'Intro\n\n<Figure\n  id="budget-growth"\n/>\n';
    expect(findComponentRefs(source)).toEqual([{ component: 'Figure', attributes: { id: 'budget-growth' }, line: 3 }]);
  });

  it('ignores other components whose names only start the same way', () => {
    expect(findComponentRefs('<FigureCaption id="x" /> <Stats figure="y" /> <Surveys />')).toEqual([]);
  });

  it('does not end a tag at a > inside a quoted label', () => {
    const [ref] = findComponentRefs('<Stat figure="sizes" label="Teams > 50 people" />');
    expect(ref?.attributes).toEqual({ figure: 'sizes', label: 'Teams > 50 people' });
  });
});

describe('figureIdsUsed', () => {
  it('lists each figure an article uses once, from Figure ids and Stat figures', () => {
    const refs = findComponentRefs(
      [
        '<Stat figure="budget-growth" label="a" />',
        '<Stat figure="budget-growth" label="b" previous />',
        '<Figure id="ai-priority-change" />',
        '<Survey fact="respondents" />',
      ].join('\n'),
    );
    expect(figureIdsUsed(refs)).toEqual(['budget-growth', 'ai-priority-change']);
  });

  it('skips tags that name no figure', () => {
    expect(figureIdsUsed(findComponentRefs('<Figure /> <Stat label="x" />'))).toEqual([]);
  });
});

describe('drawnFigureIds and printedFigureIds', () => {
  const source = ['<Figure id="budget-growth" />', '', '<Figure id="models-in-production" print />'].join('\n');

  it('leaves a print-only placement out of the charts the web article draws', () => {
    expect(drawnFigureIds(source)).toEqual(['budget-growth']);
  });

  it('counts a print-only placement among the figures the printed chapter places', () => {
    expect(printedFigureIds(source)).toEqual(['budget-growth', 'models-in-production']);
  });

  it('draws a web-only placement on the web and leaves it out of the printed chapter', () => {
    const split = ['<Figure id="team-size" web />', '', 'Prose.', '', '<Figure id="budget-growth" print />'].join('\n');
    expect(drawnFigureIds(split)).toEqual(['team-size']);
    expect(printedFigureIds(split)).toEqual(['budget-growth']);
  });
});
