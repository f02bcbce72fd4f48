/**
 * A chapter's title as the printed report sets it: a share the title says in words ("Over four in five raised…")
 * printed as the value a reader will quote ("83% raised…"). Issue 19, round 14: "nearly two in three" stood for
 * 64%, 66% and 67% in different chapters, so a reader could not tell which. The web keeps its words.
 *
 * A phrase becomes digits only where exactly one value of the chapter's figures fits it: "over" and "more than"
 * a point and a half to ten points above the fraction (half a point, where no value lies further off: "nearly
 * half" for 49%), "nearly", "almost" and "under" as far below it, a bare
 * fraction within a point and a half (the value it states exactly, where there is one). Anything else ("over half" where no value fits, "most") stays in words.
 */
import { COUNT_WORDS } from '../number-words.ts';
import { computedDigits } from '../chart/unit.ts';

const PHRASE =
  /\b(?:(more than|over|nearly|almost|under|less than|fewer than|about|roughly)\s+)?(?:(one|two|three|four|five|six|seven|eight|nine) in (two|three|four|five|ten)|(half))\b/gi;
/** Nouns a share counts: "Two in five respondents said" prints "40% of respondents said". */
const COUNTED = /^\s+(respondents|organizations|teams|companies|leaders)\b/;

function fits(modifier: string | undefined, fraction: number, value: number, off: number): boolean {
  const mod = modifier?.toLowerCase();
  if (mod === 'more than' || mod === 'over') return value - fraction >= off && value <= fraction + 10;
  if (mod && !['about', 'roughly'].includes(mod)) return fraction - value >= off && value >= fraction - 10;
  return Math.abs(value - fraction) < 1.5;
}

export function titleInDigits(title: string, values: readonly number[]): string {
  return title.replace(
    PHRASE,
    (
      phrase: string,
      modifier: string | undefined,
      count: string | undefined,
      whole: string | undefined,
      half: string | undefined,
      offset: number,
    ) => {
      const fraction = half ? 50 : (COUNT_WORDS[count!.toLowerCase()]! / COUNT_WORDS[whole!.toLowerCase()]!) * 100;
      const within = (off: number) => [...new Set(values.filter((value) => fits(modifier, fraction, value, off)))];
      // "Nearly half" for 49% where no value lies further off: a title's words may sit closer than the share words'.
      const fitting = within(1.5).length > 0 ? within(1.5) : within(0.5);
      // A bare fraction the chapter states exactly ("two in five" for 40%, beside a 41%) is that value.
      const exact = modifier ? [] : fitting.filter((value) => Math.abs(value - fraction) < 0.5);
      const candidates = exact.length === 1 ? exact : fitting;
      if (candidates.length !== 1) return phrase;
      const rest = title.slice(offset + phrase.length);
      return `${candidates[0]}%${COUNTED.test(rest) ? ' of' : ''}`;
    },
  );
}

/**
 * The published shares a chapter's title may state: the rows of the figures its trend lists, both editions. A share
 * computed from responses is kept to four decimals; it is taken as its figure writes it (`computedDigits`: 10.4213
 * is "10%"), so the title prints what the chapter's text and chart say.
 */
export function chapterShares(
  figures: readonly {
    id: string;
    unit: string;
    survey?: unknown;
    rows: readonly { value: number; previous?: number; derived?: boolean; interval?: { low: number; high: number } }[];
  }[],
  ids: readonly string[],
): number[] {
  return figures
    .filter((f) => ids.includes(f.id) && f.unit === 'percent')
    .flatMap((f) => {
      const digits = computedDigits(f);
      const written = (value: number) => (digits === undefined ? value : Number(value.toFixed(digits)));
      return f.rows
        .filter((r) => !r.derived)
        .flatMap((r) => (r.previous === undefined ? [r.value] : [r.value, r.previous]))
        .map(written);
    });
}
