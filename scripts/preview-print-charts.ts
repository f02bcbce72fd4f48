/**
 * `npm run preview:print-charts [out.pdf] [widths]`: every figure of every series under content/series drawn
 * as a print chart (src/integrations/report-pdf/typst/charts.typ), captioned as the report captions it, at
 * the report's two widths, 105 mm (the text column) and 160 mm (full width), or at the widths given in mm
 * ("80,105,160"), into one PDF (default /tmp/print-charts.pdf) to look at, e.g. with
 * `pdftoppm -r 110 -png /tmp/print-charts.pdf /tmp/print-charts` (add -gray for black-and-white print).
 */
import { writeFileSync } from 'node:fs';
import { readSeriesFromDisk, seriesIdsOnDisk } from '../src/lib/content/series-files.ts';
import { surveyCredit } from '../src/lib/chart/summary.ts';
import { printChartModel } from '../src/integrations/report-pdf/typst/chart-model.ts';
import { chartSheetSource, compileTypstPdf } from '../src/integrations/report-pdf/typst/chart-sheet.ts';

const root = process.cwd();
const out = process.argv[2] ?? '/tmp/print-charts.pdf';
/** Column widths in mm: the text column and the full width, or those given as a third argument ("80,105"). */
const widths = (process.argv[3] ?? '105,160').split(',').map(Number);
if (widths.some((w) => !(w > 0)))
  throw new Error(`widths must be millimetres, e.g. "80,105,160", not "${process.argv[3]}"`);
const models = seriesIdsOnDisk(root).flatMap((id) => {
  const series = readSeriesFromDisk(root, id);
  if (!series.data) throw new Error(`${series.seriesFile}: does not pass its schema (npm run check:content)`);
  const credit = surveyCredit(series.data);
  return series.figures.map((figure) => printChartModel(figure, credit));
});
const started = performance.now();
writeFileSync(out, compileTypstPdf(chartSheetSource(models, { widthsMm: widths }), root));
console.log(
  `${models.length} print charts at ${widths.join(', ')} mm: ${out} (${Math.round(performance.now() - started)} ms)`,
);
