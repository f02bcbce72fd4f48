import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  editorsNoteProblems,
  hedgeProblem,
  mdxProse,
  styleProblems,
  styleRulesBlock,
  StyleRulesSchema,
} from '../../src/lib/style-rules.ts';
import { readStyleRules } from '../../src/lib/content/style-sheet.ts';

const rules = StyleRulesSchema.parse({
  prefer: { organise: 'organize', artefact: 'artifact' },
  'banned-phrases': ['restatement', 'we could check'],
});

describe('styleProblems', () => {
  it('names the line of a banned variant and its house form, keeping the ending and the capital', () => {
    const text = 'First line.\nOrganised teams keep artefacts.';
    const problems = styleProblems(text, rules);
    expect(problems.map((p) => p.line)).toEqual([2, 2]);
    expect(problems[0]!.message).toContain('"Organised" is not house style: write "Organized"');
    expect(problems[1]!.message).toContain('"artefacts" is not house style: write "artifacts"');
  });

  it('finds a banned sourcing phrase in any case and across a line break, but not inside another word', () => {
    const problems = styleProblems('A press Restatement.\nAll we\ncould check. Restatements aside.', rules);
    expect(problems.map((p) => p.line)).toEqual([1, 2]);
    expect(problems[0]!.message).toContain('"Restatement" is a sourcing aside');
  });

  it('does not take "US" for "us": a listed phrase matches as written or with capital initials, not in capitals', () => {
    const own = StyleRulesSchema.parse({ prefer: {}, 'banned-phrases': ['restatement'], 'first-person': ['us', 'we'] });
    expect(styleProblems('Adoption in the US grew. CEOs in the US agree.', own)).toEqual([]);
    expect(styleProblems('Tell us.\nUs too. We agree.', own).map((p) => p.line)).toEqual([1, 2, 2]);
  });

  it('names a contraction and the first person for what they are, not as sourcing asides', () => {
    const own = StyleRulesSchema.parse({
      prefer: {},
      'banned-phrases': ['restatement', 'press coverage'],
      contractions: ["don't"],
      'first-person': ['we'],
    });
    const messages = styleProblems("Teams don't wait.\nDon’t wait, we said.\nPress coverage aside.", own).map(
      (p) => `${p.line}: ${p.message}`,
    );
    expect(messages).toEqual([
      expect.stringMatching(/^1: "don't" is a contraction/),
      expect.stringMatching(/^2: "Don’t" is a contraction/),
      expect.stringMatching(/^2: "we" is the first person/),
      expect.stringMatching(/^3: "Press coverage" is a sourcing aside/),
    ]);
    expect(messages.slice(0, 3).join('\n')).not.toContain('sourcing aside');
  });

  it("keeps the project's contractions and first person out of the sourcing asides, and still finds them", () => {
    const { rules: own } = readStyleRules(process.cwd());
    const text = "Firms don't hire. Budgets in the US grew. It's clear to us. A restatement.";
    const messages = styleProblems(text, own!).map((p) => p.message);
    expect(messages).toEqual([
      expect.stringMatching(/^"don't" is a contraction/),
      expect.stringMatching(/^"It's" is a contraction/),
      expect.stringMatching(/^"us" is the first person/),
      expect.stringMatching(/^"restatement" is a sourcing aside/),
    ]);
  });

  it('reports a word once, in the words of the longest variant that matches it', () => {
    const more = StyleRulesSchema.parse({ prefer: { programme: 'program', programmes: 'programs' } });
    expect(styleProblems('Two programmes.', more).map((p) => p.message)).toEqual([
      expect.stringContaining('"programmes" is not house style: write "programs"'),
    ]);
  });

  it('passes house-style text', () => {
    expect(styleProblems('Organized teams keep artifacts.', rules)).toEqual([]);
  });
});

describe('hedgeProblem', () => {
  const own = StyleRulesSchema.parse({ prefer: {}, 'hedge-phrases': ['not published', 'cannot'] });

  it('passes an article with at most three hedges, component props aside', () => {
    const source = 'Size was not published.\nIt cannot rank.\nIt cannot <Stat note="not published" /> rank.';
    expect(hedgeProblem(mdxProse(source), own)).toBeUndefined();
  });

  it('counts the fourth hedge and names each with its line', () => {
    const text = 'Size was not published.\nIt cannot rank.\nNor cannot this.\nThe base was Not\npublished.';
    expect(hedgeProblem(text, own)).toBe(
      '4 hedge phrases, more than the 3 an article may hold (content/STYLE.md, "Hedges"): "not published" (line 1), ' +
        '"cannot" (line 2), "cannot" (line 3), "Not published" (line 4); state each limit once, where it changes ' +
        'how a number reads, and leave series-wide limits to the sources page',
    );
  });

  it("holds the project's style sheet to three hedges an article", () => {
    const { rules: project } = readStyleRules(process.cwd());
    expect(project!['hedges-per-article']).toBe(3);
    expect(project!['hedge-phrases']).toEqual(expect.arrayContaining(['not published', 'no source says', 'cannot']));
  });
});

