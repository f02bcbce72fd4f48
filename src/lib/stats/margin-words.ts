import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'astro/zod';
import { parseYaml } from '../content/files.ts';
import { STYLE_FILE } from '../content/style-sheet.ts';
import { styleRulesBlock } from '../style-rules.ts';

/**
 * The words that make a sentence with two `<Stat>`s a comparison or a change, for the margin-of-error
 * warning: two lists of content/STYLE.md's ```style-rules block, which editors extend there. They are not
 * banned: the style check reads only its own lists.
 */

export interface MarginWords {
  /** Words that compare two values: "more than", "leads", "ahead of", "twice". */
  comparison: readonly string[];
  /** Words that describe a change between editions: "rose", "fell", "up from". */
  change: readonly string[];
}

const phrases = z.array(z.string().min(1), { error: 'must be a list of words or phrases' }).default([]);

const MarginWordsSchema = z.object({ 'comparison-words': phrases, 'change-words': phrases });

/**
 * The two lists from the style sheet at `root`, and any problem with them. A style sheet that is missing or
 * cannot be read has its problem reported by the style check; here it gives empty lists.
 */
export function readMarginWords(root: string): { words: MarginWords; problems: string[] } {
  const path = join(root, STYLE_FILE);
  const block = existsSync(path) ? styleRulesBlock(readFileSync(path, 'utf8')) : undefined;
  let data: unknown;
  try {
    data = block === undefined ? {} : parseYaml(block);
  } catch {
    data = {};
  }
  const result = MarginWordsSchema.safeParse(data);
  if (!result.success) {
    const fields = [...new Set(result.error.issues.map((issue) => String(issue.path[0])))];
    return {
      words: { comparison: [], change: [] },
      problems: fields.map((field) => `${STYLE_FILE}: style-rules field "${field}" must be a list of words or phrases`),
    };
  }
  return { words: { comparison: result.data['comparison-words'], change: result.data['change-words'] }, problems: [] };
}
