import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The print's share words (share-words.typ, decision G of docs/report-pdf.md), run in the real Typst compiler for
 * every share from 1% to 99%. Round 15 found 49% printed "half of respondents": a phrase must never name a
 * fraction the value does not reach unless it says so ("nearly half").
 */

const FRACTIONS: Record<string, number> = {
  half: 1 / 2,
  'a third': 1 / 3,
  'two in three': 2 / 3,
  'one in four': 1 / 4,
  'three in four': 3 / 4,
  'one in five': 1 / 5,
  'two in five': 2 / 5,
  'three in five': 3 / 5,
  'four in five': 4 / 5,
  'one in ten': 1 / 10,
  'three in ten': 3 / 10,
  'seven in ten': 7 / 10,
  'nine in ten': 9 / 10,
};

async function wordsForEveryShare(): Promise<Map<number, string | null>> {
  const { NodeCompiler } = await import('@myriaddreamin/typst-ts-node-compiler');
  const compiler = NodeCompiler.create({ workspace: '/share-words' });
  const file = new URL('../../src/integrations/report-pdf/typst/share-words.typ', import.meta.url);
  compiler.addSource('/share-words/share-words.typ', readFileSync(file, 'utf8'));
  compiler.addSource(
    '/share-words/main.typ',
    '#import "/share-words.typ": share-words\n' +
      '#for v in range(1, 100) [#metadata((v: v, words: share-words(float(v))))<words>]\n',
  );
  const result = compiler.compile({ mainFilePath: '/share-words/main.typ' });
  if (result.hasError() || !result.result) throw new Error('share-words.typ does not compile');
  const found = compiler.query(result.result, { selector: '<words>' }) as {
    value: { v: number; words: string | null };
  }[];
  return new Map(found.map(({ value }) => [value.v, value.words]));
}

describe('share words in print', () => {
  it('never names a fraction a share does not reach, unless it says "nearly" or "under"', async () => {
    const words = await wordsForEveryShare();
    expect(words.size).toBe(99);
    for (const [value, phrase] of words) {
      if (value < 10) {
        expect(phrase, `${value}% keeps its number`).toBeNull();
        continue;
      }
      const match = /^(over |nearly |under )?(.+)$/.exec(phrase!)!;
      const [, qualifier, name] = match;
      const fraction = FRACTIONS[name!];
      expect(fraction, `${value}%: "${phrase}"`).toBeDefined();
      const share = fraction! * 100;
      if (qualifier === 'nearly ' || qualifier === 'under ')
        expect(share, `${value}%: "${phrase}"`).toBeGreaterThan(value);
      else expect(share, `${value}%: "${phrase}"`).toBeLessThanOrEqual(value);
      // "Over" only a point and a half or more above; "nearly" within a point and a half below.
      if (qualifier === 'over ') expect(value - share).toBeGreaterThanOrEqual(1.5);
      if (qualifier === 'nearly ') expect(share - value).toBeLessThan(1.5);
    }
  });

  it('says 49% "nearly half", 50% "half", 83% "over four in five" and 66% "nearly two in three"', async () => {
    const words = await wordsForEveryShare();
    expect(words.get(49)).toBe('nearly half');
    expect(words.get(50)).toBe('half');
    expect(words.get(83)).toBe('over four in five');
    expect(words.get(66)).toBe('nearly two in three');
    expect(words.get(67)).toBe('two in three');
    expect(words.get(64)).toBe('over three in five');
  });
});
