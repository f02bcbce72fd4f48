import type { Figure } from './schema/figure.ts';

/** The dataset behind one figure as CSV (RFC 4180), one row per bar, with base and source on every line. */

export const CSV_COLUMNS = [
  'figure',
  'label',
  'value',
  'previous_value',
  'unit',
  'derived',
  'base',
  'n',
  'multi_select',
  'source_key',
  'source_url',
] as const;

export function csvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function figureToCsv(figure: Figure): string {
  const lines = figure.rows.map((row) => {
    const source = row.source ?? figure.source;
    return [
      figure.id,
      row.label,
      row.value,
      row.previous,
      figure.unit,
      row.derived,
      figure.base,
      figure.n,
      figure.multiSelect,
      source.key,
      source.url,
    ]
      .map(csvField)
      .join(',');
  });
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

/**
 * A CSV field for text that came from the public (lead exports): a leading = + - @ or tab would run as a
 * formula when the file is opened in a spreadsheet, so it is neutralised with a leading apostrophe.
 */
export function untrustedCsvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return csvField(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);
}