describe('mdxProse', () => {
  it('checks the title and the body but not component props, code or URLs, at the same line numbers', () => {
    const source = [
      '---',
      'title: "How teams organise"',
      'author: Organise Author',
      '---',
      '<Stat figure="x" label="organised" />',
      'See `organise()` and https://example.com/organise.',
      'They organise.',
    ].join('\n');
    expect(styleProblems(mdxProse(source), rules).map((p) => p.line)).toEqual([2, 7]);
  });
});

describe('the style sheet', () => {
  it('reads the rules from the ```style-rules block of a Markdown file', () => {
    const markdown = 'Intro\n\n```style-rules\nprefer:\n  colour: color\n```\n';
    expect(styleRulesBlock(markdown)).toBe('prefer:\n  colour: color\n');
  });

  it('names content/STYLE.md and the field when the block is missing or malformed', () => {
    const root = mkdtempSync(join(tmpdir(), 'style-'));
    expect(readStyleRules(root).problems).toEqual([expect.stringMatching(/^content\/STYLE\.md: is missing/)]);
    mkdirSync(join(root, 'content'));
    writeFileSync(join(root, 'content/STYLE.md'), '# Style\n');
    expect(readStyleRules(root).problems[0]).toMatch(/^content\/STYLE\.md: has no ```style-rules block/);
    writeFileSync(join(root, 'content/STYLE.md'), '```style-rules\nprefer: [organise]\n```\n');
    expect(readStyleRules(root).problems[0]).toMatch(/^content\/STYLE\.md: style-rules field "prefer"/);
  });

  it("reads the project's own style sheet", () => {
    const { rules: own, problems } = readStyleRules(process.cwd());
    expect(problems).toEqual([]);
    expect(own!.prefer['organise']).toBe('organize');
    expect(own!['banned-phrases']).toContain('restatement');
  });
});

describe('editorsNoteProblems', () => {
  const own = StyleRulesSchema.parse({
    prefer: {},
    'editors-note-phrases': ["editors' view", "editors' reading", 'editors suggest'],
  });
  const article = (file: string, text: string) => ({ file, text });

  it('passes one labelled note in each of at most two articles', () => {
    const articles = [
      article('a.mdx', "In the editors' view, the bundle matters."),
      article('b.mdx', 'The editors’ reading, not the survey’s finding.'),
      article('c.mdx', 'The survey asked one question.'),
    ];
    expect(editorsNoteProblems(articles, own)).toEqual([]);
  });

  it("fails an article that labels the editors' view twice, naming the lines", () => {
    const text = "In the editors' view, one.\nThen the editors suggest\nthree things.";
    expect(editorsNoteProblems([article('a.mdx', text)], own)).toEqual([
      'a.mdx: 2 editors\' notes ("editors\' view" (line 1), "editors suggest" (line 2)), more than the 1 an article ' +
        'may hold (content/STYLE.md, "The editors\' view"): keep one note, labelled once, and end where the evidence ends',
    ]);
  });

  it("fails a third article with an editors' note, naming every article that holds one", () => {
    const articles = ['a', 'b', 'c'].map((name) => article(`${name}.mdx`, "The editors' view follows."));
    expect(editorsNoteProblems(articles, own)).toEqual([
      "3 articles hold an editors' note (a.mdx, b.mdx, c.mdx), more than the 2 a series may hold " +
        '(content/STYLE.md, "The editors\' view"): let the others end where the evidence ends',
    ]);
  });

  it("holds the project's style sheet to one note an article and two a series", () => {
    const { rules: project } = readStyleRules(process.cwd());
    expect(project!['editors-notes-per-article']).toBe(1);
    expect(project!['editors-note-articles']).toBe(2);
    expect(project!['editors-note-phrases']).toEqual(expect.arrayContaining(["editors' view", "editors' reading"]));
  });
});
