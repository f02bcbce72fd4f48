/** The series summaries generated at build time by `src/integrations/series-manifest.ts`. */
declare module 'virtual:series-manifest' {
  const summaries: import('./lib/series-summary.ts').SeriesSummary[];
  export default summaries;
  /** Whether drafts and scheduled trends are shown: in `astro dev` (the command, not NODE_ENV). */
  export const includesUnpublished: boolean;
}
