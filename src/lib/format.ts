import { maskFrontmatter } from './mdx-source.ts';

/** Formatting of dataset values and dates for prose, tables and charts. */

const percentFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'UTC' });

/** A dataset percentage as written in prose: 57 -> "57%", 12.5 -> "12.5%". Never rounds to whole numbers. */
export function formatPercent(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`formatPercent: ${value} is not a finite number`);
  return `${percentFormat.format(value)}%`;
}

/** A publication date in the site's style, independent of the build machine's time zone. */
export function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError('formatDate: invalid date');
  return dateFormat.format(date);
}

/** A count with its noun, in agreement: "1 trend", "10 trends". */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** How a sentence names every trend of a series: "all 10 trends"; "the series" where it has one. */
export function allTrends(n: number): string {
  return n === 1 ? 'the series' : `all ${n} trends`;
}

/** Text that begins a sentence or a label: its first letter upper case. */
export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** ISO calendar date (YYYY-MM-DD) for `<time datetime>`. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Words per minute used for reading time. */
export const WORDS_PER_MINUTE = 220;

/** Reading time in whole minutes, at least one. */
export function readingMinutes(wordCount: number): number {
  return Math.max(1, Math.round(wordCount / WORDS_PER_MINUTE));
}

/**
 * "7 min read", on every article (round 12 of issue 20: shown from three minutes, it stood on four articles of
 * ten, and a reader could not tell a short article from one whose byline had lost it).
 */
export function readingTime(minutes: number): string {
  return `${minutes} min read`;
}

/** Counts words in MDX prose: frontmatter, imports, tags and markup do not count, a `<Stat>` counts as one word. */
export function countWords(mdx: string): number {
  const text = maskFrontmatter(mdx)
    .replace(/^(import|export)\s.*$/gm, ' ')
    .replace(/<Stat\b[^>]*\/>/g, ' 0 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/[#*_`>[\]()|-]+/g, ' ');
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

/** What a figure's values measure: shares of a base, or numbers of their own (see `FigureSchema.unit`). */
export type ValueUnit = 'percent' | 'count' | 'currency' | 'days' | 'score';

/** How one figure's values are written: their unit, the currency where they are money, the series' locale. */
export interface UnitSpec {
  unit: ValueUnit;
  /** ISO 4217 code ("EUR") where `unit` is "currency". */
  currency?: string | undefined;
  /** BCP 47 tag of the series' language (`series.yaml` `language`); English where not given. */
  locale?: string | undefined;
  /** For "score": the scale the values lie on (1-5 for a mean rating, -100 to 100 for a Net Promoter Score). */
  scale?: { min: number; max: number } | undefined;
  /**
   * Fixed decimals (a share, a score, days, a count): 0 or 1 for a value computed from the series' own responses,
   * so "34%" stands beside "30–38%" and "34.2%" beside "30.0–38.3%". Unset: as many as the value has (published
   * figures are written as their source gives them).
   */
  digits?: number | undefined;
  /** For "count": the period the count is of ("week"): written "9.1 a week". */
  per?: string | undefined;
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale} ${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}

/** Whether a score scale runs below zero (a Net Promoter Score): its values are written with their sign. */
export const signedScale = (spec: UnitSpec) => (spec.scale?.min ?? 0) < 0;

/** A formatted number with its hyphen-minus (U+002D) made a true minus sign (U+2212), as typesetting wants. */
const trueMinus = (text: string) => text.replace(/-/g, '\u2212');

/**
 * A value in its unit, in the series' locale, as prose, tables, charts and downloads write it: a share
 * "57%" ("57 %" in German), a count "4.5", money "€1,250", a duration "12.5 days", a score "3.8", a Net
 * Promoter Score with its sign "+23" or "−12" (a true minus sign, U+2212). Never rounds a share to whole numbers; other units keep one decimal
 * (money: whole units where the value is whole, else cents).
 */
export function formatValue(value: number, spec: UnitSpec): string {
  if (!Number.isFinite(value)) throw new TypeError(`formatValue: ${value} is not a finite number`);
  // A negative value (an NPS can be) is written with a true minus sign, "−12", never a hyphen.
  return trueMinus(formatUnit(value, spec));
}

function formatUnit(value: number, spec: UnitSpec): string {
  const locale = spec.locale ?? 'en';
  switch (spec.unit) {
    case 'percent':
      // Divided as decimals are, so 57.3 stays 57.3 and is not 57.300000000000004.
      return numberFormat(locale, { style: 'percent', ...fixed(spec, 2) }).format(Number(`${value}e-2`));
    case 'currency': {
      if (!spec.currency) throw new TypeError('formatValue: a currency value needs its ISO code (e.g. "EUR")');
      const digits = Number.isInteger(value) ? 0 : 2;
      return numberFormat(locale, {
        style: 'currency',
        currency: spec.currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(value);
    }
    case 'days':
      return numberFormat(locale, {
        style: 'unit',
        unit: 'day',
        unitDisplay: 'long',
        ...fixed(spec, 1),
      }).format(value);
    case 'score':
      return numberFormat(locale, {
        ...fixed(spec, 1),
        ...(signedScale(spec) ? { signDisplay: 'exceptZero' as const } : {}),
      }).format(value);
    case 'count': {
      const count = numberFormat(locale, fixed(spec, 1)).format(value);
      return spec.per ? `${count} a ${spec.per}` : count;
    }
  }
}

/** The decimals of a value: `spec.digits` exactly where set, else up to `most`. */
const fixed = (spec: UnitSpec, most: number): Intl.NumberFormatOptions =>
  spec.digits === undefined
    ? { maximumFractionDigits: most }
    : { minimumFractionDigits: spec.digits, maximumFractionDigits: spec.digits };

/**
 * An axis tick in its unit: as `formatValue` writes it, but short where space is tight: money and counts
 * of 10,000 and more in compact notation ("€25K"), days as a bare number (the axis title names the unit).
 */
export function formatTick(value: number, spec: UnitSpec): string {
  return trueMinus(formatTickUnit(value, spec));
}

function formatTickUnit(value: number, spec: UnitSpec): string {
  const locale = spec.locale ?? 'en';
  const compact = Math.abs(value) >= 10_000 ? { notation: 'compact' as const } : {};
  switch (spec.unit) {
    case 'currency':
      return numberFormat(locale, {
        style: 'currency',
        currency: spec.currency ?? 'USD',
        maximumFractionDigits: 0,
        ...compact,
      }).format(value);
    case 'days':
    case 'count':
      return numberFormat(locale, { maximumFractionDigits: 1, ...compact }).format(value);
    default:
      // A tick is a round number: written whole, without the decimals a figure's values may carry.
      return formatValue(value, { ...spec, digits: undefined });
  }
}

/** What a value is, as a summary sentence names its unit: "share", "number", "amount in EUR", "days", "score". */
export function unitNoun(spec: UnitSpec): string {
  switch (spec.unit) {
    case 'percent':
      return 'share';
    case 'count':
      return spec.per ? `number a ${spec.per}` : 'number';
    case 'currency':
      return `amount in ${spec.currency ?? 'an unnamed currency'}`;
    case 'days':
      return 'number of days';
    case 'score':
      return spec.scale
        ? `score on a scale from ${formatValue(spec.scale.min, spec)} to ${formatValue(spec.scale.max, spec)}`
        : 'score';
  }
}
