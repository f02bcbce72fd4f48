declare namespace App {
  interface Locals {
    /**
     * The series of a prerendered series page, set once by its route from its static props: the MDX
     * components read their figures and survey facts here, so figure ids are scoped to a series.
     * (Not middleware: middleware is bundled into the server, and this must not pull the articles in.)
     */
    series?: import('./data/series.ts').Series;
    /** The series of an on-demand series page (its summary): the header and footer link to it. */
    frame?: import('./lib/series-summary.ts').SeriesSummary;
    /** The language of an on-demand series page, which has the series' summary rather than its content. */
    lang?: string;
    /** Set by the download route before it shows the link-problem page. */
    linkProblem?: 'expired' | 'invalid';
    /** Set by the middleware when it refuses a cross-site form: the path the form was posted to. */
    formRefused?: string;
    /**
     * The gate's services (one lead store, the limiters, the link issuer), made once by `npm start`
     * (src/gate/gate.ts) and passed to every on-demand route; read them with `gateServices`.
     */
    services?: import('./gate/services.ts').Services;
  }
}
