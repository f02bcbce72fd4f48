/** A CSS string literal: quotes, backslashes and line breaks escaped. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/** What the printed report's page margins carry. */
export interface RunningHeads {
  /** Top left: the report's title. */
  title: string;
  /** Top right: the edition. */
  edition: string;
  /** Bottom left: who publishes the report. */
  publisher: string;
}

/**
 * The report's running heads and page numbers as CSS page-margin boxes, in the page's own fonts (so they
 * are embedded with the rest) at 8.5 pt. The cover (`page: cover`) has none.
 */
export function runningHeadsCss({ title, edition, publisher }: RunningHeads): string {
  const box = (content: string, align: 'left' | 'right', vertical: 'top' | 'bottom') =>
    `{content:${content};font-family:var(--mt-font-body);font-size:8.5pt;color:#4f5b66;text-align:${align};vertical-align:${vertical === 'top' ? 'bottom' : 'top'};padding-${vertical === 'top' ? 'bottom' : 'top'}:4mm}`;
  return [
    '@page{',
    `@top-left${box(cssString(title), 'left', 'top')}`,
    `@top-right${box(cssString(edition), 'right', 'top')}`,
    `@bottom-left${box(cssString(publisher), 'left', 'bottom')}`,
    `@bottom-right${box('counter(page)', 'right', 'bottom')}`,
    '}',
    '@page cover{@top-left{content:none}@top-right{content:none}@bottom-left{content:none}@bottom-right{content:none}}',
  ].join('');
}
