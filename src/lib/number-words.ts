/**
 * The words a share is said in ("two in three", "a third", "three quarters"), in one table for each check that
 * reads them: the content check's quantity words (content/quantity-words.ts)
 * and the PDF's value check (tests/build/pdf-quality.ts). Three copies had drifted apart (one knew "fourths",
 * another did not).
 */

/** Small whole numbers in words, and "a" as in "a third". */
export const COUNT_WORDS: Readonly<Record<string, number>> = {
  a: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** A fraction's part in words, singular and plural, by its denominator ("thirds": 3). */
export const PART_WORDS: Readonly<Record<string, number>> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  tenth: 10,
  tenths: 10,
};
