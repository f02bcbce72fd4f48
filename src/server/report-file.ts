import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, type ReportManifestEntry } from '../lib/report-manifest.ts';

/** The built report of a series: the PDF on disk and what the build recorded about it. */
export interface ReportFile extends ReportManifestEntry {
  path: string;
  etag: string;
}

/** The report of `series`, or undefined when the build has not made one (or the file is gone). */
export function findReport(reportDir: string, series: string): ReportFile | undefined {
  let manifest: ReportManifestEntry[];
  try {
    manifest = JSON.parse(readFileSync(join(reportDir, MANIFEST_FILE), 'utf8')) as ReportManifestEntry[];
  } catch {
    return undefined;
  }
  const entry = manifest.find((m) => m.series === series);
  if (!entry) return undefined;
  const path = join(reportDir, entry.file);
  try {
    if (statSync(path).size !== entry.bytes) return undefined;
  } catch {
    return undefined;
  }
  return { ...entry, path, etag: `"${entry.sha256.slice(0, 32)}"` };
}
