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
}

export const MANIFEST_FILE = 'manifest.json';
