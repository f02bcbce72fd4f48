/** Zod issues as sentences an editor can act on: `field "rows[2].value" is a percentage and must be...`. */

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)),
    '',
  );
}

export function formatIssues(issues: readonly IssueLike[]): string[] {
  return issues.map((issue) =>
    issue.path.length > 0 ? `field "${fieldPath(issue.path)}" ${issue.message}` : issue.message,
  );
}
