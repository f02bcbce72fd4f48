/** The series summaries generated at build time by `src/integrations/series-manifest.ts`. */
declare module 'virtual:series-manifest' {
  const summaries: import('./lib/series-summary.ts').SeriesSummary[];
  export default summaries;
}
