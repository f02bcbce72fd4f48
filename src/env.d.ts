declare namespace App {
  interface Locals {
    /** Set by the download route before it shows the link-problem page. */
    linkProblem?: 'expired' | 'invalid';
  }
}
