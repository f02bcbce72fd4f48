/** What the build records about each report PDF (dist/report/manifest.json), read by the server. */
export interface ReportManifestEntry {
  series: string;
  /** File of the PDF in the report directory. */
  file: string;
  /** Name readers get on download. */
  fileName: string;
  title: string;
  pages: number;
  bytes: number;
  sha256: string;
  generatedAt: string;
  /** The report's contents with their pages. */
  contents: { title: string; page: number }[];
  /** Pictures of the cover and two spreads, in the report directory's `previews/` (absent before them). */
  previews?: ReportPreviews;
}

/** A picture of report pages: its file, its size in pixels, what it shows, and which pages. */
export interface ReportPreview {
  file: string;
  width: number;
  height: number;
  alt: string;
  pages: number[];
}

export interface ReportPreviews {
  cover: ReportPreview;
  spreads: ReportPreview[];
}

export const MANIFEST_FILE = 'manifest.json';

/** The folder, in the report directory, that holds the pictures of report pages. */
export const PREVIEW_DIR = 'previews';
/** A picture's file name: series, what it shows, content hash. Nothing else is served from there. */
export const PREVIEW_FILE = /^[a-z0-9-]+-(cover|spread-\d+)-[0-9a-f]{12}\.webp$/;

/** Every picture a manifest entry names. */
export const previewsOf = (entry: Pick<ReportManifestEntry, 'previews'> | undefined): ReportPreview[] =>
  entry?.previews ? [entry.previews.cover, ...entry.previews.spreads] : [];
