/** URLs of the files a series publishes, shared by the pages and the structured data. */

/** A figure's data download: /<series>/figures/<id>.csv or .json */
export const figureDataHref = (seriesId: string, figureId: string, format: 'csv' | 'json') =>
  `/${seriesId}/figures/${figureId}.${format}`;
