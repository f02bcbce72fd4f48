/**
 * MDX components of the printed report (`/[series]/report/print/`): semantic HTML that the Typst converter
 * (src/integrations/report-pdf/typst/html-to-typst.ts) reads, not a styled page.
 */
import type { ComponentName } from '../../../lib/mdx-refs.ts';
import PrintFigure from './PrintFigure.astro';
import PrintStat from './PrintStat.astro';
import PrintSurvey from './PrintSurvey.astro';
import PrintRatio from './PrintRatio.astro';
import PrintNumbers from './PrintNumbers.astro';
import PrintGap from './PrintGap.astro';

export const printComponents = {
  Figure: PrintFigure,
  Stat: PrintStat,
  Survey: PrintSurvey,
  Ratio: PrintRatio,
  Numbers: PrintNumbers,
  Gap: PrintGap,
} satisfies Record<ComponentName, unknown>;
