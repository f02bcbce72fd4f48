import nlp from 'compromise';

/**
 * A key number is printed large with its label after it ("57% say infrastructure and operations leaders
 * help set AI/ML priorities"), so the label must read as the rest of a sentence whose subject is the
 * share of respondents. A bare noun phrase ("57% infrastructure and operations leaders", "49% integration
 * and compatibility of ML technologies") reads as a share of job titles or of topics instead. Whether a
 * label has a verb is decided by compromise's part-of-speech tagger, so the rule holds for any label.
 */

/** Why `label` does not read as a sentence after its number, or undefined when it does. */
export function keyNumberLabelProblem(label: string): string | undefined {
  // A verb of its own: not an infinitive ("a month to deploy a model") nor a gerund.
  if (nlp(label).not('to #Verb').not('#Gerund').has('#Verb')) return undefined;
  const namesPeople = nlp(label).has('(#Actor|#Person|#Acronym)');
  // "Increased", "Rank governance ...": a verb the tagger only sees once the label has a subject.
  const asPredicate = nlp(`They ${label.charAt(0).toLowerCase()}${label.slice(1)}`);
  if (!namesPeople && asPredicate.terms().eq(1).has('#Verb')) return undefined;
  const kind = namesPeople ? 'a share of job titles' : 'a noun phrase';
  return `"${label}" reads as ${kind} after its number, not as a sentence: say what the share of respondents said or did (e.g. "57% say infrastructure and operations leaders help set AI/ML priorities")`;
}
