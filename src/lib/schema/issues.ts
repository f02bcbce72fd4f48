/** Zod issues as sentences an editor can act on: `field "rows[2].value" is a percentage and must be...`. */
import { z } from 'astro/zod';
import { closest } from '../figures.ts';

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  /** For an unknown field: the fields written that the object does not know. */
  keys?: readonly string[];
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

export function formatIssues(issues: readonly IssueLike[]): string[] {
  return issues.flatMap((issue) => {
    // One line per unknown field, named by its whole path (the message has a line per key, in order, each
    // naming its key alone, for Astro's error which shows the message without the field).
    if (issue.code === 'unrecognized_keys' && issue.keys) {
      const messages = issue.message.split('\n');
      return issue.keys.map(
        (key, i) => `field "${fieldPath([...issue.path, key])}" ${(messages[i] ?? '').replace(/^"[^"]*" /, '')}`,
      );
    }
    return [issue.path.length > 0 ? `field "${fieldPath(issue.path)}" ${issue.message}` : issue.message];
  });
}

/**
 * An object of the given fields that refuses any other: a misspelt field (`keyfigure`, `Draft`,
 * `dervied`) is an error naming the field it resembles, never silently dropped with its value.
 */
export function knownFields<Shape extends z.ZodRawShape>(shape: Shape, params?: { error: string }) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    // Any other issue of the object itself (it is missing, or not an object) takes `params.error`.
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return params?.error;
      return issue.keys
        .map((key) => {
          const guess = closest(key, known);
          return guess
            ? `"${key}" is not a known field. Did you mean "${guess}"?`
            : `"${key}" is not a known field (known: ${known.map((k) => `"${k}"`).join(', ')}).`;
        })
        .join('\n');
    },
  });
}
