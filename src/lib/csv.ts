import type { Figure } from './schema/figure.ts';
import { citationText } from './citation.ts';

/**
 * The dataset behind one figure as CSV (RFC 4180), one row per bar, with base and source on every line
 * (the source as cited to readers, never its internal key).
 */

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
  'previous_base',
  'previous_n',
  'source',
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
      row.previous === undefined ? undefined : figure.previousBase,
      row.previous === undefined ? undefined : figure.previousN,
      citationText(source),
      source.url,
    ]
      .map(csvField)
      .join(',');
  });
  return [CSV_COLUMNS.join(','), ...lines].join('\r\n') + '\r\n';
}

/**
 * A CSV field for text that came from the public (lead exports). A spreadsheet runs a cell starting with
 * = + - @ (or tab, CR) as a formula, and may split a field on ; , | or tab before looking, so a formula
 * character at the start or after any of those neutralises the whole field with a leading apostrophe.
 * Fields holding a separator (; | and tab too, which some locales and importers split on) are quoted.
 */
export function untrustedCsvField(value: string | number | boolean | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  const safe = /(^|[;,|\t\r\n])[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;|\t]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : csvField(safe);
}
