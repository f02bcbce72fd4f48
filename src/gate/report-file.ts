import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILE, type ReportManifestEntry } from '../lib/report-manifest.ts';

/** The built report of a series: the PDF on disk and what the build recorded about it. */
export interface ReportFile extends ReportManifestEntry {
  path: string;
  etag: string;
}

/** The report manifest exists but cannot be read as one: the build or a copy went wrong, waiting will not help. */
export class CorruptReportManifest extends Error {
  constructor(path: string, reason: string) {
    super(`The report manifest ${path} is corrupt (${reason}): rebuild the report with \`npm run build:report\`.`);
    this.name = 'CorruptReportManifest';
  }
}

/** Said to the reader when the report is there but broken on the server; the details go to the server log. */
export const REPORT_BROKEN =
  'The report cannot be sent right now because of a problem on our side. We are on it: please try again later.';

/** The manifest last read, by path, with the file's identity then: it is read again only when it changes. */
const manifests = new Map<string, { stamp: string; entries: ReportManifestEntry[] }>();

/** The manifest's entries: parsed once per version of the file (one stat per request, not a read and a parse). */
function readManifest(path: string): ReportManifestEntry[] | undefined {
  let stamp: string;
  try {
    const stat = statSync(path, { bigint: true });
    stamp = `${stat.ino}:${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  } catch {
    manifests.delete(path);
    return parseManifest(path);
  }
  const known = manifests.get(path);
  if (known?.stamp === stamp) return known.entries;
  const entries = parseManifest(path);
  if (entries) manifests.set(path, { stamp, entries });
  return entries;
}

function parseManifest(path: string): ReportManifestEntry[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    // No manifest yet: the report is still being built.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CorruptReportManifest(path, (error as Error).message);
  }
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new CorruptReportManifest(path, (error as Error).message);
  }
  const valid = (m: unknown) =>
    typeof m === 'object' &&
    m !== null &&
    ['series', 'file', 'sha256'].every((key) => typeof (m as Record<string, unknown>)[key] === 'string') &&
    typeof (m as Record<string, unknown>).bytes === 'number';
  if (!Array.isArray(manifest)) throw new CorruptReportManifest(path, 'not a list of reports');
  const bad = manifest.findIndex((m) => !valid(m));
  if (bad >= 0) throw new CorruptReportManifest(path, `entry ${bad} lacks series, file, bytes or sha256`);
  return manifest as ReportManifestEntry[];
}

/**
 * The report of `series`, or undefined when the build has not made one (or the file is gone).
 * Throws `CorruptReportManifest` when the manifest is there but unreadable.
 */
export function findReport(reportDir: string, series: string): ReportFile | undefined {
  const manifest = readManifest(join(reportDir, MANIFEST_FILE));
  const entry = manifest?.find((m) => m.series === series);
  if (!entry) return undefined;
  const path = join(reportDir, entry.file);
  try {
    if (statSync(path).size !== entry.bytes) return undefined;
  } catch {
    return undefined;
  }
  return { ...entry, path, etag: `"${entry.sha256.slice(0, 32)}"` };
}

/** `findReport` for a page that can show itself without the report: a corrupt manifest is logged, not thrown. */
export function findReportOrLog(reportDir: string, series: string): ReportFile | undefined {
  try {
    return findReport(reportDir, series);
  } catch (error) {
    if (!(error instanceof CorruptReportManifest)) throw error;
    console.error(error.message);
    return undefined;
  }
}
