/**
 * What a series is, in the line above its title wherever editions are listed: "Third annual edition of
 * Algorithmia’s survey", or, for a demonstration series, that it is a series of its own on a fictional survey,
 * never an edition of another series' survey.
 */
export interface EditionLineData {
  editionLabel: string;
  demonstration?: boolean;
  survey: { publisher?: string };
}

export function editionLine(data: EditionLineData): string {
  if (data.demonstration) return 'A separate demonstration series, on a fictional survey';
  return `${data.editionLabel} of ${data.survey.publisher ? `${data.survey.publisher}’s survey` : 'the survey'}`;
}

/**
 * Whether two series are editions of one line (one survey, year after year): a demonstration series is a line
 * of its own, so "Latest" never compares it with a real survey's editions, nor them with it.
 */
export function sameLine(a: { id: string; data: { demonstration?: boolean } }, b: typeof a): boolean {
  return a.id === b.id || (!a.data.demonstration && !b.data.demonstration);
}
