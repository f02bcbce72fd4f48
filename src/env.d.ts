declare namespace App {
  interface Locals {
    /** The series of a prerendered series page, set by the middleware. */
    series?: import('./data/series.ts').Series;
    /** Set by the download route before it shows the link-problem page. */
    linkProblem?: 'expired' | 'invalid';
  }
}
