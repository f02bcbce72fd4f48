import { COUNT_WORDS, PART_WORDS } from './number-words.ts';

/**
 * Whether a headline states a number that a card would set beside it (issue 20 round 9: "64%" beside "nearly
 * two in three respondents said"). A card shows a number or a headline that says it, never both.
 *
 * In digits: the number itself ("64%", "64 percent", "1,200"), not a year or another figure's threshold.
 * In words, for a share: a fraction ("two in three", "a third", "half", "three quarters") within
 * {@link WORDS_TOLERANCE} percentage points of it, however qualified ("nearly", "over", "more than").
 */
export const WORDS_TOLERANCE = 10;

/** Every share the text says in words, in percent. */
function sharesInWords(text: string): number[] {
  const lower = text.toLowerCase().replace(/[-‑]/g, ' ');
  const shares: number[] = [];
  const count = Object.keys(COUNT_WORDS).join('|');
  for (const m of lower.matchAll(new RegExp(`\\b(${count}|\\d+) in (${count}|\\d+)\\b`, 'g'))) {
    const [top, bottom] = [m[1]!, m[2]!].map((w) => COUNT_WORDS[w] ?? Number(w));
    if (top && bottom && top < bottom) shares.push((100 * top) / bottom);
  }
  const part = Object.keys(PART_WORDS).join('|');
  for (const m of lower.matchAll(new RegExp(`\\b(?:(${count}) )?(${part})\\b`, 'g'))) {
    const top = m[1] ? COUNT_WORDS[m[1]]! : 1;
    const bottom = PART_WORDS[m[2]!]!;
    if (top < bottom) shares.push((100 * top) / bottom);
  }
  return shares;
}

/** Every number the text says in digits (thousands separators allowed). */
function numbersInDigits(text: string): number[] {
  return [...text.matchAll(/(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\d.,])\d+(?:\.\d+)?/g)].map((m) =>
    Number(m[0].replace(/,/g, '')),
  );
}

/**
 * True when `text` states `value` in digits, or, for a share (`unit` "percent"), in words. A percent stated in
 * digits must carry its sign or "percent" ("2020" is not a share of 20).
 */
export function statesNumber(text: string, value: number, unit: string): boolean {
  if (unit === 'percent') {
    const digits = [...text.matchAll(/(\d+(?:\.\d+)?)\s*(?:%|per ?cent\b)/gi)].map((m) => Number(m[1]));
    if (digits.some((n) => Math.abs(n - value) < 0.5)) return true;
    return sharesInWords(text).some((share) => Math.abs(share - value) <= WORDS_TOLERANCE);
  }
  return numbersInDigits(text).some((n) => n === value);
}
