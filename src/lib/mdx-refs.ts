/**
 * Finds the dataset references an article makes in its MDX body (`<Figure id>`, `<Stat figure label>`,
 * `<Survey fact>`), with line numbers, from the source text. Pure: no MDX compiler needed.
 */

export type ComponentName = 'Figure' | 'Stat' | 'Survey';

export interface ComponentRef {
  component: ComponentName;
  /** Attributes as written; a bare attribute (e.g. `previous`) has the value `true`. */
  attributes: Record<string, string | true>;
  /** 1-based line in the source the tag starts on. */
  line: number;
}

const TAG = /<(Figure|Stat|Survey)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([A-Za-z][\w-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|\{\s*["']([^"']*)["']\s*\}))?/g;

export function lineAt(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

export function findComponentRefs(source: string): ComponentRef[] {
  const refs: ComponentRef[] = [];
  for (const match of source.matchAll(TAG)) {
    const attributes: Record<string, string | true> = {};
    const body = (match[2] ?? '').replace(/\/\s*$/, '');
    for (const attr of body.matchAll(ATTRIBUTE)) {
      const [, name, dq, sq, expr] = attr;
      if (!name) continue;
      attributes[name] = dq ?? sq ?? expr ?? true;
    }
    refs.push({ component: match[1] as ComponentName, attributes, line: lineAt(source, match.index) });
  }
  return refs;
}

/** The figure ids an article body uses, through `<Figure id>` or `<Stat figure>`. */
export function figureIdsUsed(refs: readonly ComponentRef[]): string[] {
  const ids = refs
    .map((ref) =>
      ref.component === 'Figure' ? ref.attributes.id : ref.component === 'Stat' ? ref.attributes.figure : undefined,
    )
    .filter((id): id is string => typeof id === 'string');
  return [...new Set(ids)];
}
